package org.ssl4j.video.data;

import java.util.SplittableRandom;
import org.ssl4j.core.data.Dataset;

/**
 * A core {@link Dataset} with one sample per video of a {@link VideoFolder}, labelled by the video's class and
 * identified by its path under the folder's root. Subclasses say what a sample holds (clips, or CMD's clip, keyframe
 * and motion vectors) and read it from the sample's own generator; reading without one draws from a generator of the
 * index alone, so evaluation sees the same sample every time.
 */
public abstract class VideoFolderDataset implements Dataset {
    private final VideoFolder videos;

    /** @param videos the videos and their classes */
    protected VideoFolderDataset(VideoFolder videos) {
        this.videos = videos;
    }

    /** The videos the samples come from. */
    public final VideoFolder videos() {
        return videos;
    }

    @Override
    public final int size() {
        return videos.size();
    }

    @Override
    public final boolean hasLabels() {
        return true;
    }

    @Override
    public final int label(int index) {
        return videos.labels()[index];
    }

    @Override
    public final int numClasses() {
        return videos.classNames().size();
    }

    @Override
    public final String id(int index) {
        return videos.root().relativize(videos.paths().get(index)).toString();
    }

    /** Reads with a generator derived from the index alone (evaluation: the same sample every time). */
    @Override
    public final void read(int index, float[] dst, int offset) {
        read(index, dst, offset, new SplittableRandom(index));
    }

    @Override
    public abstract void read(int index, float[] dst, int offset, SplittableRandom random);
}
