package org.ssl4j.core;

/**
 * A mistake in what the user gave ssl4j: a recipe key, a path, a corrupt file, data of the wrong shape.
 *
 * <p>The message is one line that names the file, field or value and what was expected; the CLI prints it
 * and exits with code 2. Programming errors are never wrapped in this type.
 */
public final class Ssl4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message naming the offending thing and the fix. */
    public Ssl4jException(String message) {
        super(message);
    }

    /** Creates the exception with a one-line message and the low-level cause (kept for debugging). */
    public Ssl4jException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws an {@code Ssl4jException} with {@code String.format(template, args)} unless {@code condition}. */
    public static void check(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new Ssl4jException(String.format(template, args));
        }
    }
}
