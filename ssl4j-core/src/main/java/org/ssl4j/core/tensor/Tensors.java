package org.ssl4j.core.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;

/**
 * Small NDArray helpers shared by losses, heads and the training loop.
 *
 * <p><b>Rule for code that autograd records:</b> never call DJL's {@code Number} overloads ({@code x.div(0.5f)},
 * {@code x.maximum(1e-12f)}, ...). On the PyTorch engine they wrap the number in a tensor that borrows a Java direct
 * buffer and close it straight after the operation; when autograd saved that tensor for backward, a garbage collection
 * before {@code backward} frees the buffer and the gradient is computed from whatever reuses the memory (rare, huge,
 * irreproducible gradient spikes). Use {@link #scalar} instead, whose memory the engine owns.
 */
public final class Tensors {
    private static final float NORM_EPS = 1e-12f;

    private Tensors() {}

    /** The shape of a batch of {@code n} samples of shape {@code sample}: {@code (n, sample...)}. */
    public static Shape batchShape(long n, int... sample) {
        long[] dims = new long[sample.length + 1];
        dims[0] = n;
        for (int i = 0; i < sample.length; i++) {
            dims[i + 1] = sample[i];
        }
        return new Shape(dims);
    }

    /** As {@link #batchShape(long, int...)}, for a sample shape held as a list (an encoder's saved input shape). */
    public static Shape batchShape(long n, List<Integer> sample) {
        return batchShape(n, sample.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * L2-normalises {@code x} along {@code axis}: {@code x / max(||x||, 1e-12)}, as {@code F.normalize} in PyTorch.
     *
     * @param x any shape
     * @param axis the axis to normalise over
     * @return an array of the same shape whose slices along {@code axis} have unit norm
     */
    public static NDArray l2Normalize(NDArray x, int axis) {
        return l2Normalize(x, axis, 1f);
    }

    /**
     * Scales {@code x} along {@code axis} to slices of norm {@code 1 / divisor}:
     * {@code x / (divisor * max(||x||, 1e-12))}. Losses pass the temperature tau here, to divide the short query
     * vectors instead of the wide logits.
     *
     * @param x any shape
     * @param axis the axis to normalise over
     * @param divisor the reciprocal of every slice's norm in the result
     * @return an array of the same shape
     */
    public static NDArray l2Normalize(NDArray x, int axis, float divisor) {
        NDArray norm = x.square().sum(new int[] {axis}, true).sqrt().maximum(scalar(x, NORM_EPS)); // keepdims
        return x.div(divisor == 1f ? norm : norm.mul(scalar(x, divisor)));
    }

    /**
     * A rank-0 array holding {@code value}, of {@code like}'s data type on {@code like}'s manager, allocated by the
     * engine (safe for autograd to save; see the class comment).
     */
    public static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /**
     * Copies Java floats into an array allocated by the engine. {@code NDManager.create} wraps a Java direct buffer
     * with {@code from_blob}, so a tensor that autograd saves for backward would depend on that buffer's lifetime and
     * alignment; the engine-owned copy depends on neither. Every input that feeds a computation comes through here.
     */
    public static NDArray fromHeap(NDManager manager, float[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    /** {@link #fromHeap(NDManager, float[], Shape)} for doubles. */
    public static NDArray fromHeap(NDManager manager, double[] data, Shape shape) {
        try (NDArray wrapped = manager.create(data, shape)) {
            return wrapped.duplicate();
        }
    }

    /** Copies {@code indices} into an engine-owned int64 array {@code (n)}, for indexing and gathering. */
    public static NDArray indices(NDManager manager, int[] indices) {
        long[] wide = new long[indices.length];
        for (int i = 0; i < indices.length; i++) {
            wide[i] = indices[i];
        }
        try (NDArray wrapped = manager.create(wide)) {
            return wrapped.duplicate();
        }
    }

    /**
     * Overwrites {@code target} in place with {@code source} (same shape and type), outside autograd: restoring a
     * checkpoint into live parameters that other objects hold.
     */
    public static void copyInto(NDArray target, NDArray source) {
        if (!target.getShape().equals(source.getShape()) || target.getDataType() != source.getDataType()) {
            throw new IllegalArgumentException("cannot copy " + source.getDataType() + " " + source.getShape()
                    + " into " + target.getDataType() + " " + target.getShape());
        }
        target.set(new NDIndex("..."), source);
    }

    /** Checks that {@code x} has {@code rank} dimensions, throwing an {@link IllegalArgumentException} naming it. */
    public static void checkRank(NDArray x, int rank, String name) {
        Shape shape = x.getShape();
        if (shape.dimension() != rank) {
            throw new IllegalArgumentException(name + " must have rank " + rank + ", got shape " + shape);
        }
    }

    /**
     * Sets the accumulated gradient of a parameter array to zero in place.
     *
     * <p>Written against the PyTorch engine because DJL's {@code GradientCollector.zeroGradients()} walks every
     * array of the system manager (slow) and leaks a gradient handle per array.
     */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }
}
