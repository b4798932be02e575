package org.ssl4j.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Class-stratified, seeded train/test splits. */
public final class Splits {
    private Splits() {}

    /**
     * The two index sets of a split.
     *
     * @param train training indices, ascending
     * @param test held-out indices, ascending
     */
    public record Split(int[] train, int[] test) {}

    /**
     * A deterministic, class-balanced labelled subset for semi-supervised protocols: {@code round(n * fraction)}
     * indices (ascending), shared among classes in proportion to their size, drawn by a seeded shuffle within each
     * class. 1 % of the 8,000 bundled training digits is 80 digits, 8 per class.
     *
     * @param fraction in (0, 1]; 1 returns every index
     */
    public static int[] labelFraction(int[] labels, double fraction, long seed) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("label fraction must be in (0, 1]: " + fraction);
        }
        if (fraction == 1) {
            int[] all = new int[labels.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return stratified(labels, fraction, seed).test();
    }

    /**
     * Splits {@code labels} so that each class keeps its proportion: the held-out total is
     * {@code round(n * testFraction)}, shared among classes by largest remainder, and within each class the held-out
     * samples are drawn by a seeded shuffle. The same labels, fraction and seed give the same split everywhere.
     */
    public static Split stratified(int[] labels, double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("testFraction must be in (0, 1): " + testFraction);
        }
        int numClasses = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        int total = (int) Math.round(labels.length * testFraction);
        int[] quota = new int[numClasses];
        double[] remainder = new double[numClasses];
        int assigned = 0;
        for (int c = 0; c < numClasses; c++) {
            double exact = byClass.get(c).size() * testFraction;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        Integer[] order = new Integer[numClasses];
        for (int c = 0; c < numClasses; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : a - b);
        for (int i = 0; assigned < total; i++, assigned++) {
            quota[order[i % numClasses]]++;
        }
        Random random = new Random(seed);
        boolean[] held = new boolean[labels.length];
        for (int c = 0; c < numClasses; c++) {
            List<Integer> members = byClass.get(c);
            Collections.shuffle(members, random);
            for (int i = 0; i < quota[c]; i++) {
                held[members.get(i)] = true;
            }
        }
        int[] test = new int[total];
        int[] train = new int[labels.length - total];
        for (int i = 0, a = 0, b = 0; i < labels.length; i++) {
            if (held[i]) {
                test[a++] = i;
            } else {
                train[b++] = i;
            }
        }
        return new Split(train, test);
    }
}
