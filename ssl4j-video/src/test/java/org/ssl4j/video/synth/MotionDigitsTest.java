package org.ssl4j.video.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.Ssl4jException;
import org.ssl4j.video.audio.AudioReader;
import org.ssl4j.video.audio.LogMelSpectrogram;
import org.ssl4j.video.compressed.MotionField;
import org.ssl4j.video.compressed.MotionVectorReader;
import org.ssl4j.video.io.VideoDecoder;

/** The MotionDigits generator on a tiny configuration: layout, bias, determinism, masks, motion and sound. */
class MotionDigitsTest {
    @TempDir
    Path dir;

    private static MotionDigits.Settings tiny(long seed) {
        return new MotionDigits.Settings(seed, 64, 12, 25, 2, 1, 1, 0.8, true, 16_000, 2);
    }

    private List<MotionDigits.Video> generate(Path out, long seed) {
        return MotionDigits.generate(tiny(seed), SquareDigits.dataset(), SquareDigits.dataset(), out,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void writesUcf101LayoutWithMasksThatRoundTrip() throws Exception {
        Path out = dir.resolve("md");
        List<MotionDigits.Video> videos = generate(out, 7);
        assertThat(videos).hasSize(40);
        assertThat(Files.readAllLines(out.resolve("classInd.txt"))).hasSize(10).startsWith("1 Left")
                .contains("8 ZoomIn");
        List<String> train = Files.readAllLines(out.resolve("trainlist01.txt"));
        assertThat(train).hasSize(20).contains("Left/v_Left_g01_c01.mp4 1", "Spin/v_Spin_g01_c02.mp4 10");
        assertThat(Files.readAllLines(out.resolve("testlist01.txt"))).hasSize(10).contains("Left/v_Left_g02_c01.mp4");
        assertThat(Files.readAllLines(out.resolve("biasedtestlist01.txt"))).hasSize(10)
                .contains("Up/v_Up_g03_c01.mp4");
        assertThat(Files.readAllLines(out.resolve("videos.csv"))).hasSize(41);
        assertThat(out.resolveSibling("md.partial")).doesNotExist();
        for (MotionDigits.Video v : videos) {
            try (VideoDecoder decoder = VideoDecoder.open(out.resolve(v.path()), 0, 0, 1)) {
                assertThat(decoder.info().width()).isEqualTo(64);
                assertThat(decoder.info().seconds()).isCloseTo(12 / 25.0, within(0.05));
                assertThat(decoder.info().hasAudio()).isTrue();
            }
            boolean[][] masks = MotionDigits.readMasks(out.resolve(v.maskPath()));
            assertThat(masks).hasNumberOfRows(12);
            assertThat(masks[0]).as("64x64 masks").hasSize(64 * 64);
            for (boolean[] mask : masks) {
                int on = 0;
                for (boolean b : mask) {
                    on += b ? 1 : 0;
                }
                assertThat(on).as("mask pixels of %s", v.path()).isBetween(20, 64 * 64 / 2);
            }
        }
        assertThatThrownBy(() -> generate(out, 7)).isInstanceOf(Ssl4jException.class).hasMessageContaining("exists");
    }

    @Test
    void oneSeedGivesTheSameBytes() throws Exception {
        generate(dir.resolve("a"), 3);
        generate(dir.resolve("b"), 3);
        for (String file : List.of("videos.csv", "Spin/v_Spin_g01_c01.mp4", "Spin/v_Spin_g01_c01.mask.png")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .as(file).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
    }

    @Test
    void scenesFollowTheBiasInTrainingAndAreUniformInTheTestSplit() {
        SplittableRandom random = new SplittableRandom(1);
        int n = 20_000;
        int own = 0;
        int ownTest = 0;
        int[] otherFamilies = new int[10];
        for (int i = 0; i < n; i++) {
            MotionPattern m = MotionPattern.values()[i % 10];
            TextureFamily s = MotionDigits.scene(MotionDigits.Split.TRAIN, m, 0.8, random);
            own += s.ordinal() == m.ordinal() ? 1 : 0;
            if (m == MotionPattern.UP && s != TextureFamily.values()[m.ordinal()]) {
                otherFamilies[s.ordinal()]++;
            }
            ownTest += MotionDigits.scene(MotionDigits.Split.TEST, m, 0.8, random).ordinal() == m.ordinal() ? 1 : 0;
        }
        assertThat(own / (double) n).isCloseTo(0.8, within(0.01));
        assertThat(ownTest / (double) n).isCloseTo(0.1, within(0.01));
        assertThat(otherFamilies[MotionPattern.UP.ordinal()]).isZero();
        for (int f = 0; f < 10; f++) {
            if (f != MotionPattern.UP.ordinal()) {
                assertThat(otherFamilies[f]).isBetween(30, 70); // about 400 / 9 each
            }
        }
    }

    /** Mean motion-vector displacement over the cells under the digit's mask. */
    private static double[] maskedMotion(Path video, boolean[][] masks, int size) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        try (MotionVectorReader reader = MotionVectorReader.open(video, 4, 1)) {
            for (MotionField f = reader.next(); f != null; f = reader.next()) {
                boolean[] mask = masks[f.index()];
                for (int r = 0; r < f.height(); r++) {
                    for (int c = 0; c < f.width(); c++) {
                        if (f.predicted(r, c) && mask[(4 * r + 2) * size + 4 * c + 2]) {
                            sx += f.dx(r, c);
                            sy += f.dy(r, c);
                            n++;
                        }
                    }
                }
            }
        }
        return new double[] {sx / n, sy / n};
    }

    @Test
    void motionVectorsOnTheDigitPointTheClassWayAndTheToneIsTheClassTone() {
        Path out = dir.resolve("md");
        MotionDigits.generate(new MotionDigits.Settings(5, 64, 16, 25, 1, 1, 0, 0.8, false, 16_000, 2), SquareDigits.dataset(),
                SquareDigits.dataset(), out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        double[] right = maskedMotion(out.resolve("Right/v_Right_g01_c01.mp4"),
                MotionDigits.readMasks(out.resolve("Right/v_Right_g01_c01.mask.png")), 64);
        assertThat(right[0]).as("dx of Right").isGreaterThan(1.0);
        assertThat(Math.abs(right[1])).as("|dy| of Right").isLessThan(0.5);
        double[] up = maskedMotion(out.resolve("Up/v_Up_g01_c01.mp4"),
                MotionDigits.readMasks(out.resolve("Up/v_Up_g01_c01.mask.png")), 64);
        assertThat(up[1]).as("dy of Up").isLessThan(-1.0);

        LogMelSpectrogram mel = new LogMelSpectrogram(LogMelSpectrogram.Settings.defaults16k());
        for (MotionPattern m : List.of(MotionPattern.LEFT, MotionPattern.ZOOM_IN, MotionPattern.SPIN)) {
            String name = m.className();
            float[] sound = AudioReader.read(out.resolve(name + "/v_" + name + "_g01_c01.mp4"), 16_000, 0.1, 0.4);
            double tone = 300 * Math.pow(2, m.ordinal() / 3.0);
            double[] centres = mel.centres();
            int nearest = 0;
            for (int b = 1; b < centres.length; b++) {
                if (Math.abs(centres[b] - tone) < Math.abs(centres[nearest] - tone)) {
                    nearest = b;
                }
            }
            float[] spectrogram = mel.compute(sound);
            int frames = mel.frames(sound.length);
            double[] bandEnergy = new double[centres.length];
            for (int b = 0; b < centres.length; b++) {
                for (int t = 0; t < frames; t++) {
                    bandEnergy[b] += spectrogram[b * frames + t];
                }
            }
            int loudest = 0;
            for (int b = 1; b < centres.length; b++) {
                loudest = bandEnergy[b] > bandEnergy[loudest] ? b : loudest;
            }
            assertThat(loudest).as("loudest band of %s (%.0f Hz)", name, tone).isBetween(nearest - 1, nearest + 1);
        }
    }
}
