package org.ssl4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Batch normalisation that, in training, normalises {@code n} interleaved splits of the batch separately: the
 * one-device substitute for MoCo's shuffling BN (He et al. 2020, section 3.3), as {@code SplitBatchNorm} in the
 * official MoCo CIFAR demo. Sample {@code i} belongs to split {@code i mod n}; each split is normalised with its own
 * batch statistics, so a query cannot find its key through statistics shared across the batch. The running
 * statistics are the mean over splits. In inference it is plain batch norm, with the same parameters.
 *
 * <p>Written here because DJL's {@code BatchNorm} normalises the whole batch; the reshape {@code (N, C, ...)} to
 * {@code (N / n, n C, ...)} turns the splits into channels of one ordinary batch-norm call.
 */
public final class SplitBatchNorm extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;
    private static final float MOMENTUM = 0.9f; // DJL's convention: PyTorch's momentum 0.1

    private final int splits;
    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long channels;

    /**
     * @param splits {@code n} &gt;= 1; 1 is ordinary batch norm
     */
    public SplitBatchNorm(int splits) {
        super(VERSION);
        if (splits < 1) {
            throw new IllegalArgumentException("batch-norm splits must be >= 1: " + splits);
        }
        this.splits = splits;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    /** {@code n}. */
    public int splits() {
        return splits;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // (N, C, ...)
        NDArray g = parameterStore.getValue(gamma, x.getDevice(), training);
        NDArray b = parameterStore.getValue(beta, x.getDevice(), training);
        NDArray mean = parameterStore.getValue(runningMean, x.getDevice(), training);
        NDArray var = parameterStore.getValue(runningVar, x.getDevice(), training);
        if (!training || splits == 1) {
            return BatchNorm.batchNorm(x, mean, var, g, b, 1, MOMENTUM, EPSILON, training);
        }
        Shape shape = x.getShape();
        long n = shape.get(0);
        if (n % splits != 0) {
            throw new IllegalArgumentException("batch of " + n + " cannot be cut into " + splits
                    + " batch-norm splits; choose a batch size divisible by backbone.batchNormSplits");
        }
        long[] grouped = shape.getShape().clone();
        grouped[0] = n / splits;
        grouped[1] = shape.get(1) * splits;
        // DJL puts an operation's result on the manager of the array it is called on: arrays derived from the
        // long-lived parameters move to the input's (the step's) manager, or they would pile up every step.
        NDManager scope = x.getManager();
        NDArray splitMean = onto(scope, mean.tile(splits)); // (n C)
        NDArray splitVar = onto(scope, var.tile(splits)); // (n C)
        NDArray y = BatchNorm.batchNorm(x.reshape(new Shape(grouped)), splitMean, splitVar,
                onto(scope, g.tile(splits)), onto(scope, b.tile(splits)), 1, MOMENTUM, EPSILON, true)
                .singletonOrThrow(); // (N / n, n C, ...)
        // the engine updated the split running statistics in place; keep their mean over the splits
        mean.set(new NDIndex(":"), splitMean.reshape(splits, shape.get(1)).mean(new int[] {0})); // (C)
        var.set(new NDIndex(":"), splitVar.reshape(splits, shape.get(1)).mean(new int[] {0})); // (C)
        return new NDList(y.reshape(shape)); // (N, C, ...)
    }

    private static NDArray onto(NDManager scope, NDArray array) {
        array.attach(scope);
        return array;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        channels = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        for (Parameter p : new Parameter[] {gamma, beta, runningMean, runningVar}) {
            p.setShape(new Shape(channels));
        }
    }
}
