package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.data.HostBatch;
import org.ssl4j.core.method.Batch;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.train.Engines;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.image.moco.MoCo;
import org.ssl4j.image.moco.MoCoConfig;
import org.ssl4j.video.augment.ClipAugmentation;
import org.ssl4j.video.data.ClipDataset;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.nn.ResNet3d;
import org.ssl4j.video.synth.MotionDigits;

/**
 * The groundwork of RGB video MoCo (issue 6): MoCo v2 as the image module has it, on a 3D ResNet with split batch
 * norm, fed two augmented clips of each MotionDigits video by the core loader. Three steps of plain SGD run: the
 * loss is finite, the query encoder has gradients and the momentum encoder follows it.
 */
class MoCoOnClipsTest {
    @Test
    void mocoTrainsOnClipsOfMotionDigits(@TempDir Path dir) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ImageData.TrainTest digits = ImageData.open(DataConfig.defaults(), Path.of(""), quiet);
        Path root = dir.resolve("md");
        MotionDigits.generate(new MotionDigits.Settings(0, 32, 12, 25, 1, 1, 0, 0.8, false, 16_000, 2),
                digits.train(), digits.test(), root, quiet);
        ClipDataset clips = new ClipDataset(VideoFolder.fromList(root, "trainlist01.txt"),
                new ClipSampler(4, 2, 25, ClipSampler.Position.RANDOM, 2), 32, 32, ClipDataset.OnCorrupt.ERROR,
                quiet);
        ClipAugmentation augmentation = new ClipAugmentation(28, 0.3, 1, 0, 0.8, 0.5, 0.2);
        int batch = 8;
        MoCo moco = new MoCo(new MoCoConfig(0.2, 16, 0.9, null, 64, 32, null, null), () -> ResNet3d.small(2));
        try (NDManager manager = Engines.pytorch().newBaseManager();
                BatchLoader loader = new BatchLoader(clips, augmentation, batch, 1, 0, 3, 2, 2)) {
            moco.initialize(manager, new Shape(batch, 3, 4, 28, 28));
            NDArray keyWeight = moco.keyParameters().get(0).getValue().getArray();
            NDArray before = keyWeight.duplicate();
            for (int step = 0; step < 3; step++) {
                HostBatch host = loader.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDList views = new NDList();
                    for (float[] view : host.views()) {
                        views.add(scope.create(view, new Shape(batch, 3, 4, 28, 28)));
                    }
                    NDArray loss;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        loss = moco.loss(new Batch(views, host.labels(), host.methodSeed()), scope);
                        collector.backward(loss);
                    }
                    assertThat(loss.getFloat()).as("loss at step %d", step).isFinite().isPositive();
                    NDArray grad = moco.parameters().get(0).getValue().getArray().getGradient();
                    assertThat(grad.abs().sum().getFloat()).isPositive().isFinite();
                    for (var p : moco.parameters()) { // plain SGD on the query side, then MoCo's EMA
                        NDArray w = p.getValue().getArray();
                        if (w.hasGradient()) {
                            w.subi(w.getGradient().mul(0.5f));
                        }
                    }
                    moco.afterStep(scope, step, 3);
                }
            }
            // The key encoder follows the trained query encoder by EMA.
            assertThat(keyWeight.sub(before).abs().max().getFloat()).isGreaterThan(1e-6f);
        }
    }
}
