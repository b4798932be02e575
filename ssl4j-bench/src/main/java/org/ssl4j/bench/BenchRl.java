package org.ssl4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.ssl4j.core.tensor.Tensors;
import org.ssl4j.core.train.Engines;
import org.ssl4j.rl.env.FrameStack;
import org.ssl4j.rl.env.PixelEnv;
import org.ssl4j.rl.env.control.ControlSuite;
import org.ssl4j.rl.sac.SacAgent;
import org.ssl4j.rl.sac.SacConfig;

/**
 * The RL measurements of {@link BenchWorker}: one agent update at CURL's defaults on a batch built once (what
 * {@code peer/rl_peer.py} times in PyTorch), and a control task's steps per second on one Java thread, with and
 * without its pixels.
 */
final class BenchRl {
    /** The observation of the update rows: 3 stacked RGB frames cropped to 84x84, or cartpole's 5 state values. */
    private static final int[] PIXELS = {9, 84, 84};
    private static final int[] STATE = {5};

    private BenchRl() {}

    /**
     * Updates per second of {@code agent} ({@code curl}, {@code pixel-sac} or {@code state-sac}): the median of
     * {@code steps} timed updates after {@code warmup}, one action dimension (cartpole), CURL's defaults otherwise.
     */
    static Map<String, Object> update(String agent, int batch, int warmup, int steps) {
        boolean pixels = !agent.equals("state-sac");
        boolean curl = agent.equals("curl");
        SacConfig config = new SacConfig(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, batch, curl);
        int[] shape = pixels ? PIXELS : STATE;
        List<Double> seconds = new ArrayList<>();
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Engines.seed(0);
            SacAgent sac = new SacAgent(config, shape, 1, manager);
            Shape observations = Tensors.batchShape(batch, shape);
            NDArray obs = manager.randomUniform(0, 1, observations);
            NDArray next = manager.randomUniform(0, 1, observations);
            NDArray positives = curl ? manager.randomUniform(0, 1, observations) : null;
            NDArray actions = manager.randomUniform(-1, 1, new Shape(batch, 1));
            NDArray rewards = manager.randomUniform(0, 1, new Shape(batch, 1));
            NDArray notDones = manager.ones(new Shape(batch, 1));
            for (int i = 0; i < warmup + steps; i++) {
                long start = System.nanoTime();
                try (NDManager scope = manager.newSubManager()) { // the update's arrays live and die here
                    scope.tempAttachAll(obs, next, actions, rewards, notDones);
                    if (positives != null) {
                        scope.tempAttachAll(positives);
                    }
                    sac.update(new SacAgent.Batch(obs, actions, rewards, notDones, next, positives));
                }
                if (i >= warmup) {
                    seconds.add((System.nanoTime() - start) / 1e9);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("updates_per_s", 1 / Stats.median(seconds));
        out.put("step_s", seconds);
        return out;
    }

    /**
     * Control steps per second of {@code task} on this thread, random actions, episodes restarted as they end: the
     * physics alone, and each step rendered at 100x100 and stacked with the last two (the worst case: the training
     * loop renders once per action, every {@code actionRepeat} steps).
     */
    static Map<String, Object> env(String task, int steps) {
        Map<String, Object> out = new LinkedHashMap<>();
        PixelEnv physics = ControlSuite.named(task).create();
        physics.seed(0);
        SplittableRandom random = new SplittableRandom(0);
        float[] action = new float[physics.actionSize()];
        out.put("physics_steps_per_s", stepsPerSecond(physics::reset, a -> physics.step(a).last(), action, random,
                steps));
        FrameStack frames = new FrameStack(ControlSuite.named(task).create(), 3, 100);
        out.put("pixel_steps_per_s", stepsPerSecond(frames::reset, a -> frames.step(a).last(), action, random,
                steps));
        return out;
    }

    /** Steps per second of the second of two passes (the first warms the code up), restarting finished episodes. */
    private static double stepsPerSecond(Runnable reset, Predicate<float[]> stepEnds, float[] action,
            SplittableRandom random, int steps) {
        double rate = 0;
        for (int pass = 0; pass < 2; pass++) {
            reset.run();
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                if (stepEnds.test(randomize(action, random))) {
                    reset.run();
                }
            }
            rate = steps / ((System.nanoTime() - start) / 1e9);
        }
        return rate;
    }

    private static float[] randomize(float[] action, SplittableRandom random) {
        for (int i = 0; i < action.length; i++) {
            action[i] = (float) random.nextDouble(-1, 1);
        }
        return action;
    }
}
