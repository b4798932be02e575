package org.ssl4j.rl.train;

import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.recipe.RecipeValues;
import org.ssl4j.rl.env.control.ControlSuite;
import org.ssl4j.rl.sac.SacConfig;

/**
 * A reinforcement-learning recipe, what {@code ssl4j rl train --recipe} reads: the task and what the agent sees
 * ({@code env}), the agent ({@code agent}: SAC's and CURL's settings, {@link SacConfig}) and the training loop
 * ({@code train}). Every field has the CURL paper's default; absent sections take all defaults. The three agents of
 * the paper's comparison are CURL ({@code env.pixels: true}, {@code agent.curl: true}), pixel SAC (pixels, no CURL)
 * and state SAC ({@code env.pixels: false}).
 *
 * @param name the run's name
 * @param env the task and its observations
 * @param agent the agent
 * @param train the loop
 */
public record RlRecipe(String name, Env env, SacConfig agent, Loop train) {
    /** Fills defaults and validates. */
    public RlRecipe {
        Ssl4jException.check(env != null, "env.task: required (one of the control tasks, e.g. cartpole-swingup)");
        agent = agent == null ? SacConfig.defaults() : agent;
        train = train == null ? new Loop(null, null, null, null, null, null, null) : train;
        name = name == null || name.isBlank() ? env.task() + "-" + agentName(env, agent) : name;
        Ssl4jException.check(env.pixels() || !agent.curl(), "agent.curl: true needs env.pixels: true (CURL learns "
                + "from pixels; set agent.curl: false for SAC from state)");
        int repeat = env.actionRepeat();
        Ssl4jException.check(train.evalEvery() % repeat == 0, "train.evalEvery: %d is not a multiple of "
                + "env.actionRepeat %d (evaluations happen between agent steps)", train.evalEvery(), repeat);
    }

    /** {@code curl}, {@code pixel-sac} or {@code state-sac}. */
    private static String agentName(Env env, SacConfig agent) {
        return !env.pixels() ? "state-sac" : agent.curl() ? "curl" : "pixel-sac";
    }

    /** This recipe with {@code episodes} evaluation episodes. */
    public RlRecipe withEvalEpisodes(int episodes) {
        return new RlRecipe(name, env, agent, new Loop(train.envSteps(), train.initSteps(), train.evalEvery(),
                episodes, train.replayCapacity(), train.seed(), train.checkpointEvery()));
    }

    /** The loop's settings. */
    public AgentTrainer.Settings settings() {
        return new AgentTrainer.Settings(train.envSteps(), env.actionRepeat(), train.initSteps(), train.evalEvery(),
                train.evalEpisodes(), train.replayCapacity(), env.pixels(), env.frameStack(), env.renderSize(),
                env.imageSize(), train.seed(), train.checkpointEvery());
    }

    /**
     * The task and the agent's observations.
     *
     * @param task a {@link ControlSuite} task's name, e.g. {@code cartpole-swingup}
     * @param actionRepeat control steps per action (default: the task's in the CURL paper)
     * @param pixels whether the agent sees renderings (true) or the true state
     * @param frameStack renderings per observation (3)
     * @param renderSize their side in pixels (100)
     * @param imageSize the side of the crops the encoder reads (84)
     */
    public record Env(String task, Integer actionRepeat, Boolean pixels, Integer frameStack, Integer renderSize,
            Integer imageSize) {
        /** Fills defaults and validates. */
        public Env {
            Ssl4jException.check(task != null, "env.task: required (one of the control tasks, e.g. "
                    + "cartpole-swingup)");
            ControlSuite suite;
            try {
                suite = ControlSuite.named(task);
            } catch (Ssl4jException e) {
                throw new Ssl4jException("env.task: " + e.getMessage());
            }
            actionRepeat = RecipeValues.positive(actionRepeat, suite.actionRepeat(), "env.actionRepeat");
            pixels = pixels == null || pixels;
            frameStack = RecipeValues.positive(frameStack, 3, "env.frameStack");
            renderSize = RecipeValues.positive(renderSize, 100, "env.renderSize");
            imageSize = RecipeValues.positive(imageSize, 84, "env.imageSize");
            Ssl4jException.check(imageSize <= renderSize, "env.imageSize %d exceeds env.renderSize %d", imageSize,
                    renderSize);
        }

        /** The task. */
        public ControlSuite suite() {
            return ControlSuite.named(task);
        }
    }

    /**
     * The training loop.
     *
     * @param envSteps the run's length in control steps (100,000, the paper's first benchmark)
     * @param initSteps agent steps of random actions before learning (1,000)
     * @param evalEvery control steps between evaluations (10,000)
     * @param evalEpisodes episodes per evaluation (10)
     * @param replayCapacity transitions the replay buffer holds (100,000)
     * @param seed the run's seed (0)
     * @param checkpointEvery control steps between checkpoints (10,000)
     */
    public record Loop(Long envSteps, Integer initSteps, Long evalEvery, Integer evalEpisodes, Integer replayCapacity,
            Long seed, Long checkpointEvery) {
        /** Fills defaults and validates. */
        public Loop {
            envSteps = RecipeValues.positive(envSteps, 100_000, "train.envSteps");
            initSteps = RecipeValues.positive(initSteps, 1000, "train.initSteps");
            evalEvery = RecipeValues.positive(evalEvery, 10_000, "train.evalEvery");
            evalEpisodes = RecipeValues.positive(evalEpisodes, 10, "train.evalEpisodes");
            replayCapacity = RecipeValues.positive(replayCapacity, 100_000, "train.replayCapacity");
            seed = seed == null ? 0 : seed;
            checkpointEvery = RecipeValues.positive(checkpointEvery, 10_000, "train.checkpointEvery");
        }
    }
}
