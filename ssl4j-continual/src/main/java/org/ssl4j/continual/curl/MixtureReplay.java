package org.ssl4j.continual.curl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;

/**
 * CURL's mixture generative replay (Rao et al. 2019, section 3.4; the official {@code training.py}, steps 1 and 2):
 * a frozen snapshot of the model generates batches that stand in for the past. Each generated sample's component is
 * drawn in proportion to how much the components were used on real data up to the snapshot (the summed
 * {@code q(y|x)}, {@code cumulative_component_counts}), its latent from that component's prior and its image from the
 * decoder. The snapshot is taken every {@code refreshEvery} steps, and also after each expansion when
 * {@code refreshOnExpansion}; a replayed batch replaces one real batch in {@code every}, once a first snapshot exists
 * that has seen data.
 */
public final class MixtureReplay {
    /**
     * When replay runs; the defaults are the official {@code fixed} replay ({@code gen_replay_type='fixed'}).
     *
     * @param enabled whether the model replays at all
     * @param every one training batch in {@code every} is generated (2: half of the batches)
     * @param refreshEvery steps between snapshots (the official: the length of one class's period)
     * @param refreshOnExpansion whether an expansion also takes a snapshot (the official {@code dynamic} replay)
     * @param supervised whether a replayed sample is trained with the component that generated it given (the
     *     paper's SMGR, {@code use_supervised_replay}) rather than inferred
     */
    public record Settings(boolean enabled, int every, long refreshEvery, boolean refreshOnExpansion,
            boolean supervised) {
        /** Validates. */
        public Settings {
            Ssl4jException.check(every >= 2, "replay.every: must be >= 2 (one batch in every N is replayed), got %d",
                    every);
            Ssl4jException.check(refreshEvery >= 1, "replay.refreshEvery: must be >= 1, got %d", refreshEvery);
        }
    }

    private final Settings settings;
    private final CurlModel snapshot;
    private final double[] cumulative;
    private final double[] recent;
    private boolean ready;

    /**
     * @param settings when to replay
     * @param snapshot the model that holds the snapshot, of the live model's sizes; its weights are overwritten
     */
    public MixtureReplay(Settings settings, CurlModel snapshot) {
        this.settings = settings;
        this.snapshot = snapshot;
        this.cumulative = new double[snapshot.sizes().maxComponents()];
        this.recent = new double[cumulative.length];
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** Adds one real batch's {@code q(y|x)} {@code (B, active)} to the components' recent use. */
    public void observe(NDArray clusterProbabilities) {
        float[] probabilities = clusterProbabilities.toFloatArray();
        int active = (int) clusterProbabilities.getShape().get(1);
        for (int i = 0; i < probabilities.length; i++) {
            recent[i % active] += probabilities[i];
        }
    }

    /** Whether {@code step} takes a snapshot before it trains (every {@code refreshEvery} steps, from step 0). */
    public boolean refreshDue(long step) {
        return settings.enabled() && step % settings.refreshEvery() == 0;
    }

    /** Whether {@code step} trains on a generated batch rather than a real one. */
    public boolean replays(long step) {
        return settings.enabled() && step >= settings.refreshEvery() && step % settings.every() == 1 % settings.every()
                && ready;
    }

    /**
     * Takes a snapshot of {@code live}: the components' recent use joins their history, and the snapshot becomes a
     * copy of the live model's weights.
     */
    public void refresh(CurlModel live) {
        boolean seen = false;
        for (int k = 0; k < cumulative.length; k++) {
            cumulative[k] += recent[k];
            recent[k] = 0;
            seen |= cumulative[k] > 0;
        }
        snapshot.copyFrom(live);
        ready = seen;
    }

    /**
     * A generated batch, from the snapshot only.
     *
     * @param batchSize rows
     * @param random the draws' source (components and latents)
     * @param manager where the batch lives
     * @return {@code (batchSize, I)} binary images and their components
     */
    public Replayed sample(int batchSize, SplittableRandom random, NDManager manager) {
        double total = 0;
        for (double c : cumulative) {
            total += Math.max(1e-12, c);
        }
        long[] components = new long[batchSize];
        for (int b = 0; b < batchSize; b++) {
            double u = random.nextDouble() * total;
            int k = 0;
            while (k < cumulative.length - 1 && (u -= Math.max(1e-12, cumulative[k])) > 0) {
                k++;
            }
            components[b] = k;
        }
        NDArray noise = Curl.normal(random, manager, batchSize, snapshot.sizes().latentSize());
        NDArray drawn = manager.create(components);
        return new Replayed(snapshot.generate(drawn, noise), drawn);
    }

    /**
     * A generated batch.
     *
     * @param samples {@code (B, I)} binary images
     * @param components the component each was generated from {@code (B)}, int64
     */
    public record Replayed(NDArray samples, NDArray components) {}

    /** The components' use on real data up to the last snapshot (the replay's component distribution, unnormalised). */
    public double[] componentCounts() {
        return cumulative.clone();
    }
}
