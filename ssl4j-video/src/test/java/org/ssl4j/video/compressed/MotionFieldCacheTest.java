package org.ssl4j.video.compressed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The motion-field cache: exact round trip, invalidation by the video's change, recovery from a damaged file. */
class MotionFieldCacheTest {
    @TempDir
    Path dir;

    private Path video() {
        return TranslatingFrames.writeMpeg2(dir.resolve("t.mp4"));
    }

    private static void assertSame(List<MotionField> a, List<MotionField> b) {
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            MotionField x = a.get(i);
            MotionField y = b.get(i);
            assertThat(y.index()).isEqualTo(x.index());
            assertThat(y.seconds()).isEqualTo(x.seconds());
            assertThat(y.pictureType()).isEqualTo(x.pictureType());
            assertThat(y.keyFrame()).isEqualTo(x.keyFrame());
            assertThat(y.stride()).isEqualTo(x.stride());
            assertThat(y.motion()).containsExactly(x.motion());
            assertThat(y.coverage()).containsExactly(x.coverage());
        }
    }

    @Test
    void roundTripsExactlyAndMissesWhenTheVideoChanges() throws Exception {
        Path video = video();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MotionFieldCache cache = new MotionFieldCache(dir.resolve("cache"), 4,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        List<MotionField> direct;
        try (MotionVectorReader reader = MotionVectorReader.open(video, 4, 1)) {
            direct = reader.readAll();
        }
        List<MotionField> first = cache.fields(video);
        Path file = cache.fileFor(video);
        assertThat(file).isRegularFile();
        assertSame(direct, first);
        assertSame(direct, cache.read(file)); // the stored bytes, read back
        assertSame(direct, cache.fields(video));

        Files.setLastModifiedTime(video, FileTime.fromMillis(Files.getLastModifiedTime(video).toMillis() + 5000));
        assertThat(cache.fileFor(video)).isNotEqualTo(file); // a changed video has another key
        assertThat(new MotionFieldCache(dir.resolve("cache"), 8, new PrintStream(log)).fileFor(video))
                .isNotEqualTo(cache.fileFor(video)); // and so has another stride
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDamagedCacheFileIsReportedAndRecomputed() throws Exception {
        Path video = video();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MotionFieldCache cache = new MotionFieldCache(dir.resolve("cache"), 4,
                new PrintStream(log, true, StandardCharsets.UTF_8));
        List<MotionField> good = cache.fields(video);
        Path file = cache.fileFor(video);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3)); // truncated
        assertSame(good, cache.fields(video));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("unreadable").contains("recomputing");
        assertSame(good, cache.read(file)); // replaced by a good file
        try (var files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
