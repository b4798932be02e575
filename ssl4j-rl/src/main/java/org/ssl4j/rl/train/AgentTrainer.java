package org.ssl4j.rl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.rl.env.ActionRepeat;
import org.ssl4j.rl.env.FrameStack;
import org.ssl4j.rl.env.PixelEnv;
import org.ssl4j.rl.env.TimeStep;
import org.ssl4j.rl.replay.ReplayBuffer;
import org.ssl4j.rl.sac.ObservationCrops;
import org.ssl4j.rl.sac.SacAgent;
import org.ssl4j.rl.sac.SacConfig;

/**
 * The off-policy loop of CURL's {@code train.py}: the agent acts every {@code actionRepeat} control steps, at random
 * for the first {@code initSteps} agent steps and from its policy after, updating once per agent step from a batch
 * drawn from the replay buffer once it acts; every {@code evalEvery} environment steps (and at the end) the policy's
 * mean action is evaluated over {@code evalEpisodes} episodes of a separate copy of the task. Pixel agents see the
 * last {@code frameStack} renderings at {@code renderSize}, cropped to {@code imageSize} (a random crop for CURL's
 * critic, anchors and keys, the centre crop to act and without CURL). Time limits are not terminal: the value is
 * bootstrapped across them, as in the official code. Environment steps count control steps, so 100k environment
 * steps of cartpole (action repeat 8) are 12,500 agent steps.
 */
public final class AgentTrainer {
    /**
     * The loop's settings.
     *
     * @param envSteps the run's length in control steps
     * @param actionRepeat control steps per action
     * @param initSteps agent steps of uniform random actions before the policy acts and learns
     * @param evalEvery control steps between evaluations
     * @param evalEpisodes episodes per evaluation
     * @param replayCapacity transitions the buffer holds
     * @param pixels whether the agent learns from pixels (else from the true state)
     * @param frameStack renderings per observation
     * @param renderSize their side
     * @param imageSize the side of the crops the encoder reads
     * @param seed the run's seed: the tasks' initial states, the random actions, the replay draws and crops
     */
    public record Settings(long envSteps, int actionRepeat, int initSteps, long evalEvery, int evalEpisodes,
            int replayCapacity, boolean pixels, int frameStack, int renderSize, int imageSize, long seed) {
        /** Validates. */
        public Settings {
            Ssl4jException.check(envSteps >= 1 && actionRepeat >= 1 && initSteps >= 0 && evalEvery >= 1
                    && evalEpisodes >= 1, "rl settings: steps, repeat, evaluation interval and episodes must be "
                    + "positive");
            Ssl4jException.check(!pixels || imageSize <= renderSize, "rl settings: imageSize %d exceeds renderSize %d",
                    imageSize, renderSize);
        }
    }

    /**
     * One evaluation.
     *
     * @param envSteps control steps trained when it ran
     * @param meanReturn the mean return of its episodes
     * @param returns each episode's return
     */
    public record Evaluation(long envSteps, double meanReturn, double[] returns) {}

    /**
     * What a run measured.
     *
     * @param evaluations the learning curve
     * @param updatesPerSecond agent updates per second of update time
     * @param envStepsPerSecond control steps (with rendering) per second of environment time
     * @param lastLosses the losses of the last update (null if none ran)
     */
    public record Report(List<Evaluation> evaluations, double updatesPerSecond, double envStepsPerSecond,
            SacAgent.Losses lastLosses) {}

    private final Settings settings;
    private final SacConfig agentConfig;

    /** @param settings the loop's settings; {@code agentConfig} the agent's */
    public AgentTrainer(Settings settings, SacConfig agentConfig) {
        this.settings = settings;
        this.agentConfig = agentConfig;
    }

    /**
     * Trains an agent on fresh copies of a task from {@code tasks} (one to train on, one to evaluate on).
     *
     * @param manager where the agent lives; the engine must be seeded by the caller for repeatable runs
     */
    public Report run(Supplier<PixelEnv> tasks, NDManager manager, PrintStream log) {
        PixelEnv train = new ActionRepeat(tasks.get(), settings.actionRepeat());
        PixelEnv eval = new ActionRepeat(tasks.get(), settings.actionRepeat());
        train.seed(settings.seed());
        eval.seed(settings.seed() + 1_000_003L);
        SplittableRandom random = new SplittableRandom(settings.seed());
        int actions = train.actionSize();
        Observer observer = new Observer(train);
        int[] shape = observer.agentShape();
        SacAgent agent = new SacAgent(agentConfig, shape, actions, manager);
        ReplayBuffer buffer = settings.pixels()
                ? ReplayBuffer.ofPixels(settings.replayCapacity(), settings.frameStack(),
                        3 * settings.renderSize() * settings.renderSize(), actions)
                : ReplayBuffer.ofStates(settings.replayCapacity(), train.stateSize(), actions);
        long agentSteps = (settings.envSteps() + settings.actionRepeat() - 1) / settings.actionRepeat();
        List<Evaluation> curve = new ArrayList<>();
        long updateNanos = 0;
        long envNanos = 0;
        long updates = 0;
        SacAgent.Losses losses = null;
        Observation obs = null;
        double episodeReturn = 0;
        int episode = 0;
        for (long step = 0; step < agentSteps; step++) {
            long envStep = step * settings.actionRepeat();
            if (envStep % settings.evalEvery() == 0) {
                curve.add(evaluate(agent, new Observer(eval), envStep, manager, log));
            }
            long t0 = System.nanoTime();
            if (obs == null || obs.last()) {
                if (obs != null) {
                    log.printf(Locale.ROOT, "episode %d: return %.1f at %d env steps%n", episode, episodeReturn,
                            envStep);
                }
                obs = observer.reset();
                if (buffer.pixels()) {
                    buffer.startEpisode(obs.pixels());
                }
                episodeReturn = 0;
                episode++;
            }
            envNanos += System.nanoTime() - t0;
            float[] action;
            if (step < settings.initSteps()) {
                action = new float[actions];
                for (int i = 0; i < actions; i++) {
                    action[i] = (float) random.nextDouble(-1, 1);
                }
            } else {
                action = act(agent, obs, manager, true);
                long u0 = System.nanoTime();
                try (NDManager scope = manager.newSubManager()) {
                    losses = agent.update(batch(buffer, scope, random, shape));
                }
                updateNanos += System.nanoTime() - u0;
                updates++;
            }
            long e0 = System.nanoTime();
            Observation next = observer.step(action);
            envNanos += System.nanoTime() - e0;
            if (buffer.pixels()) {
                buffer.add(action, next.reward(), false, next.pixels());
            } else {
                buffer.add(obs.state(), action, next.reward(), false, next.state());
            }
            episodeReturn += next.reward();
            obs = next;
        }
        curve.add(evaluate(agent, new Observer(eval), agentSteps * settings.actionRepeat(), manager, log));
        return new Report(curve, updates / Math.max(1e-9, updateNanos / 1e9),
                agentSteps * settings.actionRepeat() / Math.max(1e-9, envNanos / 1e9), losses);
    }

    private SacAgent.Batch batch(ReplayBuffer buffer, NDManager scope, SplittableRandom random, int[] shape) {
        int n = agentConfig.batchSize();
        int[] picks = buffer.sample(n, random);
        NDArray obs;
        NDArray next;
        NDArray positives = null;
        if (buffer.pixels()) {
            int channels = 3 * settings.frameStack();
            byte[] raw = buffer.observations(picks);
            SplittableRandom crops = agentConfig.curl() ? random : null; // pixel SAC sees centre crops, unaugmented
            obs = pixelArray(scope, ObservationCrops.crop(raw, n, channels, settings.renderSize(), settings.imageSize(),
                    crops), n, shape);
            next = pixelArray(scope, ObservationCrops.crop(buffer.nextObservations(picks), n, channels,
                    settings.renderSize(), settings.imageSize(), crops), n, shape);
            if (agentConfig.curl()) {
                positives = pixelArray(scope, ObservationCrops.crop(raw, n, channels, settings.renderSize(),
                        settings.imageSize(), random), n, shape);
            }
        } else {
            obs = Tensors.fromHeap(scope, buffer.states(picks), Tensors.batchShape(n, shape));
            next = Tensors.fromHeap(scope, buffer.nextStates(picks), Tensors.batchShape(n, shape));
        }
        int actions = buffer.actions(new int[] {picks[0]}).length;
        return new SacAgent.Batch(obs, Tensors.fromHeap(scope, buffer.actions(picks), new Shape(n, actions)),
                Tensors.fromHeap(scope, buffer.rewards(picks), new Shape(n, 1)),
                Tensors.fromHeap(scope, buffer.notDones(picks), new Shape(n, 1)), next, positives);
    }

    private static NDArray pixelArray(NDManager scope, float[] values, int n, int[] shape) {
        return Tensors.fromHeap(scope, values, Tensors.batchShape(n, shape));
    }

    private float[] act(SacAgent agent, Observation obs, NDManager manager, boolean explore) {
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = settings.pixels()
                    ? pixelArray(scope, ObservationCrops.crop(obs.pixels(), 1, 3 * settings.frameStack(),
                            settings.renderSize(), settings.imageSize(), null), 1, new int[] {3 * settings.frameStack(),
                                settings.imageSize(), settings.imageSize()})
                    : Tensors.fromHeap(scope, obs.state(), new Shape(1, obs.state().length));
            return agent.act(input, explore);
        }
    }

    private Evaluation evaluate(SacAgent agent, Observer env, long envSteps, NDManager manager, PrintStream log) {
        double[] returns = new double[settings.evalEpisodes()];
        for (int e = 0; e < returns.length; e++) {
            Observation obs = env.reset();
            while (!obs.last()) {
                obs = env.step(act(agent, obs, manager, false));
                returns[e] += obs.reward();
            }
        }
        double mean = java.util.Arrays.stream(returns).average().orElse(0);
        log.printf(Locale.ROOT, "eval at %d env steps: mean return %.1f over %d episodes%n", envSteps, mean,
                returns.length);
        return new Evaluation(envSteps, mean, returns);
    }

    /** An observation the loop keeps: the true state, and the stacked pixels when the agent sees pixels. */
    private record Observation(float[] state, byte[] pixels, double reward, boolean last) {}

    /** The task seen as the agent sees it. */
    private final class Observer {
        private final PixelEnv env;
        private final FrameStack frames;

        Observer(PixelEnv env) {
            this.env = env;
            this.frames = settings.pixels() ? new FrameStack(env, settings.frameStack(), settings.renderSize()) : null;
        }

        int[] agentShape() {
            return settings.pixels() ? new int[] {3 * settings.frameStack(), settings.imageSize(), settings.imageSize()}
                    : new int[] {env.stateSize()};
        }

        Observation reset() {
            if (frames != null) {
                FrameStack.Observation o = frames.reset();
                return new Observation(o.state(), o.pixels(), 0, o.last());
            }
            TimeStep t = env.reset();
            return new Observation(t.state(), null, 0, t.last());
        }

        Observation step(float[] action) {
            if (frames != null) {
                FrameStack.Observation o = frames.step(action);
                return new Observation(o.state(), o.pixels(), o.reward(), o.last());
            }
            TimeStep t = env.step(action);
            return new Observation(t.state(), null, t.reward(), t.last());
        }
    }
}
