package org.ssl4j.continual.eval;

import java.util.Arrays;
import java.util.List;
import org.ssl4j.core.Ssl4jException;

/**
 * Per-task cluster accuracy through a sequential stream, and the forgetting it shows (Chaudhry et al. 2018's
 * measure on CURL's clusters): after task {@code t} (the stream's {@code t}-th class), the test samples of the classes
 * seen so far are assigned to clusters, each cluster is mapped to its majority class among them, and task
 * {@code j <= t}'s accuracy is the fraction of its test samples whose cluster maps to its class. The forgetting of
 * task {@code j} is its best accuracy before the last task minus its accuracy after the last.
 */
public final class TaskAccuracies {
    private final double[][] accuracy;

    /**
     * @param assignments the test samples' clusters after each task, in stream order
     * @param labels the test samples' classes
     * @param order the classes in stream order (task {@code t} is class {@code order[t]})
     * @param numClusters the most clusters an assignment uses
     */
    public TaskAccuracies(List<int[]> assignments, int[] labels, int[] order, int numClusters) {
        Ssl4jException.check(assignments.size() <= order.length, "task accuracies: %d evaluations for %d tasks",
                assignments.size(), order.length);
        int numClasses = 0;
        for (int c : order) {
            numClasses = Math.max(numClasses, c + 1);
        }
        int[] taskOf = new int[numClasses];
        Arrays.fill(taskOf, Integer.MAX_VALUE);
        for (int t = 0; t < order.length; t++) {
            taskOf[order[t]] = t;
        }
        accuracy = new double[assignments.size()][];
        for (int t = 0; t < assignments.size(); t++) {
            int[] clusters = assignments.get(t);
            long[][] confusion = new long[numClusters][numClasses];
            for (int i = 0; i < labels.length; i++) {
                if (taskOf[labels[i]] <= t) {
                    confusion[clusters[i]][labels[i]]++;
                }
            }
            int[] mapping = ClusterAccuracy.majorityMapping(confusion);
            long[] right = new long[t + 1];
            long[] total = new long[t + 1];
            for (int i = 0; i < labels.length; i++) {
                int task = taskOf[labels[i]];
                if (task <= t) {
                    total[task]++;
                    right[task] += mapping[clusters[i]] == labels[i] ? 1 : 0;
                }
            }
            accuracy[t] = new double[t + 1];
            for (int j = 0; j <= t; j++) {
                accuracy[t][j] = total[j] == 0 ? 0 : (double) right[j] / total[j];
            }
        }
    }

    /** {@code [t][j]}: task {@code j}'s accuracy after task {@code t}, for {@code j <= t}. */
    public double[][] accuracy() {
        double[][] out = new double[accuracy.length][];
        for (int t = 0; t < accuracy.length; t++) {
            out[t] = accuracy[t].clone();
        }
        return out;
    }

    /** Task {@code j}'s forgetting: its best accuracy after tasks {@code j..T-2} minus its accuracy after the last. */
    public double forgetting(int task) {
        int last = accuracy.length - 1;
        Ssl4jException.check(task < last, "forgetting: task %d has no later task to forget it by", task);
        double best = 0;
        for (int t = task; t < last; t++) {
            best = Math.max(best, accuracy[t][task]);
        }
        return best - accuracy[last][task];
    }

    /** The mean forgetting of tasks {@code 0..count-1}. */
    public double meanForgetting(int count) {
        double sum = 0;
        for (int j = 0; j < count; j++) {
            sum += forgetting(j);
        }
        return sum / count;
    }
}
