package org.ssl4j.rl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.data.BatchLoader;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.Checkpoints;
import org.ssl4j.core.train.Engines;
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
     * @param initSteps agent steps of uniform random actions before the policy acts and learns, >= 1
     * @param evalEvery control steps between evaluations
     * @param evalEpisodes episodes per evaluation
     * @param replayCapacity transitions the buffer holds
     * @param pixels whether the agent learns from pixels (else from the true state)
     * @param frameStack renderings per observation
     * @param renderSize their side
     * @param imageSize the side of the crops the encoder reads
     * @param seed the run's seed: the tasks' initial states, the random actions, the replay draws and crops, the
     *     policy's noise (each drawn from generators derived from the seed and the step or episode, so that a
     *     resumed run draws what the uninterrupted one would have)
     * @param checkpointEvery control steps between checkpoints (taken at the next episode's start), and one at the end
     */
    public record Settings(long envSteps, int actionRepeat, int initSteps, long evalEvery, int evalEpisodes,
            int replayCapacity, boolean pixels, int frameStack, int renderSize, int imageSize, long seed,
            long checkpointEvery) {
        /** Validates. */
        public Settings {
            Ssl4jException.check(envSteps >= 1 && actionRepeat >= 1 && evalEvery >= 1 && evalEpisodes >= 1,
                    "rl settings: steps, repeat, evaluation interval and episodes must be positive");
            Ssl4jException.check(initSteps >= 1, "rl settings: initSteps must be >= 1 (the first update needs a "
                    + "transition in the replay buffer), got %d", initSteps);
            Ssl4jException.check(checkpointEvery >= 1, "rl settings: checkpointEvery must be >= 1, got %d",
                    checkpointEvery);
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

    /** The checkpoints' folder in a run directory. */
    public static final String CHECKPOINTS = "checkpoints";
    /** The learning curve's file in a run directory. */
    public static final String CURVE = "curve.csv";

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
     * @param manager where the agent lives
     * @param run the run directory for checkpoints ({@code checkpoints/}, the agent's state and the replay buffer)
     *     and the learning curve ({@code curve.csv}); a run with a checkpoint there continues from it. Null: no files.
     */
    public Report run(Supplier<PixelEnv> tasks, NDManager manager, PrintStream log, Path run) throws IOException {
        PixelEnv train = new ActionRepeat(tasks.get(), settings.actionRepeat());
        PixelEnv eval = new ActionRepeat(tasks.get(), settings.actionRepeat());
        int actions = train.actionSize();
        Observer observer = new Observer(train);
        int[] shape = observer.agentShape();
        Engines.seed(settings.seed());
        SacAgent agent = new SacAgent(agentConfig, shape, actions, manager);
        ReplayBuffer buffer = null;
        long agentSteps = (settings.envSteps() + settings.actionRepeat() - 1) / settings.actionRepeat();
        List<Evaluation> curve = new ArrayList<>();
        Checkpoints checkpoints = run == null ? null : new Checkpoints(run.resolve(CHECKPOINTS), 2);
        long first = 0;
        long episode = 0;
        if (checkpoints != null) {
            Optional<Checkpoints.Loaded> saved = checkpoints.loadLatest(manager, log);
            if (saved.isPresent()) {
                Checkpoints.Loaded checkpoint = saved.get();
                agent.restoreState(checkpoint);
                first = checkpoint.step();
                episode = checkpoint.counter("loop.episode");
                buffer = ReplayBuffer.read(replayFile(run, first));
                Path csv = run.resolve(CURVE);
                long resumedAt = first * settings.actionRepeat();
                if (Files.exists(csv)) {
                    LearningCurves.readCsv(csv).stream().filter(e -> e.envSteps() < resumedAt).forEach(curve::add);
                }
                log.printf(Locale.ROOT, "resuming at agent step %d of %d (%d env steps), %d transitions replayed%n",
                        first, agentSteps, resumedAt, buffer.size());
            }
        }
        if (buffer == null) {
            buffer = settings.pixels()
                    ? ReplayBuffer.ofPixels(settings.replayCapacity(), settings.frameStack(),
                            3 * settings.renderSize() * settings.renderSize(), actions)
                    : ReplayBuffer.ofStates(settings.replayCapacity(), train.stateSize(), actions);
        }
        long updateNanos = 0;
        long envNanos = 0;
        long updates = 0;
        long lastCheckpoint = first * settings.actionRepeat();
        SacAgent.Losses losses = null;
        Observation obs = null;
        double episodeReturn = 0;
        for (long step = first; step < agentSteps; step++) {
            long envStep = step * settings.actionRepeat();
            boolean boundary = obs == null || obs.last();
            if (checkpoints != null && boundary && step > first
                    && envStep - lastCheckpoint >= settings.checkpointEvery()) {
                save(checkpoints, run, agent, buffer, step, episode);
                log.printf(Locale.ROOT, "checkpoint at agent step %d (%d env steps)%n", step, envStep);
                lastCheckpoint = envStep;
            }
            if (envStep % settings.evalEvery() == 0) {
                curve.add(evaluate(agent, new Observer(eval), envStep, manager, log));
                writeCurve(run, curve);
            }
            SplittableRandom random = new SplittableRandom(BatchLoader.mix(settings.seed(), step, 1));
            Engines.seed(BatchLoader.mix(settings.seed(), step, 2));
            long t0 = System.nanoTime();
            if (boundary) {
                if (obs != null) {
                    log.printf(Locale.ROOT, "episode %d: return %.1f at %d env steps%n", episode, episodeReturn,
                            envStep);
                }
                train.seed(BatchLoader.mix(settings.seed(), episode, 3));
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
        long end = agentSteps * settings.actionRepeat();
        if (curve.isEmpty() || curve.get(curve.size() - 1).envSteps() != end) {
            curve.add(evaluate(agent, new Observer(eval), end, manager, log));
            writeCurve(run, curve);
        }
        if (checkpoints != null && first < agentSteps) {
            save(checkpoints, run, agent, buffer, agentSteps, episode);
        }
        return new Report(curve, updates / Math.max(1e-9, updateNanos / 1e9),
                (agentSteps - first) * settings.actionRepeat() / Math.max(1e-9, envNanos / 1e9), losses);
    }

    /**
     * Evaluates the agent of the newest intact checkpoint in run directory {@code run} over {@code evalEpisodes}
     * episodes of a fresh copy of the task (the mean action, as the loop's evaluations).
     *
     * @throws Ssl4jException when the run has no checkpoint
     */
    public Evaluation evaluate(Supplier<PixelEnv> tasks, NDManager manager, PrintStream log, Path run)
            throws IOException {
        Checkpoints.Loaded checkpoint = new Checkpoints(run.resolve(CHECKPOINTS), 2).loadLatest(manager, log)
                .orElseThrow(() -> new Ssl4jException(run + ": no checkpoint to evaluate in " + CHECKPOINTS + "/"));
        Observer env = new Observer(new ActionRepeat(tasks.get(), settings.actionRepeat()));
        SacAgent agent = new SacAgent(agentConfig, env.agentShape(), env.env.actionSize(), manager);
        agent.restoreState(checkpoint);
        return evaluate(agent, env, checkpoint.step() * settings.actionRepeat(), manager, log);
    }

    private static Path replayFile(Path run, long step) {
        return run.resolve(CHECKPOINTS).resolve(String.format(Locale.ROOT, "replay-%08d.bin", step));
    }

    /**
     * Writes the replay buffer, then the checkpoint of the agent and the loop (a kill between the two leaves the
     * previous checkpoint and its buffer intact), then drops buffers whose checkpoint is gone.
     */
    private static void save(Checkpoints checkpoints, Path run, SacAgent agent, ReplayBuffer buffer, long step,
            long episode) throws IOException {
        buffer.write(replayFile(run, step));
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        Map<String, Long> counters = new LinkedHashMap<>();
        agent.saveState(arrays, counters);
        counters.put("loop.episode", episode);
        checkpoints.save(step, arrays, counters);
        Set<String> kept = new HashSet<>();
        for (Path file : checkpoints.files()) {
            kept.add(file.getFileName().toString().replace("step-", "replay-").replace(".npz", ".bin"));
        }
        try (Stream<Path> files = Files.list(run.resolve(CHECKPOINTS))) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("replay-") && name.endsWith(".bin") && !kept.contains(name)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    private static void writeCurve(Path run, List<Evaluation> curve) throws IOException {
        if (run != null) {
            LearningCurves.writeCsv(curve, run.resolve(CURVE));
        }
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
        env.env.seed(BatchLoader.mix(settings.seed(), envSteps, 4)); // the same episodes wherever a run resumed
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
