package org.ssl4j.rl.env.control;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.rl.env.PixelEnv;

/**
 * ssl4j's pixel control tasks by name, with the action repeat the CURL paper trains each with (cartpole 8, finger 2,
 * the others 4): what a recipe's {@code env.task} names.
 */
public enum ControlSuite {
    /** {@link CartpoleSwingup}. */
    CARTPOLE_SWINGUP("cartpole-swingup", 8, CartpoleSwingup::new),
    /** {@link ReacherEasy}. */
    REACHER_EASY("reacher-easy", 4, ReacherEasy::new),
    /** {@link BallInCupCatch}. */
    BALL_IN_CUP_CATCH("ball_in_cup-catch", 4, BallInCupCatch::new),
    /** {@link FingerSpin}. */
    FINGER_SPIN("finger-spin", 2, FingerSpin::new);

    private final String taskName;
    private final int actionRepeat;
    private final Supplier<ControlTask> factory;

    ControlSuite(String taskName, int actionRepeat, Supplier<ControlTask> factory) {
        this.taskName = taskName;
        this.actionRepeat = actionRepeat;
        this.factory = factory;
    }

    /** The task's name, as DeepMind Control's {@code domain-task}. */
    public String taskName() {
        return taskName;
    }

    /** Control steps per agent action in the CURL paper's setup. */
    public int actionRepeat() {
        return actionRepeat;
    }

    /** A new instance of the task. */
    public PixelEnv create() {
        return factory.get();
    }

    /**
     * The task called {@code name}.
     *
     * @throws Ssl4jException naming the known tasks when there is none of that name
     */
    public static ControlSuite named(String name) {
        for (ControlSuite task : values()) {
            if (task.taskName.equals(name)) {
                return task;
            }
        }
        throw new Ssl4jException(String.format("unknown control task '%s'; expected one of %s", name,
                Arrays.stream(values()).map(ControlSuite::taskName).collect(Collectors.joining(", "))));
    }
}
