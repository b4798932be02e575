package org.ssl4j.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the resident set size of this process, now and at its peak, from {@code /proc/self/status} (Linux). */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** Resident bytes, or -1 where {@code /proc} is unavailable. */
    public static long residentBytes() {
        return statusBytes("VmRSS:");
    }

    /** The high-water mark of resident bytes since the process started, or -1 where {@code /proc} is unavailable. */
    public static long peakResidentBytes() {
        return statusBytes("VmHWM:");
    }

    private static long statusBytes(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
