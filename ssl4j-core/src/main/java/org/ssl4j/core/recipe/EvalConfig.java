package org.ssl4j.core.recipe;

import org.ssl4j.core.Ssl4jException;

/**
 * Evaluation protocol settings.
 *
 * @param knn weighted kNN settings
 * @param linear linear-probe settings
 * @param finetune semi-supervised fine-tuning settings
 * @param dense dense (per-pixel) linear probe settings
 */
public record EvalConfig(Knn knn, Linear linear, Finetune finetune, Dense dense) {
    /** Fills defaults. */
    public EvalConfig {
        dense = dense == null ? new Dense(null, null, null, null, null) : dense;
        knn = knn == null ? new Knn(null, null) : knn;
        linear = linear == null ? new Linear(null, null) : linear;
        finetune = finetune == null ? new Finetune(null, null, null, null, null, null) : finetune;
    }

    /**
     * Fine-tuning the whole encoder with a linear head on a labelled fraction (SimCLR section 4.2), AdamW with warm-up
     * and cosine decay, random crops and the recipe's flips as the only augmentation.
     *
     * @param steps optimiser steps (default 600)
     * @param batchSize labelled images per step (default 64; capped at the labelled set's size)
     * @param lr peak learning rate (default 1e-3)
     * @param weightDecay decoupled weight decay (default 1e-4)
     * @param encoderLrScale the encoder's learning rate relative to the head's (default 0.1)
     * @param headLayers hidden layers of the pretrained projection head kept under the new linear head and
     *     fine-tuned with the encoder (default 0: the encoder alone, SimCLR; 1: SimCLRv2's fine-tuning from the middle
     *     of a two-layer head); the from-scratch row gets the same layers, randomly initialised
     */
    public record Finetune(Integer steps, Integer batchSize, Double lr, Double weightDecay, Double encoderLrScale,
            Integer headLayers) {
        /** Fills defaults and validates. */
        public Finetune {
            steps = steps == null ? 600 : steps;
            Ssl4jException.check(steps >= 1, "eval.finetune.steps must be >= 1: %s", steps);
            batchSize = batchSize == null ? 64 : batchSize;
            Ssl4jException.check(batchSize >= 1, "eval.finetune.batchSize must be >= 1: %s", batchSize);
            lr = lr == null ? 1e-3 : lr;
            Ssl4jException.check(lr > 0, "eval.finetune.lr must be > 0: %s", lr);
            weightDecay = weightDecay == null ? 1e-4 : weightDecay;
            Ssl4jException.check(weightDecay >= 0, "eval.finetune.weightDecay must be >= 0: %s", weightDecay);
            encoderLrScale = encoderLrScale == null ? 0.1 : encoderLrScale;
            Ssl4jException.check(encoderLrScale >= 0 && encoderLrScale <= 1,
                    "eval.finetune.encoderLrScale must be in [0, 1]: %s", encoderLrScale);
            headLayers = headLayers == null ? 0 : headLayers;
            Ssl4jException.check(headLayers >= 0, "eval.finetune.headLayers must be >= 0: %s", headLayers);
        }
    }

    /**
     * The dense linear probe (1x1 conv on frozen feature maps, logits upsampled bilinearly, per-pixel cross-entropy)
     * on pixel-labelled data.
     *
     * @param trainImages labelled training images the probe learns from, the first of the training split (default
     *     2,000; fewer if the split is smaller)
     * @param epochs passes over them (default 10)
     * @param batchSize images per step (default 32)
     * @param lr peak AdamW learning rate on standardised features (default 0.03)
     * @param weightDecay decoupled weight decay (default 1e-4)
     */
    public record Dense(Integer trainImages, Integer epochs, Integer batchSize, Double lr, Double weightDecay) {
        /** Fills defaults and validates. */
        public Dense {
            trainImages = trainImages == null ? 2000 : trainImages;
            Ssl4jException.check(trainImages >= 1, "eval.dense.trainImages must be >= 1: %s", trainImages);
            epochs = epochs == null ? 10 : epochs;
            Ssl4jException.check(epochs >= 1, "eval.dense.epochs must be >= 1: %s", epochs);
            batchSize = batchSize == null ? 32 : batchSize;
            Ssl4jException.check(batchSize >= 1, "eval.dense.batchSize must be >= 1: %s", batchSize);
            lr = lr == null ? 0.03 : lr;
            Ssl4jException.check(lr > 0, "eval.dense.lr must be > 0: %s", lr);
            weightDecay = weightDecay == null ? 1e-4 : weightDecay;
            Ssl4jException.check(weightDecay >= 0, "eval.dense.weightDecay must be >= 0: %s", weightDecay);
        }
    }

    /**
     * Weighted kNN on L2-normalised features (Wu et al. 2018, InstDisc).
     *
     * @param k neighbours (default 20)
     * @param temperature vote weight {@code exp(sim / temperature)} (default 0.1)
     */
    public record Knn(Integer k, Double temperature) {
        /** Fills defaults and validates. */
        public Knn {
            k = k == null ? 20 : k;
            Ssl4jException.check(k >= 1, "eval.knn.k must be >= 1: %s", k);
            temperature = temperature == null ? 0.1 : temperature;
            Ssl4jException.check(temperature > 0, "eval.knn.temperature must be > 0: %s", temperature);
        }
    }

    /**
     * Multinomial logistic regression on standardised frozen features, full batch, minimised by L-BFGS.
     *
     * @param maxIterations L-BFGS iteration cap (default 1000); it stops earlier at convergence
     * @param weightDecay L2 penalty on the weights (default 1e-4)
     */
    public record Linear(Integer maxIterations, Double weightDecay) {
        /** Fills defaults and validates. */
        public Linear {
            maxIterations = maxIterations == null ? 1000 : maxIterations;
            Ssl4jException.check(maxIterations >= 1, "eval.linear.maxIterations must be >= 1: %s", maxIterations);
            weightDecay = weightDecay == null ? 1e-4 : weightDecay;
            Ssl4jException.check(weightDecay >= 0, "eval.linear.weightDecay must be >= 0: %s", weightDecay);
        }
    }
}
