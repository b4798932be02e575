package org.ssl4j.video.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.video.compressed.TranslatingFrames;

/** A video's optical flow recovers its known translation, and the flow cache round-trips and heals damaged files. */
class FlowCacheTest {
    @TempDir
    Path dir;

    private Path video() {
        return TranslatingFrames.writeMpeg2(dir.resolve("t.mp4"));
    }

    @Test
    void flowOfAVideoIsItsTranslationAndIsCachedExactly() throws Exception {
        Path video = video();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FlowCache cache = new FlowCache(dir.resolve("cache"), OpticalFlow.Method.DIS, TranslatingFrames.WIDTH,
                TranslatingFrames.HEIGHT, 25, new PrintStream(log, true, StandardCharsets.UTF_8));
        VideoFlow flow = cache.flow(video);
        int w = flow.width();
        int h = flow.height();
        assertThat(flow.flows()).hasSize(TranslatingFrames.FRAMES - 1);
        for (float[] f : flow.flows()) {
            double[] mean = OpticalFlowTest.interiorMean(f, w, h, 16);
            assertThat(mean[0]).isCloseTo(TranslatingFrames.DX, within(0.3));
            assertThat(mean[1]).isCloseTo(TranslatingFrames.DY, within(0.3));
        }

        Path file = cache.fileFor(video);
        assertThat(file).isRegularFile();
        VideoFlow again = cache.flow(video);
        for (int i = 0; i < flow.flows().size(); i++) {
            assertThat(again.flows().get(i)).containsExactly(flow.flows().get(i));
        }
        assertThat(new FlowCache(dir.resolve("cache"), OpticalFlow.Method.FARNEBACK, TranslatingFrames.WIDTH,
                TranslatingFrames.HEIGHT, 25, System.err).fileFor(video)).isNotEqualTo(file); // another solver

        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 3)); // truncated
        VideoFlow healed = cache.flow(video);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("unreadable").contains("recomputing");
        assertThat(healed.flows().get(5)).containsExactly(flow.flows().get(5));
        assertThat(cache.read(file).flows()).hasSize(flow.flows().size()); // replaced by a good file
    }
}
