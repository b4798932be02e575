package org.ssl4j.image;

import org.ssl4j.core.method.Methods;
import org.ssl4j.image.densecl.DenseCl;
import org.ssl4j.image.densecl.DenseClConfig;
import org.ssl4j.image.moco.MoCo;
import org.ssl4j.image.moco.MoCoConfig;
import org.ssl4j.image.simclr.SimClr;
import org.ssl4j.image.simclr.SimClrConfig;

/** The image module's entries in the {@link Methods} registry. */
public final class ImageMethods {
    private ImageMethods() {}

    /** Adds the image methods to {@code builder}. */
    public static Methods.Builder register(Methods.Builder builder) {
        return builder.add("simclr", SimClrConfig.class, SimClr::new)
                .add("moco", MoCoConfig.class, MoCo::new)
                .add("densecl", DenseClConfig.class, DenseCl::new);
    }
}
