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
        method.stateArrays().forEach((name, array) -> out.put(METHOD + name, array));
        optimizer.state().forEach((name, array) -> out.put(OPTIMIZER + name, array));
        if (probe != null) {
            probe.stateArrays().forEach((name, array) -> out.put(PROBE + name, array));
        }
        return out;
    }

    /** The whole numbers to save, by checkpoint name; {@code probe} may be {@code null}. */
    public static Map<String, Long> counters(Method method, StatefulOptimizer optimizer, OnlineLinearProbe probe) {
        Map<String, Long> out = new LinkedHashMap<>();
        method.stateCounters().forEach((name, value) -> out.put(METHOD + name, value));
        out.put(OPTIMIZER_STEPS, optimizer.stepCount());
        if (probe != null) {
            probe.stateCounters().forEach((name, value) -> out.put(PROBE + name, value));
        }
        return out;
    }

    /**
     * Overwrites the method's live arrays and the optimiser's state with a checkpoint's, and closes the method arrays
     * read from it (the optimiser keeps its arrays).
     *
     * @return the number of steps the checkpoint was taken after
     * @throws Ssl4jException when the checkpoint does not belong to this method (names, shapes or types differ)
     */
    public static long restore(Checkpoints.Loaded checkpoint, Method method, StatefulOptimizer optimizer,
            OnlineLinearProbe probe) {
        Map<String, NDArray> saved = checkpoint.arrays();
        for (Map.Entry<String, NDArray> e : method.stateArrays().entrySet()) {
            NDArray source = saved.get(METHOD + e.getKey());
            NDArray target = e.getValue();
            if (source == null || !source.getShape().equals(target.getShape())
                    || source.getDataType() != target.getDataType()) {
                throw new Ssl4jException(checkpoint.file() + " does not match this run's " + method.name()
                        + " model at " + e.getKey() + ": expected " + target.getDataType() + " " + target.getShape()
                        + ", found " + (source == null ? "nothing" : source.getDataType() + " " + source.getShape()));
            }
            Tensors.copyInto(target, source);
            source.close();
        }
        method.restoreCounters(withPrefix(checkpoint.counters(), METHOD));
        Map<String, NDArray> optimizerState = withPrefix(saved, OPTIMIZER);
        Long steps = checkpoint.counters().get(OPTIMIZER_STEPS);
        if (steps == null) {
            throw new Ssl4jException(checkpoint.file() + " has no optimiser step count");
        }
        optimizer.restoreState(optimizerState, steps);
        if (probe != null) {
            Map<String, NDArray> probeArrays = withPrefix(saved, PROBE);
            Map<String, Long> probeCounters = withPrefix(checkpoint.counters(), PROBE);
            if (probeArrays.isEmpty()) {
                throw new Ssl4jException(checkpoint.file() + " holds no online probe, but this run has one");
            }
            probe.restore(probeArrays, probeCounters);
        }
        return checkpoint.step();
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
