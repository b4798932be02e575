package org.ssl4j.core.train;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.eval.OnlineLinearProbe;
import org.ssl4j.core.method.Method;
import org.ssl4j.core.optim.StatefulOptimizer;
import org.ssl4j.core.tensor.Tensors;

/**
 * What a pretraining checkpoint holds and how it is put back: the method's arrays and counters, the optimiser's state
 * arrays and step count, the online probe's weights, optimiser and accuracy window, and the number of steps taken. The learning-rate schedule, the data order and every
 * augmentation are functions of the run seed and the step, so the step is their whole state.
 */
public final class TrainingState {
    private static final String METHOD = "method/";
    private static final String OPTIMIZER = "optimizer/";
    private static final String OPTIMIZER_STEPS = "optimizer.steps";
    private static final String PROBE = "probe/";

    private TrainingState() {}

    /** The arrays to save, by checkpoint name; {@code probe} may be {@code null}. */
    public static Map<String, NDArray> arrays(Method method, StatefulOptimizer optimizer, OnlineLinearProbe probe) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        putAll(out, METHOD, method.stateArrays());
        putAll(out, OPTIMIZER, optimizer.state());
        if (probe != null) {
            putAll(out, PROBE, probe.weights());
            putAll(out, PROBE + OPTIMIZER, probe.optimizer().state());
        }
        return out;
    }

    /** The whole numbers to save, by checkpoint name; {@code probe} may be {@code null}. */
    public static Map<String, Long> counters(Method method, StatefulOptimizer optimizer, OnlineLinearProbe probe) {
        Map<String, Long> out = new LinkedHashMap<>();
        putAll(out, METHOD, method.stateCounters());
        out.put(OPTIMIZER_STEPS, optimizer.stepCount());
        if (probe != null) {
            putAll(out, PROBE, probe.stateCounters());
            out.put(PROBE + OPTIMIZER_STEPS, probe.optimizer().stepCount());
        }
        return out;
    }

    /**
     * Overwrites the live arrays of the method (and of the probe, if any) with a checkpoint's, closing the copies read
     * from it, and hands the optimisers their saved state.
     *
     * @return the number of steps the checkpoint was taken after
     * @throws Ssl4jException when the checkpoint does not belong to this run (names, shapes or types differ)
     */
    public static long restore(Checkpoints.Loaded checkpoint, Method method, StatefulOptimizer optimizer,
            OnlineLinearProbe probe) {
        restoreMethod(checkpoint, method);
        restoreOptimizer(checkpoint, "", optimizer);
        if (probe != null) {
            restoreArrays(checkpoint, PROBE, probe.weights(), "online probe");
            restoreOptimizer(checkpoint, PROBE, probe.optimizer());
            probe.restoreCounters(withPrefix(checkpoint.counters(), PROBE));
        }
        return checkpoint.step();
    }

    /**
     * Overwrites the live arrays and counters of the method with a checkpoint's: its whole trained model (encoder,
     * heads, momentum copies), for what the exported encoder leaves out, such as the projection head.
     *
     * @throws Ssl4jException when the checkpoint does not belong to this method
     */
    public static void restoreMethod(Checkpoints.Loaded checkpoint, Method method) {
        restoreArrays(checkpoint, METHOD, method.stateArrays(), method.name() + " model");
        method.restoreCounters(withPrefix(checkpoint.counters(), METHOD));
    }

    /**
     * Copies the checkpoint's {@code prefix + name} array into each live array of {@code owner}, closing the copies.
     *
     * @throws Ssl4jException when an array is missing or its shape or type differs
     */
    public static void restoreArrays(Checkpoints.Loaded checkpoint, String prefix, Map<String, NDArray> live,
            String owner) {
        for (Map.Entry<String, NDArray> e : live.entrySet()) {
            NDArray source = checkpoint.arrays().get(prefix + e.getKey());
            NDArray target = e.getValue();
            if (source == null || !source.getShape().equals(target.getShape())
                    || source.getDataType() != target.getDataType()) {
                throw new Ssl4jException(checkpoint.file() + " does not match this run's " + owner + " at "
                        + e.getKey() + ": expected " + target.getDataType() + " " + target.getShape() + ", found "
                        + (source == null ? "nothing" : source.getDataType() + " " + source.getShape()));
            }
            Tensors.copyInto(target, source);
            source.close();
        }
    }

    /** Gives {@code optimizer} the checkpoint's state arrays and step count saved under {@code prefix}. */
    public static void restoreOptimizer(Checkpoints.Loaded checkpoint, String prefix, StatefulOptimizer optimizer) {
        Long steps = checkpoint.counters().get(prefix + OPTIMIZER_STEPS);
        if (steps == null) {
            throw new Ssl4jException(checkpoint.file() + " has no optimiser step count (" + prefix + OPTIMIZER_STEPS
                    + ")");
        }
        optimizer.restoreState(withPrefix(checkpoint.arrays(), prefix + OPTIMIZER), steps);
    }

    /**
     * Adds {@code optimizer}'s state arrays to {@code arrays} and its step count to {@code counters}, under
     * {@code prefix}, as {@link #restoreOptimizer} reads them back.
     */
    public static void saveOptimizer(String prefix, StatefulOptimizer optimizer, Map<String, NDArray> arrays,
            Map<String, Long> counters) {
        putAll(arrays, prefix + OPTIMIZER, optimizer.state());
        counters.put(prefix + OPTIMIZER_STEPS, optimizer.stepCount());
    }

    private static <V> void putAll(Map<String, V> out, String prefix, Map<String, V> entries) {
        entries.forEach((name, value) -> out.put(prefix + name, value));
    }

    /** The entries of {@code map} whose names start with {@code prefix}, with the prefix removed. */
    private static <V> Map<String, V> withPrefix(Map<String, V> map, String prefix) {
        Map<String, V> out = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), value);
            }
        });
        return out;
    }
}
