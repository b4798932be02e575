package org.ssl4j.rl.env;

/**
 * What an environment returns after {@link PixelEnv#reset} or {@link PixelEnv#step}.
 *
 * @param state the true-state observation ({@link PixelEnv#stateSize()} values)
 * @param reward the step's reward (0 after a reset)
 * @param last whether the episode has ended
 */
public record TimeStep(float[] state, double reward, boolean last) {}
