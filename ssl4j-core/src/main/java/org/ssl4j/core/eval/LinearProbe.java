package org.ssl4j.core.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.ssl4j.core.tensor.Tensors;

/**
 * The linear evaluation protocol: multinomial logistic regression on frozen features, trained full batch to
 * convergence, as scikit-learn's {@code LogisticRegression(solver="lbfgs")} that SimCLR's and MoCo's linear
 * evaluations on small data use.
 *
 * <p>Features are standardised with the training mean and standard deviation. The objective is
 *
 * <pre>
 *   f(W, b) = -(1/N) sum_i log softmax(x_i W + b)_{y_i} + (lambda / 2) ||W||^2
 * </pre>
 *
 * with gradient {@code X^T (softmax(XW + b) - Y) / N + lambda W} and {@code sum_i (softmax - Y) / N}, computed in
 * float64 on the engine. It is minimised by L-BFGS (Nocedal and Wright, algorithm 7.4, memory 10) with a backtracking
 * Armijo line search, from zero weights, so the result is deterministic. It stops when the largest gradient entry
 * falls below 1e-6, when the objective improves by less than 1e-10 (relative), or at {@code maxIterations}.
 * The L-BFGS vector algebra is plain Java on the {@code D*C + C} parameters; DJL has no L-BFGS.
 */
public final class LinearProbe {
    private static final int MEMORY = 10;
    private static final double GRADIENT_TOLERANCE = 1e-6;
    private static final double RELATIVE_TOLERANCE = 1e-10;
    private static final double ARMIJO = 1e-4;

    private final int maxIterations;
    private final double weightDecay;

    /**
     * @param maxIterations L-BFGS iteration cap
     * @param weightDecay L2 penalty lambda on the weights
     */
    public LinearProbe(int maxIterations, double weightDecay) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1: " + maxIterations);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0: " + weightDecay);
        }
        this.maxIterations = maxIterations;
        this.weightDecay = weightDecay;
    }

    /** A fitted probe: standardisation and weights. */
    public static final class Model {
        private final double[] mean;
        private final double[] std;
        private final double[] theta;
        private final int numClasses;
        private final int iterations;
        private final double objective;

        Model(double[] mean, double[] std, double[] theta, int numClasses, int iterations, double objective) {
            this.mean = mean;
            this.std = std;
            this.theta = theta;
            this.numClasses = numClasses;
            this.iterations = iterations;
            this.objective = objective;
        }

        /** L-BFGS iterations run. */
        public int iterations() {
            return iterations;
        }

        /** The final value of the objective. */
        public double objective() {
            return objective;
        }

        /** The predicted class of each row of {@code features} {@code (M, D)}. */
        public int[] predict(NDArray features) {
            try (NDManager scope = features.getManager().newSubManager()) {
                scope.tempAttachAll(features);
                NDArray x = standardise(features, mean, std, scope); // (M, D)
                int d = mean.length;
                NDArray[] wb = unpack(theta, d, numClasses, scope);
                long[] argmax = x.matMul(wb[0]).add(wb[1]).argMax(1).toLongArray(); // (M, C) -> (M)
                int[] out = new int[argmax.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (int) argmax[i];
                }
                return out;
            }
        }
    }

    /**
     * Fits the probe.
     *
     * @param features {@code (N, D)} training features
     * @param labels their classes
     * @param numClasses C
     */
    public Model fit(NDArray features, int[] labels, int numClasses) {
        int n = Math.toIntExact(features.getShape().get(0));
        int d = Math.toIntExact(features.getShape().get(1));
        try (NDManager scope = features.getManager().newSubManager()) {
            scope.tempAttachAll(features);
            NDArray raw = features.toType(DataType.FLOAT64, false);
            double[] mean = raw.mean(new int[] {0}).toDoubleArray(); // (D)
            double[] std = raw.sub(raw.mean(new int[] {0}, true)).square().mean(new int[] {0}).sqrt().toDoubleArray();
            for (int j = 0; j < d; j++) {
                std[j] += 1e-6;
            }
            NDArray x = standardise(features, mean, std, scope); // (N, D)
            NDArray xT = x.transpose(); // (D, N)
            double[] oneHot = new double[n * numClasses];
            for (int i = 0; i < n; i++) {
                oneHot[i * numClasses + labels[i]] = 1;
            }
            NDArray y = Tensors.fromHeap(scope, oneHot, new Shape(n, numClasses)); // (N, C)
            Objective objective = new Objective(x, xT, y, n, d, numClasses, weightDecay);
            double[] theta = new double[d * numClasses + numClasses];
            double[] grad = new double[theta.length];
            double f = objective.evaluate(theta, grad);
            int iterations = 0;
            double[][] s = new double[MEMORY][];
            double[][] yk = new double[MEMORY][];
            double[] rho = new double[MEMORY];
            int stored = 0;
            while (iterations < maxIterations && maxAbs(grad) > GRADIENT_TOLERANCE) {
                iterations++;
                double[] direction = twoLoop(grad, s, yk, rho, stored);
                double slope = dot(grad, direction);
                if (slope >= 0) { // not a descent direction: restart from steepest descent
                    stored = 0;
                    direction = negate(grad);
                    slope = dot(grad, direction);
                }
                double step = stored == 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
                double[] next = new double[theta.length];
                double[] nextGrad = new double[theta.length];
                double fNext;
                while (true) {
                    for (int i = 0; i < theta.length; i++) {
                        next[i] = theta[i] + step * direction[i];
                    }
                    fNext = objective.evaluate(next, nextGrad);
                    if (fNext <= f + ARMIJO * step * slope || step < 1e-12) {
                        break;
                    }
                    step *= 0.5;
                }
                double[] sNew = new double[theta.length];
                double[] yNew = new double[theta.length];
                for (int i = 0; i < theta.length; i++) {
                    sNew[i] = next[i] - theta[i];
                    yNew[i] = nextGrad[i] - grad[i];
                }
                double sy = dot(sNew, yNew);
                if (sy > 1e-12) {
                    int slot = stored < MEMORY ? stored++ : rotate(s, yk, rho);
                    s[slot] = sNew;
                    yk[slot] = yNew;
                    rho[slot] = 1 / sy;
                }
                double improvement = (f - fNext) / Math.max(1, Math.abs(f));
                theta = next;
                grad = nextGrad;
                f = fNext;
                if (improvement < RELATIVE_TOLERANCE) {
                    break;
                }
            }
            return new Model(mean, std, theta, numClasses, iterations, f);
        }
    }

    /** Loss and gradient of the objective on the engine. */
    private record Objective(NDArray x, NDArray xT, NDArray y, int n, int d, int c, double lambda) {
        double evaluate(double[] theta, double[] gradOut) {
            try (NDManager step = x.getManager().newSubManager()) {
                step.tempAttachAll(x, xT, y);
                NDArray[] wb = unpack(theta, d, c, step); // (D, C), (1, C)
                NDArray logProb = x.matMul(wb[0]).add(wb[1]).logSoftmax(1); // (N, C)
                double loss = -logProb.mul(y).sum().getDouble() / n + 0.5 * lambda * wb[0].square().sum().getDouble();
                NDArray residual = logProb.exp().sub(y).div(n); // (N, C)
                double[] gW = xT.matMul(residual).add(wb[0].mul(lambda)).toDoubleArray(); // (D, C)
                double[] gB = residual.sum(new int[] {0}).toDoubleArray(); // (C)
                System.arraycopy(gW, 0, gradOut, 0, gW.length);
                System.arraycopy(gB, 0, gradOut, gW.length, gB.length);
                return loss;
            }
        }
    }

    private static NDArray standardise(NDArray features, double[] mean, double[] std, NDManager scope) {
        int d = mean.length;
        NDArray m = Tensors.fromHeap(scope, mean, new Shape(1, d));
        NDArray s = Tensors.fromHeap(scope, std, new Shape(1, d));
        return features.toType(DataType.FLOAT64, false).sub(m).div(s); // (N, D)
    }

    private static NDArray[] unpack(double[] theta, int d, int c, NDManager manager) {
        double[] w = new double[d * c];
        double[] b = new double[c];
        System.arraycopy(theta, 0, w, 0, w.length);
        System.arraycopy(theta, w.length, b, 0, c);
        return new NDArray[] {
            Tensors.fromHeap(manager, w, new Shape(d, c)), Tensors.fromHeap(manager, b, new Shape(1, c))
        };
    }

    /** The L-BFGS two-loop recursion: {@code -H g} with the stored pairs, oldest first in {@code s[0..stored)}. */
    private static double[] twoLoop(double[] g, double[][] s, double[][] y, double[] rho, int stored) {
        double[] q = g.clone();
        double[] alpha = new double[stored];
        for (int k = stored - 1; k >= 0; k--) {
            alpha[k] = rho[k] * dot(s[k], q);
            axpy(-alpha[k], y[k], q);
        }
        if (stored > 0) {
            double gamma = dot(s[stored - 1], y[stored - 1]) / dot(y[stored - 1], y[stored - 1]);
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
        }
        for (int k = 0; k < stored; k++) {
            double beta = rho[k] * dot(y[k], q);
            axpy(alpha[k] - beta, s[k], q);
        }
        return negate(q);
    }

    /** Drops the oldest pair and returns the freed last slot. */
    private static int rotate(double[][] s, double[][] y, double[] rho) {
        System.arraycopy(s, 1, s, 0, MEMORY - 1);
        System.arraycopy(y, 1, y, 0, MEMORY - 1);
        System.arraycopy(rho, 1, rho, 0, MEMORY - 1);
        return MEMORY - 1;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }

    /** Fraction of {@code predicted} equal to {@code labels}. */
    public static double accuracy(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return (double) correct / labels.length;
    }
}
