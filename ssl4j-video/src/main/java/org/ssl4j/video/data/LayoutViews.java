package org.ssl4j.video.data;

import org.ssl4j.core.data.ViewTransform;

/**
 * A {@link ViewTransform} of samples laid out by a {@link SampleLayout}: the layout fixes the sample's shape, so each
 * view's shape depends on the view alone, and a sample of another shape is refused.
 */
public interface LayoutViews extends ViewTransform {
    /** Where the parts of a sample lie. */
    SampleLayout layout();

    /** The shape of view {@code view}. */
    int[] shapeOf(int view);

    @Override
    default int[] viewShape(int[] sampleShape) {
        return viewShape(0, sampleShape);
    }

    @Override
    default int[] viewShape(int view, int[] sampleShape) {
        layout().check(sampleShape);
        return shapeOf(view);
    }
}
