package org.ssl4j.core.optim;

import ai.djl.training.tracker.Tracker;
import java.util.regex.Pattern;
import org.ssl4j.core.recipe.OptimConfig;

/** Builds the optimiser and the learning-rate schedule a recipe asks for. */
public final class Optimizers {
    private Optimizers() {}

    /** The optimiser of {@code config}. */
    public static StatefulOptimizer create(OptimConfig config) {
        float wd = config.weightDecay().floatValue();
        StatefulOptimizer optimizer = switch (config.name()) {
            case "sgd" -> SgdMomentum.builder().optMomentum(config.momentum().floatValue()).optWeightDecays(wd)
                    .build();
            case "adamw" -> AdamW.builder().optBeta1(config.beta1().floatValue()).optBeta2(config.beta2().floatValue())
                    .optWeightDecays(wd).build();
            case "lars" -> Lars.builder().optMomentum(config.momentum().floatValue())
                    .optTrustCoefficient(config.trustCoefficient().floatValue()).optWeightDecays(wd).build();
            default -> throw new IllegalArgumentException("unknown optimiser " + config.name());
        };
        optimizer.setMaxGradNorm(config.maxGradNorm().floatValue());
        optimizer.setGroups(config.groups().stream().map(g -> new ParameterGroup(Pattern.compile(g.match()),
                g.lrScale().floatValue(), g.weightDecay() == null ? null : g.weightDecay().floatValue(), g.adapt()))
                .toList());
        return optimizer;
    }

    /**
     * Linear warm-up from 0 over {@code warmupSteps}, then cosine decay to 0 at {@code totalSteps} (SimCLR, B.1),
     * composed from DJL's {@code WarmUpTracker} and {@code CosineTracker}.
     */
    public static Tracker warmupCosine(float peak, int warmupSteps, int totalSteps) {
        int decaySteps = Math.max(1, totalSteps - warmupSteps);
        Tracker cosine = Tracker.cosine().setBaseValue(peak).optFinalValue(0f).setMaxUpdates(decaySteps).build();
        if (warmupSteps == 0) {
            return cosine;
        }
        return Tracker.warmUp().optWarmUpBeginValue(0f).optWarmUpSteps(warmupSteps).setMainTracker(cosine).build();
    }
}
