package org.ssl4j.rl.sac;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * The initialisation of CURL's and SAC-AE's official code ({@code utils.weight_init}): every linear layer's weight an
 * orthogonal matrix (Saxe et al. 2014; PyTorch's {@code orthogonal_}), every convolution's weight delta-orthogonal
 * (Xiao et al. 2018: zero except the kernel's centre tap, an orthogonal matrix times the ReLU gain {@code sqrt 2}), and
 * their biases zero; layer norms keep their ones and zeros. The Gaussian matrices come from the engine's generator,
 * so {@code Engines.seed} makes the result repeatable. DJL has no orthogonal initialiser, and libtorch's QR is not in
 * its NDArray API, so the orthonormalisation is done here: modified Gram-Schmidt on the host in double precision,
 * which gives the QR factor with a positive diagonal in {@code R}, the sign convention of {@code orthogonal_}.
 */
public final class OrthogonalInit {
    private static final double RELU_GAIN = Math.sqrt(2);

    private OrthogonalInit() {}

    /** Re-initialises the weights and biases of every linear and 2D convolution layer under {@code block}. */
    public static void apply(Block block, NDManager manager) {
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            NDArray array = parameter.getArray();
            Shape shape = array.getShape();
            if (parameter.getType() == Parameter.Type.BIAS) {
                array.set(array.zerosLike().toFloatArray());
            } else if (parameter.getType() == Parameter.Type.WEIGHT && shape.dimension() == 2) {
                array.set(orthogonal(manager, (int) shape.get(0), (int) shape.get(1), 1));
            } else if (parameter.getType() == Parameter.Type.WEIGHT && shape.dimension() == 4) {
                array.set(deltaOrthogonal(manager, shape));
            }
        }
    }

    /** A {@code (out, in, k, k)} kernel: zero but for its centre tap, an orthogonal {@code (out, in)} times gain. */
    private static float[] deltaOrthogonal(NDManager manager, Shape shape) {
        int out = (int) shape.get(0);
        int in = (int) shape.get(1);
        int kh = (int) shape.get(2);
        int kw = (int) shape.get(3);
        float[] centre = orthogonal(manager, out, in, RELU_GAIN);
        float[] kernel = new float[out * in * kh * kw];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                kernel[((o * in + i) * kh + kh / 2) * kw + kw / 2] = centre[o * in + i];
            }
        }
        return kernel;
    }

    /**
     * A {@code rows x cols} matrix, row-major, with orthonormal rows (when {@code rows <= cols}) or columns (else),
     * times {@code gain}: the Q factor of a standard Gaussian matrix.
     */
    static float[] orthogonal(NDManager manager, int rows, int cols, double gain) {
        boolean tall = rows >= cols;
        int n = tall ? rows : cols; // the long side: the vectors' length
        int m = tall ? cols : rows; // the number of orthonormal vectors
        double[] gaussian;
        try (NDArray draw = manager.randomNormal(new Shape(rows, cols), DataType.FLOAT64)) {
            gaussian = draw.toDoubleArray();
        }
        double[][] q = new double[m][n];
        for (int v = 0; v < m; v++) {
            for (int k = 0; k < n; k++) {
                q[v][k] = tall ? gaussian[k * cols + v] : gaussian[v * cols + k];
            }
        }
        for (int v = 0; v < m; v++) {
            for (int u = 0; u < v; u++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += q[u][k] * q[v][k];
                }
                for (int k = 0; k < n; k++) {
                    q[v][k] -= dot * q[u][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < n; k++) {
                norm += q[v][k] * q[v][k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < n; k++) {
                q[v][k] /= norm;
            }
        }
        float[] out = new float[rows * cols];
        for (int v = 0; v < m; v++) {
            for (int k = 0; k < n; k++) {
                out[tall ? k * cols + v : v * cols + k] = (float) (gain * q[v][k]);
            }
        }
        return out;
    }
}
