package org.ssl4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Collects a block's parameters under a name prefix, the way methods list what they train and what they save. */
public final class ParameterLists {
    private ParameterLists() {}

    /**
     * Adds {@code block}'s parameters to {@code out} as {@code prefix + name}.
     *
     * @param trainedOnly only those that receive gradients (not batch-norm statistics or frozen momentum copies)
     */
    public static void add(PairList<String, Parameter> out, String prefix, Block block, boolean trainedOnly) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (!trainedOnly || p.getValue().requiresGradient()) {
                out.add(prefix + p.getKey(), p.getValue());
            }
        }
    }

    /** Every parameter array of {@code block} (trained or not) by {@code prefix + name}, into {@code out}. */
    public static Map<String, NDArray> arrays(Map<String, NDArray> out, String prefix, Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(prefix + p.getKey(), p.getValue().getArray());
        }
        return out;
    }

    /** The trained parameters of several blocks, each's names after its prefix (the map's keys), in order. */
    public static PairList<String, Parameter> trained(Map<String, ? extends Block> blocks) {
        PairList<String, Parameter> out = new PairList<>();
        blocks.forEach((prefix, block) -> add(out, prefix, block, true));
        return out;
    }

    /** Every parameter array of several blocks, each's names after its prefix (the map's keys), in a new map. */
    public static Map<String, NDArray> arrays(Map<String, ? extends Block> blocks) {
        Map<String, NDArray> out = newArrayMap();
        blocks.forEach((prefix, block) -> arrays(out, prefix, block));
        return out;
    }

    /** A fresh insertion-ordered map for {@link #arrays}. */
    public static Map<String, NDArray> newArrayMap() {
        return new LinkedHashMap<>();
    }
}
