package org.ssl4j.video.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.io.MediaFiles;

/**
 * The videos of a dataset folder and their classes, read either from UCF101-style split files ({@code classInd.txt}
 * naming the classes 1..N, and a list such as {@code trainlist01.txt} of {@code Class/v_Class_gXX_cYY.avi [label]}
 * lines; HMDB51 converted to that layout and {@code ssl4j data motion-digits} read the same way) or from class
 * sub-folders ({@code root/<class>/*.mp4|avi|mkv|webm|mov}, classes sorted by name), for users' own videos.
 *
 * @param root the dataset folder
 * @param paths each video's file
 * @param labels each video's class, from 0
 * @param classNames the class names by index
 */
public record VideoFolder(Path root, List<Path> paths, int[] labels, List<String> classNames) {
    private static final Set<String> EXTENSIONS = Set.of("mp4", "avi", "mkv", "webm", "mov", "m4v", "mpg", "mpeg");

    /** The number of videos. */
    public int size() {
        return paths.size();
    }

    /** The videos at {@code indices}, in that order, with the same classes. */
    public VideoFolder subset(int[] indices) {
        List<Path> chosen = new ArrayList<>(indices.length);
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            chosen.add(paths.get(indices[i]));
            chosenLabels[i] = labels[indices[i]];
        }
        return new VideoFolder(root, List.copyOf(chosen), chosenLabels, classNames);
    }

    /**
     * Reads a UCF101-style split.
     *
     * @param root the folder holding {@code classInd.txt}, the list and the class folders
     * @param listFile the list's name in {@code root}, e.g. {@code trainlist01.txt}
     */
    public static VideoFolder fromList(Path root, String listFile) {
        Path classFile = root.resolve("classInd.txt");
        Path list = root.resolve(listFile);
        Ssl4jException.check(Files.isRegularFile(classFile), "%s is missing (UCF101 layout: '<index> <Class>' lines)",
                classFile);
        Ssl4jException.check(Files.isRegularFile(list), "split file %s does not exist", list);
        Map<String, Integer> classes = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines(classFile)) {
            lineNo++;
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 1 && parts[0].isEmpty()) {
                continue;
            }
            Ssl4jException.check(parts.length == 2 && parts[0].matches("\\d+")
                    && Integer.parseInt(parts[0]) == names.size() + 1,
                    "%s line %d: expected '%d <Class>', got '%s'", classFile, lineNo, names.size() + 1, line);
            classes.put(parts[1], names.size());
            names.add(parts[1]);
        }
        List<Path> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        lineNo = 0;
        for (String line : lines(list)) {
            lineNo++;
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            String file = parts[0];
            String folder = file.contains("/") ? file.substring(0, file.indexOf('/')) : "";
            Integer label = classes.get(folder);
            Ssl4jException.check(label != null, "%s line %d: class folder '%s' of %s is not in classInd.txt", list,
                    lineNo, folder, file);
            if (parts.length > 1) {
                Ssl4jException.check(parts[1].equals(Integer.toString(label + 1)),
                        "%s line %d: label %s of %s disagrees with classInd.txt (%d)", list, lineNo, parts[1], file,
                        label + 1);
            }
            paths.add(root.resolve(file));
            labels.add(label);
        }
        Ssl4jException.check(!paths.isEmpty(), "split file %s lists no videos", list);
        return new VideoFolder(root, paths, labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    /** Reads {@code root/<class>/<video>} folders; classes in name order. */
    public static VideoFolder fromClassFolders(Path root) {
        Ssl4jException.check(Files.isDirectory(root), "video folder %s does not exist", root);
        List<String> names = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<Path> videos;
                try (Stream<Path> files = Files.list(dir)) {
                    videos = files.filter(f -> Files.isRegularFile(f) && EXTENSIONS.contains(MediaFiles.extension(f))).sorted()
                            .toList();
                }
                if (videos.isEmpty()) {
                    continue;
                }
                for (Path v : videos) {
                    paths.add(v);
                    labels.add(names.size());
                }
                names.add(dir.getFileName().toString());
            }
        } catch (IOException e) {
            throw new Ssl4jException("cannot list video folder " + root + ": " + e.getMessage(), e);
        }
        Ssl4jException.check(!paths.isEmpty(), "video folder %s has no class folders with videos (%s)", root,
                String.join(", ", EXTENSIONS.stream().sorted().toList()));
        return new VideoFolder(root, paths, labels.stream().mapToInt(Integer::intValue).toArray(), names);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new Ssl4jException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
