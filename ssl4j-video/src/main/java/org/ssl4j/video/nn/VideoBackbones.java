package org.ssl4j.video.nn;

import java.util.Set;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.BackboneFamily;
import org.ssl4j.core.recipe.BackboneConfig;

/**
 * The video module's architectures for {@code backbone.name}: {@code r3d-18}, {@code r2plus1d-18}, {@code r3d-10} and
 * {@code r2plus1d-10} ({@link ResNet3d}), with {@code backbone.width} as the channel multiplier (0.25 with
 * {@code r2plus1d-10} is {@link ResNet3d#small}, sized for 8x64x64 clips on a CPU).
 */
public final class VideoBackbones implements BackboneFamily {
    @Override
    public Set<String> names() {
        return Set.of("r3d-18", "r2plus1d-18", "r3d-10", "r2plus1d-10");
    }

    @Override
    public Backbone create(BackboneConfig config) {
        String[] parts = config.name().split("-");
        ResNet3d.Kind kind = parts[0].equals("r3d") ? ResNet3d.Kind.R3D : ResNet3d.Kind.R2PLUS1D;
        return new ResNet3d(kind, Integer.parseInt(parts[1]), config.width(), config.batchNormSplits());
    }
}
