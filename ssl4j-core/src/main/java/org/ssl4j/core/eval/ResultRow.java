package org.ssl4j.core.eval;

/**
 * One measured figure, the row format of every {@code results.json} (DESIGN.md section 5).
 *
 * @param encoder what was measured: a method name, {@code random-init} or {@code raw-pixels}
 * @param protocol {@code linear}, {@code knn}, ...
 * @param metric {@code top1}, ...
 * @param value the figure, a fraction for accuracies
 * @param split the split measured on, e.g. {@code test}
 * @param seed the run's seed
 */
public record ResultRow(String encoder, String protocol, String metric, double value, String split, long seed) {}
