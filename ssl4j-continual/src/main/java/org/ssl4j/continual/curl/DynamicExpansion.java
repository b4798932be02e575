package org.ssl4j.continual.curl;

import java.util.ArrayList;
import java.util.List;
import org.ssl4j.core.Ssl4jException;

/**
 * The bookkeeping of CURL's dynamic expansion (Rao et al. 2019, section 3.3; the official {@code training.py}, step
 * 5): once the model is eligible (past the burn-in, {@code waitSteps} after its last expansion, below its largest
 * size), every real sample whose ELBO falls under {@code threshold} goes to a buffer of poorly explained data; when the
 * buffer holds {@code bufferSize} samples, the model expands ({@link Curl} adds and trains the component). This class
 * only decides and keeps the buffer; it never touches the model.
 */
public final class DynamicExpansion {
    /**
     * When and how the model expands; the defaults are the official code's.
     *
     * @param enabled whether the model expands at all
     * @param threshold ELBO (nats) under which a sample counts as poorly explained (-200)
     * @param bufferSize poorly explained samples that trigger an expansion (100)
     * @param waitSteps real-data steps after an expansion before the model is eligible again (100)
     * @param burnIn steps at the start before the model is first eligible (100)
     * @param trainPasses passes over the buffer that train the new component (10)
     */
    public record Settings(boolean enabled, double threshold, int bufferSize, int waitSteps, int burnIn,
            int trainPasses) {
        /** Validates. */
        public Settings {
            Ssl4jException.check(bufferSize >= 1, "expansion.bufferSize: must be >= 1, got %d", bufferSize);
            Ssl4jException.check(waitSteps >= 0 && burnIn >= 0, "expansion.waitSteps and expansion.burnIn: must be "
                    + ">= 0, got %d and %d", waitSteps, burnIn);
            Ssl4jException.check(trainPasses >= 0, "expansion.trainPasses: must be >= 0, got %d", trainPasses);
        }

        /** The official settings. */
        public static Settings defaults() {
            return new Settings(true, -200, 100, 100, 100, 10);
        }
    }

    private final Settings settings;
    private final List<float[]> buffer = new ArrayList<>();
    private long stepsSinceExpansion;
    private boolean eligible;

    /** Starts with an empty buffer, as if the last expansion were long ago (only the burn-in holds it back). */
    public DynamicExpansion(Settings settings) {
        this.settings = settings;
        this.stepsSinceExpansion = settings.waitSteps();
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /**
     * Takes one real-data step's samples and their ELBOs.
     *
     * @param step the training step
     * @param active the components now active
     * @param maxComponents the most the model can have
     * @param samples the batch's flattened samples
     * @param elbos their ELBOs
     * @return whether the buffer is now full: the caller expands the model and then calls {@link #expanded}
     */
    public boolean observe(long step, int active, int maxComponents, float[][] samples, float[] elbos) {
        if (!settings.enabled()) {
            return false;
        }
        if (stepsSinceExpansion >= settings.waitSteps() && step >= settings.burnIn() && active < maxComponents) {
            eligible = true;
        }
        stepsSinceExpansion++;
        if (!eligible) {
            return false;
        }
        for (int i = 0; i < samples.length; i++) {
            if (elbos[i] < settings.threshold()) {
                buffer.add(samples[i]);
            }
        }
        return buffer.size() >= settings.bufferSize();
    }

    /**
     * The buffer cut to a whole number of batches, keeping its newest samples, as the official code trains the new
     * component on it.
     */
    public List<float[]> poorlyExplained(int batchSize) {
        int keep = buffer.size() / batchSize * batchSize;
        return List.copyOf(buffer.subList(buffer.size() - keep, buffer.size()));
    }

    /** Empties the buffer and starts the wait before the next expansion. */
    public void expanded() {
        buffer.clear();
        eligible = false;
        stepsSinceExpansion = 0;
    }
}
