package org.ssl4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The recipes shipped in the CLI jar under {@code org/ssl4j/cli/recipes/<data>/<method>.yaml}. */
final class ShippedRecipes {
    private static final String ROOT = "org/ssl4j/cli/recipes";

    private ShippedRecipes() {}

    /** Names such as {@code mnist/simclr}, sorted. */
    static List<String> names() {
        URL url = ShippedRecipes.class.getClassLoader().getResource(ROOT);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return list(fs.getPath(ROOT));
            }
            return list(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".yaml"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/').replaceAll("\\.yaml$", ""))
                    .sorted()
                    .toList();
        }
    }

    /** The shipped recipe {@code name}, or {@code null} if there is none. */
    static InputStream open(String name) {
        return ShippedRecipes.class.getClassLoader().getResourceAsStream(ROOT + "/" + name + ".yaml");
    }
}
