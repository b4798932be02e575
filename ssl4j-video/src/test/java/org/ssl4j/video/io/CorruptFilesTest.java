package org.ssl4j.video.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.audio.AudioReader;
import org.ssl4j.video.compressed.KeyframeReader;
import org.ssl4j.video.compressed.MotionVectorReader;

/**
 * Ten corrupt or truncated copies of a real generated video (bytes cut and overwritten): every reader either reads
 * what FFmpeg can recover or throws a one-line {@link Ssl4jException} naming the file, and the JVM survives all of
 * them. (A crash in native code would end the test JVM, and so fail the build.)
 */
class CorruptFilesTest {
    @TempDir
    Path dir;

    private byte[] original() {
        Path file = dir.resolve("original.mp4");
        SplittableRandom random = new SplittableRandom(5);
        try (VideoWriter writer = VideoWriter.open(file, 96, 64,
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 400_000, 16_000))) {
            for (int t = 0; t < 50; t++) {
                float[] frame = new float[96 * 64];
                for (int i = 0; i < frame.length; i++) {
                    frame[i] = (float) (0.3 + 0.2 * Math.sin((i % 96 + 2 * t) * 0.3) + 0.1 * random.nextDouble());
                }
                writer.write(frame);
                float[] sound = new float[640];
                for (int i = 0; i < sound.length; i++) {
                    sound[i] = (float) (0.3 * Math.sin(2 * Math.PI * 330 * (t * 640 + i) / 16_000.0));
                }
                writer.writeAudio(sound);
            }
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] overwrite(byte[] bytes, int from, int length, long seed) {
        byte[] out = bytes.clone();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = from; i < Math.min(out.length, from + length); i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    private Map<String, byte[]> corruptions(byte[] good) {
        int n = good.length;
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("empty", new byte[0]);
        out.put("first-100-bytes", Arrays.copyOf(good, 100));
        out.put("cut-at-10pc", Arrays.copyOf(good, n / 10));
        out.put("cut-at-50pc", Arrays.copyOf(good, n / 2));
        out.put("cut-at-90pc", Arrays.copyOf(good, n * 9 / 10));
        out.put("header-overwritten", overwrite(good, 0, 64, 1));
        out.put("middle-1kb-overwritten", overwrite(good, n / 2, 1024, 2));
        out.put("tail-2kb-overwritten", overwrite(good, n - 2048, 2048, 3));
        byte[] sprinkled = good.clone();
        for (int i = 50; i < n; i += 97) {
            sprinkled[i] ^= (byte) 0x5A;
        }
        out.put("every-97th-byte-flipped", sprinkled);
        out.put("random-bytes", overwrite(good, 0, n, 4));
        return out;
    }

    /** Runs one reader on one file: "read", or the one-line error it threw. Anything else fails the test. */
    private static String outcome(Path file, Consumer<Path> reader) {
        try {
            reader.accept(file);
            return "read";
        } catch (Ssl4jException e) {
            assertThat(e.getMessage()).as("error of %s", file).contains(file.getFileName().toString())
                    .doesNotContain("\n");
            return "error";
        }
    }

    @Test
    void tenCorruptFilesGiveReadsOrOneLineErrorsAndNeverCrash() throws IOException {
        Map<String, Consumer<Path>> readers = new LinkedHashMap<>();
        readers.put("motion", f -> {
            try (MotionVectorReader r = MotionVectorReader.open(f, 4, 1)) {
                r.readAll();
            }
        });
        readers.put("keyframe", f -> {
            try (KeyframeReader r = KeyframeReader.open(f, 32, 32)) {
                r.at(1.0);
            }
        });
        readers.put("frames", f -> {
            try (VideoDecoder d = VideoDecoder.open(f, 32, 32, 1)) {
                d.framesAt(new double[] {0.0, 0.5, 1.5});
            }
        });
        readers.put("audio", f -> AudioReader.read(f, 16_000, 0.2, 1.0));
        List<String> report = new ArrayList<>();
        int errors = 0;
        for (Map.Entry<String, byte[]> corrupt : corruptions(original()).entrySet()) {
            Path file = Files.write(dir.resolve(corrupt.getKey() + ".mp4"), corrupt.getValue());
            StringBuilder line = new StringBuilder(corrupt.getKey());
            for (Map.Entry<String, Consumer<Path>> reader : readers.entrySet()) {
                String result = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> outcome(file,
                        reader.getValue()), corrupt.getKey() + " / " + reader.getKey());
                errors += result.equals("error") ? 1 : 0;
                line.append(' ').append(reader.getKey()).append('=').append(result);
            }
            report.add(line.toString());
        }
        System.out.println(String.join("\n", report));
        assertThat(report).hasSize(10);
        // Files without a readable header cannot be opened by anything.
        for (String broken : List.of("empty", "first-100-bytes", "random-bytes")) {
            assertThat(report).anySatisfy(l -> assertThat(l).startsWith(broken + " ").doesNotContain("=read"));
        }
        assertThat(errors).isPositive();
    }
}
