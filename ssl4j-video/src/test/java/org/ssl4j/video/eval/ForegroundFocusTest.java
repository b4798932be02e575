package org.ssl4j.video.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.core.nn.Backbone;
import org.ssl4j.core.nn.SequentialBackbone;
import org.ssl4j.core.train.Engines;
import org.ssl4j.video.data.VideoFolder;
import org.ssl4j.video.io.ClipSampler;
import org.ssl4j.video.io.VideoWriter;

/** The foreground focus on a video of a white square moving over black, with its mask strip beside it. */
class ForegroundFocusTest {
    private static final int SIZE = 32;
    private static final int FRAMES = 20;
    private static final int SQUARE = 8;

    @TempDir
    Path dir;

    /** A backbone whose feature map is {@code map} of its input clip itself: a known saliency. */
    private static Backbone pixels(UnaryOperator<ai.djl.ndarray.NDArray> map) {
        SequentialBlock layers = new SequentialBlock()
                .add(new LambdaBlock(x -> new NDList(map.apply(x.singletonOrThrow()))))
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().mean(new int[] {2}))))
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().reshape(x.singletonOrThrow()
                        .getShape().get(0), -1))));
        return new SequentialBackbone(layers, 3) {};
    }

    /** Writes the video and its masks into {@code dir/videos/square/}; the square's column moves 1 px a frame. */
    private Path writeVideo() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("videos/square"));
        Path video = folder.resolve("v.mp4");
        BufferedImage strip = new BufferedImage(SIZE, SIZE * FRAMES, BufferedImage.TYPE_BYTE_GRAY);
        try (VideoWriter writer = VideoWriter.open(video, SIZE, SIZE,
                new VideoWriter.Settings(VideoWriter.Codec.H264, 25, 12, 0, 4_000_000))) {
            for (int t = 0; t < FRAMES; t++) {
                float[] frame = new float[SIZE * SIZE];
                for (int y = 12; y < 12 + SQUARE; y++) {
                    for (int x = 4 + t; x < 4 + t + SQUARE; x++) {
                        frame[y * SIZE + x] = 1;
                        strip.getRaster().setSample(x, t * SIZE + y, 0, 255);
                    }
                }
                writer.write(frame);
            }
        }
        ImageIO.write(strip, "png", folder.resolve("v.mask.png").toFile());
        return video;
    }

    @Test
    void saliencyOnTheSquareIsAllFocusAndSaliencyOffItNone() throws Exception {
        writeVideo();
        VideoFolder videos = VideoFolder.fromClassFolders(dir.resolve("videos"));
        ForegroundFocus focus = new ForegroundFocus(new ClipSampler(4, 2, 25, ClipSampler.Position.UNIFORM, 2), SIZE);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            Backbone bright = pixels(x -> x);
            Backbone dark = pixels(x -> x.neg().add(1));
            for (Backbone b : new Backbone[] {bright, dark}) {
                b.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 4, SIZE, SIZE));
            }
            ForegroundFocus.Result onSquare = focus.measure(bright, videos, manager, dir.resolve("overlays"), 1,
                    quiet);
            ForegroundFocus.Result offSquare = focus.measure(dark, videos, manager, null, 0, quiet);
            // Over a clip's frames 0, 2, 4, 6 (or 13 to 19) the square sweeps 14 x 8 of the 32 x 32 pixels.
            assertThat(onSquare.area()).isCloseTo((SQUARE + 6) * SQUARE / (double) (SIZE * SIZE), within(1e-9));
            assertThat(onSquare.clips()).isEqualTo(2);
            // Compression blurs the square's edge a little: nearly all the bright saliency is on the swept region. The
            // dark saliency has 48 of its 960 pixels per frame there, 5 %.
            assertThat(onSquare.focus()).isGreaterThan(0.9);
            assertThat(offSquare.focus()).isBetween(0.03, 0.07);
        }
        BufferedImage overlay = ImageIO.read(dir.resolve("overlays/v.png").toFile());
        assertThat(overlay.getWidth()).isEqualTo(4 * SIZE);
        int green = 0;
        for (int y = 0; y < overlay.getHeight(); y++) {
            for (int x = 0; x < overlay.getWidth(); x++) {
                green += (overlay.getRGB(x, y) & 0xFFFFFF) == 0x00FF00 ? 1 : 0;
            }
        }
        // The outline of the 8 x 8 mask is its 28 border pixels, 16 overlay pixels each.
        assertThat(green).isEqualTo(28 * 16);
    }

    @Test
    void shareIsTheSaliencyMassUnderTheMask() {
        float[] mask = {1, 0.5f, 0, 0};
        assertThat(ForegroundFocus.share(new float[] {2, 2, 4, 0}, mask)).isCloseTo(3 / 8.0, within(1e-12));
        assertThat(ForegroundFocus.share(null, mask)).isCloseTo(1.5 / 4, within(1e-12));
    }

    @Test
    void aVideoWithoutMasksIsAOneLineError() throws Exception {
        Path video = writeVideo();
        Files.delete(video.resolveSibling("v.mask.png"));
        ForegroundFocus focus = new ForegroundFocus(new ClipSampler(4, 2, 25, ClipSampler.Position.UNIFORM, 1), SIZE);
        try (NDManager manager = Engines.pytorch().newBaseManager()) {
            assertThatThrownBy(() -> focus.measure(pixels(x -> x), VideoFolder.fromClassFolders(dir.resolve("videos")),
                    manager, null, 0, System.err)).isInstanceOf(Ssl4jException.class)
                    .hasMessageContaining("v.mask.png is missing");
        }
    }
}
