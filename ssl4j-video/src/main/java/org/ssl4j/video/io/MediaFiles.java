package org.ssl4j.video.io;

import java.nio.file.Path;
import java.util.Locale;

/** File-name rules shared by the readers and writers of media files. */
public final class MediaFiles {
    private MediaFiles() {}

    /** The file name's extension after the last dot, lower-case, or "" when there is none. */
    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
