package org.ssl4j.rl.sac;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.RecipeValues;

/**
 * Settings of soft actor-critic from pixels or state, with CURL's defaults (Laskin et al. 2020, appendix: table of
 * hyperparameters, and the official {@code train.py}); {@code null} takes the default.
 *
 * @param hidden units of the actor's and critics' hidden layers (1024)
 * @param discount the discount (0.99)
 * @param initTemperature the entropy temperature at the start (0.1)
 * @param alphaLr the temperature's Adam learning rate (1e-4), with {@code beta1} 0.5
 * @param actorLr the actor's (1e-3), {@code beta1} 0.9
 * @param criticLr the critics' and their encoder's (1e-3), {@code beta1} 0.9
 * @param encoderLr the contrastive update's, on the encoder and {@code W} (1e-3)
 * @param criticTau the critics' target networks' soft-update rate (0.01)
 * @param encoderTau the target encoder's (0.05)
 * @param actorUpdateEvery agent steps between actor and temperature updates (2)
 * @param targetUpdateEvery agent steps between target updates (2)
 * @param featureDim the encoder's output, after its linear layer and layer norm (50)
 * @param convLayers convolutions of the pixel encoder, the first with stride 2 (4)
 * @param convFilters their filters (32)
 * @param logStdMin the policy's log standard deviation range, low end (-10)
 * @param logStdMax high end (2)
 * @param batchSize transitions per update (128; CURL used 512 only for cheetah)
 * @param curl whether the contrastive loss trains the encoder beside the critic (CURL) or not (pixel SAC)
 */
public record SacConfig(Integer hidden, Double discount, Double initTemperature, Double alphaLr, Double actorLr,
        Double criticLr, Double encoderLr, Double criticTau, Double encoderTau, Integer actorUpdateEvery,
        Integer targetUpdateEvery, Integer featureDim, Integer convLayers, Integer convFilters, Double logStdMin,
        Double logStdMax, Integer batchSize, Boolean curl) {
    /** Fills defaults and validates. */
    public SacConfig {
        hidden = RecipeValues.positive(hidden, 1024, "agent.hidden");
        discount = RecipeValues.fraction(discount, 0.99, "agent.discount");
        initTemperature = RecipeValues.positive(initTemperature, 0.1, "agent.initTemperature");
        alphaLr = RecipeValues.positive(alphaLr, 1e-4, "agent.alphaLr");
        actorLr = RecipeValues.positive(actorLr, 1e-3, "agent.actorLr");
        criticLr = RecipeValues.positive(criticLr, 1e-3, "agent.criticLr");
        encoderLr = RecipeValues.positive(encoderLr, 1e-3, "agent.encoderLr");
        criticTau = RecipeValues.fraction(criticTau, 0.01, "agent.criticTau");
        encoderTau = RecipeValues.fraction(encoderTau, 0.05, "agent.encoderTau");
        actorUpdateEvery = RecipeValues.positive(actorUpdateEvery, 2, "agent.actorUpdateEvery");
        targetUpdateEvery = RecipeValues.positive(targetUpdateEvery, 2, "agent.targetUpdateEvery");
        featureDim = RecipeValues.positive(featureDim, 50, "agent.featureDim");
        convLayers = RecipeValues.positive(convLayers, 4, "agent.convLayers");
        convFilters = RecipeValues.positive(convFilters, 32, "agent.convFilters");
        logStdMin = logStdMin == null ? -10.0 : logStdMin;
        logStdMax = logStdMax == null ? 2.0 : logStdMax;
        Ssl4jException.check(logStdMin < logStdMax, "agent.logStdMin %s must be below agent.logStdMax %s", logStdMin,
                logStdMax);
        batchSize = RecipeValues.positive(batchSize, 128, "agent.batchSize");
        curl = curl == null || curl;
    }

    /** The defaults. */
    public static SacConfig defaults() {
        return new SacConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
