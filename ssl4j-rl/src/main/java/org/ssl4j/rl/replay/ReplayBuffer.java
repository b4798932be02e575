package org.ssl4j.rl.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.train.AtomicFiles;

/**
 * The off-policy agent's memory of transitions {@code (obs, action, reward, notDone, nextObs)}, a ring of at most
 * {@code capacity} (the oldest is dropped), sampled uniformly (SAC, CURL). Observations are either true states
 * (floats) or stacks of rendered frames (bytes): a pixel transition keeps the ids of its frames rather than copies
 * of its stacks, so each rendering is held once although it appears in {@code 2 * stack} stacks; an episode's first
 * frame fills the slots before it, as {@link org.ssl4j.rl.env.FrameStack} does. Frames are kept in chunks allocated
 * as the buffer fills, so a short run does not reserve the full capacity. Hand-written: no Java library offers a
 * replay memory, and a frame-sharing one is what makes 100,000 pixel transitions fit in memory.
 */
public final class ReplayBuffer {
    private static final int CHUNK = 256;

    private final int capacity;
    private final int actionSize;
    private final float[] actions;
    private final float[] rewards;
    private final float[] notDones;
    // States: the observation and the next one of each transition.
    private final int stateSize;
    private final float[] states;
    private final float[] nextStates;
    // Pixels: frame ids of each transition's stack (obs), the id of its next frame, and the frames themselves.
    private final int stack;
    private final int frameLength;
    private final long[] stackIds;
    private final long[] nextFrameIds;
    private final long frameCapacity;
    private final List<byte[]> chunks = new ArrayList<>();
    private final long[] current; // the frame ids of the episode's current stack
    private long nextFrame;
    private int start;
    private int size;
    private long added;

    private ReplayBuffer(int capacity, int actionSize, int stateSize, int stack, int frameLength) {
        Ssl4jException.check(capacity >= 1, "replay capacity must be >= 1, got %d", capacity);
        this.capacity = capacity;
        this.actionSize = actionSize;
        this.actions = new float[capacity * actionSize];
        this.rewards = new float[capacity];
        this.notDones = new float[capacity];
        this.stateSize = stateSize;
        this.states = stateSize > 0 ? new float[capacity * stateSize] : null;
        this.nextStates = stateSize > 0 ? new float[capacity * stateSize] : null;
        this.stack = stack;
        this.frameLength = frameLength;
        this.stackIds = stack > 0 ? new long[capacity * stack] : null;
        this.nextFrameIds = stack > 0 ? new long[capacity] : null;
        // Each transition adds one frame and each episode one more: a quarter extra covers episodes of >= 4 steps;
        // with shorter ones the oldest transitions go early (see writeFrame).
        this.frameCapacity = (long) capacity + capacity / 4 + stack + 1;
        this.current = stack > 0 ? new long[stack] : null;
    }

    /** A buffer of true-state transitions. */
    public static ReplayBuffer ofStates(int capacity, int stateSize, int actionSize) {
        Ssl4jException.check(stateSize >= 1, "state size must be >= 1, got %d", stateSize);
        return new ReplayBuffer(capacity, actionSize, stateSize, 0, 0);
    }

    /**
     * A buffer of pixel transitions.
     *
     * @param stack frames per observation
     * @param frameLength bytes of one frame ({@code 3 * size * size})
     */
    public static ReplayBuffer ofPixels(int capacity, int stack, int frameLength, int actionSize) {
        Ssl4jException.check(stack >= 1 && frameLength >= 1, "frame stack and frame size must be >= 1, got %d, %d",
                stack, frameLength);
        return new ReplayBuffer(capacity, actionSize, 0, stack, frameLength);
    }

    /** Transitions held. */
    public int size() {
        return size;
    }

    /** Transitions added since the buffer was made. */
    public long added() {
        return added;
    }

    /** Whether the observations are pixels. */
    public boolean pixels() {
        return stack > 0;
    }

    /**
     * Starts an episode of pixel observations from its first stacked observation (whose newest frame fills every
     * slot of the episode's first stack).
     */
    public void startEpisode(byte[] firstObservation) {
        Ssl4jException.check(pixels(), "startEpisode is for pixel buffers");
        long id = writeFrame(firstObservation);
        java.util.Arrays.fill(current, id);
    }

    /**
     * Adds a pixel transition from the episode's current stack.
     *
     * @param action the action taken
     * @param reward its reward
     * @param terminal whether the episode ended in a terminal state (not a time limit: then the value is bootstrapped)
     * @param nextObservation the stacked observation after it; its newest frame is kept
     */
    public void add(float[] action, double reward, boolean terminal, byte[] nextObservation) {
        Ssl4jException.check(pixels(), "this buffer holds states: add(state, action, reward, terminal, next)");
        int at = slot();
        System.arraycopy(current, 0, stackIds, at * stack, stack);
        long id = writeFrame(nextObservation);
        nextFrameIds[at] = id;
        System.arraycopy(current, 1, current, 0, stack - 1);
        current[stack - 1] = id;
        finish(at, action, reward, terminal);
    }

    /** Adds a true-state transition. */
    public void add(float[] state, float[] action, double reward, boolean terminal, float[] nextState) {
        Ssl4jException.check(!pixels(), "this buffer holds pixels: startEpisode, then add(action, reward, terminal, "
                + "next)");
        Ssl4jException.check(state.length == stateSize && nextState.length == stateSize,
                "states must have %d values, got %d and %d", stateSize, state.length, nextState.length);
        int at = slot();
        System.arraycopy(state, 0, states, at * stateSize, stateSize);
        System.arraycopy(nextState, 0, nextStates, at * stateSize, stateSize);
        finish(at, action, reward, terminal);
    }

    /** The ring position of the next transition, dropping the oldest when full. */
    private int slot() {
        if (size == capacity) {
            start = (start + 1) % capacity;
            size--;
        }
        return (start + size) % capacity;
    }

    private void finish(int at, float[] action, double reward, boolean terminal) {
        Ssl4jException.check(action.length == actionSize, "actions must have %d values, got %d", actionSize,
                action.length);
        System.arraycopy(action, 0, actions, at * actionSize, actionSize);
        rewards[at] = (float) reward;
        notDones[at] = terminal ? 0 : 1;
        size++;
        added++;
    }

    /** Keeps the newest frame of {@code observation}; drops transitions whose frames its slot held. */
    private long writeFrame(byte[] observation) {
        Ssl4jException.check(observation.length == stack * frameLength, "pixel observations must have %d bytes, got %d",
                stack * frameLength, observation.length);
        long id = nextFrame++;
        long overwritten = id - frameCapacity;
        while (size > 0 && stackIds[start * stack] <= overwritten) {
            start = (start + 1) % capacity;
            size--;
        }
        long slot = id % frameCapacity;
        int chunk = (int) (slot / CHUNK);
        while (chunks.size() <= chunk) {
            chunks.add(new byte[CHUNK * frameLength]);
        }
        System.arraycopy(observation, (stack - 1) * frameLength, chunks.get(chunk), (int) (slot % CHUNK) * frameLength,
                frameLength);
        return id;
    }

    private void readFrame(long id, byte[] dst, int offset) {
        long slot = id % frameCapacity;
        System.arraycopy(chunks.get((int) (slot / CHUNK)), (int) (slot % CHUNK) * frameLength, dst, offset,
                frameLength);
    }

    /** Draws {@code count} transitions uniformly, with replacement, as their positions in the buffer. */
    public int[] sample(int count, SplittableRandom random) {
        Ssl4jException.check(size > 0, "the replay buffer is empty");
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = (start + random.nextInt(size)) % capacity;
        }
        return out;
    }

    /** The observations of {@code transitions} as {@code (B, 3 * stack, S, S)} bytes. */
    public byte[] observations(int[] transitions) {
        byte[] out = new byte[transitions.length * stack * frameLength];
        for (int i = 0; i < transitions.length; i++) {
            for (int f = 0; f < stack; f++) {
                readFrame(stackIds[transitions[i] * stack + f], out, (i * stack + f) * frameLength);
            }
        }
        return out;
    }

    /** The next observations of {@code transitions}, {@code (B, 3 * stack, S, S)} bytes. */
    public byte[] nextObservations(int[] transitions) {
        byte[] out = new byte[transitions.length * stack * frameLength];
        for (int i = 0; i < transitions.length; i++) {
            int t = transitions[i];
            for (int f = 1; f < stack; f++) {
                readFrame(stackIds[t * stack + f], out, (i * stack + f - 1) * frameLength);
            }
            readFrame(nextFrameIds[t], out, (i * stack + stack - 1) * frameLength);
        }
        return out;
    }

    /** The states of {@code transitions}, {@code (B, stateSize)}. */
    public float[] states(int[] transitions) {
        return gather(states, stateSize, transitions);
    }

    /** The next states of {@code transitions}. */
    public float[] nextStates(int[] transitions) {
        return gather(nextStates, stateSize, transitions);
    }

    /** The actions of {@code transitions}, {@code (B, actionSize)}. */
    public float[] actions(int[] transitions) {
        return gather(actions, actionSize, transitions);
    }

    /** The rewards of {@code transitions}. */
    public float[] rewards(int[] transitions) {
        return gather(rewards, 1, transitions);
    }

    /** 0 where a transition ended its episode in a terminal state, else 1. */
    public float[] notDones(int[] transitions) {
        return gather(notDones, 1, transitions);
    }

    private static final long MAGIC = 0x53534C344A524231L; // "SSL4JRB1"

    /**
     * Writes the whole buffer to {@code file} atomically (a binary format of this class: a header, the ring's
     * arrays, then the frames), so that a resumed run samples exactly what the killed one would have.
     */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
            out.writeLong(MAGIC);
            for (long v : new long[] {capacity, actionSize, stateSize, stack, frameLength, start, size, added,
                nextFrame, chunks.size()}) {
                out.writeLong(v);
            }
            writeFloats(out, actions);
            writeFloats(out, rewards);
            writeFloats(out, notDones);
            if (stateSize > 0) {
                writeFloats(out, states);
                writeFloats(out, nextStates);
            }
            if (stack > 0) {
                writeLongs(out, stackIds);
                writeLongs(out, nextFrameIds);
                writeLongs(out, current);
                for (byte[] chunk : chunks) {
                    out.write(chunk);
                }
            }
            out.flush();
        });
    }

    /** Reads a buffer {@link #write} wrote; a damaged or foreign file is a one-line error naming it. */
    public static ReplayBuffer read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            Ssl4jException.check(in.readLong() == MAGIC, "%s is not a replay buffer file", file);
            long[] h = new long[10];
            for (int i = 0; i < h.length; i++) {
                h[i] = in.readLong();
            }
            ReplayBuffer buffer = new ReplayBuffer((int) h[0], (int) h[1], (int) h[2], (int) h[3], (int) h[4]);
            buffer.start = (int) h[5];
            buffer.size = (int) h[6];
            buffer.added = h[7];
            buffer.nextFrame = h[8];
            readFloats(in, buffer.actions);
            readFloats(in, buffer.rewards);
            readFloats(in, buffer.notDones);
            if (buffer.stateSize > 0) {
                readFloats(in, buffer.states);
                readFloats(in, buffer.nextStates);
            }
            if (buffer.stack > 0) {
                readLongs(in, buffer.stackIds);
                readLongs(in, buffer.nextFrameIds);
                readLongs(in, buffer.current);
                for (long c = 0; c < h[9]; c++) {
                    byte[] chunk = new byte[CHUNK * buffer.frameLength];
                    in.readFully(chunk);
                    buffer.chunks.add(chunk);
                }
            }
            Ssl4jException.check(in.read() == -1, "%s has trailing bytes: not a replay buffer of this format", file);
            return buffer;
        } catch (EOFException e) {
            throw new Ssl4jException(file + " is truncated: not a whole replay buffer", e);
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
    }

    private static void readFloats(DataInputStream in, float[] values) throws IOException {
        byte[] bytes = new byte[values.length * 4];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asFloatBuffer().get(values);
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 8);
        bytes.asLongBuffer().put(values);
        out.write(bytes.array());
    }

    private static void readLongs(DataInputStream in, long[] values) throws IOException {
        byte[] bytes = new byte[values.length * 8];
        in.readFully(bytes);
        ByteBuffer.wrap(bytes).asLongBuffer().get(values);
    }

    private static float[] gather(float[] from, int width, int[] transitions) {
        float[] out = new float[transitions.length * width];
        for (int i = 0; i < transitions.length; i++) {
            System.arraycopy(from, transitions[i] * width, out, i * width, width);
        }
        return out;
    }
}
