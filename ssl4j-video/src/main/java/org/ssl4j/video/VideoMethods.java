package org.ssl4j.video;

import java.io.PrintStream;
import java.nio.file.Path;
import org.ssl4j.core.data.Dataset;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.video.compressed.MotionFieldCache;
import org.ssl4j.video.method.cmd.Cmd;
import org.ssl4j.video.method.cmd.CmdConfig;
import org.ssl4j.video.method.cmd.CmdDataset;
import org.ssl4j.video.method.cmd.CmdViews;
import org.ssl4j.video.method.modist.Modist;
import org.ssl4j.video.method.modist.ModistConfig;
import org.ssl4j.video.method.modist.ModistDataset;
import org.ssl4j.video.method.modist.ModistViews;
import org.ssl4j.video.method.xdc.Xdc;
import org.ssl4j.video.method.xdc.XdcConfig;
import org.ssl4j.video.method.xdc.XdcDataset;
import org.ssl4j.video.method.xdc.XdcViews;
import org.ssl4j.core.data.ViewTransform;
import org.ssl4j.core.method.Methods;
import org.ssl4j.core.recipe.Recipe;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.VideoData;
import org.ssl4j.video.flow.FlowCache;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.method.dsm.Dsm;
import org.ssl4j.video.method.dsm.DsmConfig;
import org.ssl4j.video.method.dsm.DsmTriplet;
import org.ssl4j.video.method.dsm.DsmViews;

/**
 * The video module's entries in the {@link Methods} registry, and what a video recipe trains on: the clips each
 * method needs and the views it makes of them.
 */
public final class VideoMethods {
    private VideoMethods() {}

    /** Adds the video methods to {@code builder}. */
    public static Methods.Builder register(Methods.Builder builder) {
        return builder.add("dsm", DsmConfig.class, (config, backbones) -> config.triplet()
                ? new DsmTriplet(config, backbones) : new Dsm(config, backbones))
                .add("cmd", CmdConfig.class, Cmd::new)
                .add("modist", ModistConfig.class, Modist::new)
                .add("xdc", XdcConfig.class, Xdc::new);
    }

    /** The clips of a video recipe's training videos and the views its method makes of each. */
    public record TrainingClips(Dataset clips, ViewTransform views) {}

    /**
     * The training clips of {@code recipe} (a {@code videofolder} source with absolute paths): DSM's triplets; CMD's
     * clip, keyframe and motion vectors, read from the compressed stream (motion fields cached under
     * {@code <data.dir>/.ssl4j-cache}); MoDist's two clips and their optical flow (cached there too); XDC's clip and
     * the log-mel spectrogram of its sound; or two clips of each video at random times, each augmented (the two views
     * of the other methods).
     */
    public static TrainingClips trainingClips(Recipe recipe, PrintStream log) {
        var videos = VideoData.open(recipe.data(), null).train();
        if (recipe.method() instanceof DsmConfig dsm) {
            DsmViews views = new DsmViews(ClipAugmentation.of(recipe.augment(), 1, recipe.data().size()),
                    dsm.spatial(), dsm.temporal());
            return new TrainingClips(VideoData.randomClips(videos, recipe.data(), views.clipsPerSample(), log), views);
        }
        if (recipe.method() instanceof CmdConfig cmd) {
            DataConfig data = recipe.data();
            MotionFieldCache motion = new MotionFieldCache(Path.of(data.dir()).resolve(".ssl4j-cache"),
                    cmd.motionStride(), log);
            CmdDataset clips = new CmdDataset(videos, cmd.sampling(data.clip().frames(), data.clip().stride()),
                    data.size(), cmd.motionSize(), motion);
            return new TrainingClips(clips, new CmdViews(ClipAugmentation.of(recipe.augment(), 1, data.size()),
                    clips.layout()));
        }
        if (recipe.method() instanceof ModistConfig modist) {
            DataConfig data = recipe.data();
            int flowSize = modist.flowSize(data.size());
            double rate = data.clip().fps() / data.clip().stride();
            FlowCache flows = new FlowCache(Path.of(data.dir()).resolve(".ssl4j-cache"), modist.flowMethod(),
                    data.size(), data.size(), rate, log);
            ModistDataset clips = new ModistDataset(videos, data.clip().frames(), rate, data.size(), flowSize, flows);
            return new TrainingClips(clips, new ModistViews(ClipAugmentation.of(recipe.augment(), 1, data.size()),
                    clips.layout(), modist.flowBound()));
        }
        if (recipe.method() instanceof XdcConfig xdc) {
            DataConfig data = recipe.data();
            DataConfig.ClipConfig clip = data.clip();
            XdcDataset clips = new XdcDataset(videos, new ClipSampler(clip.frames(), clip.stride(), clip.fps(),
                    ClipSampler.Position.RANDOM, 1), data.size(), xdc.audioSeconds(), xdc.spectrogram());
            return new TrainingClips(clips, new XdcViews(ClipAugmentation.of(recipe.augment(), 1, data.size()),
                    clips.layout()));
        }
        return new TrainingClips(VideoData.randomClips(videos, recipe.data(), 2, log),
                ClipAugmentation.of(recipe.augment(), 2, recipe.data().size()));
    }
}
