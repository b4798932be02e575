package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;
import org.ssl4j.core.recipe.DataConfig;
import org.ssl4j.core.train.AtomicFiles;
import org.ssl4j.core.train.EncoderStore;
import org.ssl4j.core.train.Engines;
import org.ssl4j.image.data.ImageData;
import org.ssl4j.video.nn.ResNet3d;
import org.ssl4j.video.synth.MotionDigits;

/**
 * The video runs through the command line, on a tiny MotionDigits (32x32, 12 frames, 20 training videos): the shipped
 * RGB video MoCo, supervised, DSM, CMD, MoDist and XDC recipes pretrain a 3D ResNet, and the frozen protocols (linear, kNN, retrieval
 * on clip-averaged features) and fine-tuning run on both held-out lists, the videos are embedded, a run resumed from a
 * checkpoint repeats the uninterrupted one, and `compare` sets DSM against MoCo.
 */
class VideoRunTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void generate() {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ImageData.TrainTest digits = ImageData.open(DataConfig.defaults(), Path.of(""), quiet);
        data = dir.resolve("md");
        MotionDigits.generate(new MotionDigits.Settings(0, 32, 12, 25, 2, 1, 1, 0.8, false, 16_000, 2),
                digits.train(), digits.test(), data, quiet);
    }

    /** CMD on the tiny data: 2 motion-vector frames after a 1-frame gap fit the 12-frame videos. */
    private static final String[] CMD_SETTINGS = {"method.mvFrames=2", "method.gap=1", "method.motionSize=16",
        "method.depth=1", "method.width=32", "method.heads=2"};

    /** The arguments that pretrain a shipped motion-digits recipe for a few steps on the tiny data. */
    private static String[] tiny(String recipe, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("pretrain", "--recipe", recipe, "--out", out.toString(),
                "--set", "data.dir=" + data, "--set", "data.size=32", "--set", "data.clip.frames=4",
                "--set", "data.clip.evalClips=2", "--set", "augment.size=28", "--set", "train.steps=3",
                "--set", "train.batchSize=8"));
        for (String m : more) {
            args.add("--set");
            args.add(m);
        }
        return args.toArray(new String[0]);
    }

    @Test
    void mocoPretrainsOnClipsAndIsEvaluatedOnBothHeldOutLists() throws Exception {
        Path run = dir.resolve("moco");
        CliTest.Outcome pretrain = CliTest.run(tiny("motion-digits/moco", run, "method.queueSize=16"));
        assertThat(pretrain.code()).as(pretrain.err()).isZero();
        assertThat(pretrain.err()).contains("moco on 20 videos [2, 3, 4, 32, 32]");
        try (NDManager manager = Engines.pytorch().newBaseManager()) { // a video encoder loads through core
            EncoderStore.Loaded encoder = EncoderStore.load(run.resolve("encoder"), manager);
            assertThat(encoder.backbone()).isInstanceOf(ResNet3d.class);
            assertThat(encoder.spec().inputShape()).containsExactly(3, 4, 28, 28);
        }

        CliTest.Outcome eval = CliTest.run("eval", "linear", "knn", "retrieval", "--run", run.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("retrieval r@20").contains("random-init");
        assertThat(eval.err()).contains("no raw-input row for video");
        CliTest.Outcome biased = CliTest.run("eval", "retrieval", "--run", run.toString(), "--test-list",
                "biasedtestlist01.txt");
        assertThat(biased.code()).as(biased.err()).isZero();

        CliTest.Outcome focus = CliTest.run("eval", "focus", "--run", run.toString(), "--overlays", "2");
        assertThat(focus.code()).as(focus.err()).isZero();
        assertThat(focus.out()).contains("focus").contains("uniform");
        for (String encoder : List.of("moco", "random-init")) {
            try (var overlays = Files.list(run.resolve("focus").resolve(encoder))) {
                assertThat(overlays.map(p -> p.getFileName().toString())).hasSize(2).allMatch(n -> n.endsWith(".png"));
            }
        }

        CliTest.Outcome embed = CliTest.run("embed", "--run", run.toString(), "--split", "test", "--out",
                dir.resolve("emb").toString());
        assertThat(embed.code()).as(embed.err()).isZero();
        assertThat(embed.out()).contains("10 embeddings of 128 features");
        assertThat(Files.readAllLines(dir.resolve("emb/embeddings.csv")).get(1))
                .matches("Left/v_Left_g\\d+_c\\d+\\.mp4,0,.*");

        List<ResultRow> rows = Results.read(run.resolve("results.json"));
        assertThat(rows).extracting(ResultRow::split).containsOnly("test", "biasedtestlist01");
        assertThat(rows).filteredOn(r -> r.split().equals("test") && r.encoder().equals("moco"))
                .extracting(ResultRow::metric).containsExactlyInAnyOrder("top1", "top1", "clip-top1", "clip-top1", "r@1",
                        "r@5", "r@10", "r@20", "fraction");
        assertThat(rows).filteredOn(r -> r.protocol().equals("focus")).extracting(ResultRow::encoder)
                .containsExactly("moco", "random-init", "uniform");
        assertThat(rows).filteredOn(r -> r.protocol().equals("focus")).allMatch(r -> r.value() > 0 && r.value() < 1);
        for (String split : List.of("test", "biasedtestlist01")) {
            List<Double> recall = rows.stream().filter(r -> r.split().equals(split) && r.encoder().equals("moco")
                    && r.protocol().equals("retrieval")).map(ResultRow::value).toList();
            assertThat(recall).as(split).hasSize(4).isSorted().allMatch(v -> v >= 0 && v <= 1);
            assertThat(recall.get(3)).as("R@20 of 20 training videos covers every class").isEqualTo(1.0);
        }
    }

    @Test
    void supervisedReferenceTrainsOnLabelsAndFineTunesOnClips() throws Exception {
        Path run = dir.resolve("supervised");
        CliTest.Outcome pretrain = CliTest.run(tiny("motion-digits/supervised", run, "eval.finetune.steps=2",
                "eval.finetune.batchSize=4"));
        assertThat(pretrain.code()).as(pretrain.err()).isZero();
        assertThat(pretrain.err()).contains("supervised on 20 videos");

        CliTest.Outcome finetune = CliTest.run("eval", "finetune", "--run", run.toString(), "--fraction", "0.5");
        assertThat(finetune.code()).as(finetune.err()).isZero();
        assertThat(finetune.err()).contains("fine-tuning on 10 labelled videos (50% of 20), 2 steps");
        assertThat(finetune.out()).contains("supervised").contains("random-init");
        assertThat(Results.read(run.resolve("results.json"))).extracting(ResultRow::metric)
                .containsExactly("top1@50%", "clip-top1@50%", "top1@50%", "clip-top1@50%"); // supervised, random-init

        CliTest.Outcome wrongClasses = CliTest.run(tiny("motion-digits/supervised", dir.resolve("bad"),
                "method.classes=7"));
        assertThat(wrongClasses.code()).isEqualTo(2);
        assertThat(wrongClasses.err().strip()).contains("method.classes is 7").contains("10 classes")
                .doesNotContain("\n");
    }

    @Test
    void aVideoRunResumedFromACheckpointRepeatsTheUninterruptedOne() throws Exception {
        String[] steps = {"train.steps=4", "train.checkpointEvery=2", "train.logEvery=1"};
        String[] queue = {"method.queueSize=16"};
        Map<String, String[]> recipes = new LinkedHashMap<>();
        recipes.put("motion-digits/moco", queue);
        recipes.put("motion-digits/dsm", queue);
        recipes.put("motion-digits/cmd", CMD_SETTINGS);
        recipes.put("motion-digits/modist", new String[] {"method.queueSize=16", "method.flowSize=16"});
        // 2 steps per epoch: XDC clusters again after step 2, so the resumed run starts a round from a checkpoint.
        recipes.put("motion-digits/xdc", new String[] {"method.clusters=4", "method.kmeansIterations=5",
            "method.audioBackbone=small-convnet", "method.audioSeconds=0.4"});
        for (Map.Entry<String, String[]> entry : recipes.entrySet()) {
            String recipe = entry.getKey();
            String[] settings = Stream.concat(Arrays.stream(steps), Arrays.stream(entry.getValue()))
                    .toArray(String[]::new);
            String name = recipe.substring(recipe.indexOf('/') + 1);
            Path whole = dir.resolve(name + "-whole");
            CliTest.Outcome first = CliTest.run(tiny(recipe, whole, settings));
            assertThat(first.code()).as(first.err()).isZero();
            Path cut = dir.resolve(name + "-cut");
            CliTest.Outcome second = CliTest.run(tiny(recipe, cut, settings));
            assertThat(second.code()).as(second.err()).isZero();
            // As if killed after the checkpoint of step 2: later checkpoints, the encoder and steps 3-4 are gone.
            Files.delete(cut.resolve("checkpoints/step-00000004.npz"));
            AtomicFiles.deleteTree(cut.resolve("encoder"));
            List<String> metrics = Files.readAllLines(cut.resolve("metrics.jsonl"));
            Files.write(cut.resolve("metrics.jsonl"), metrics.subList(0, 2));

            CliTest.Outcome resumed = CliTest.run("pretrain", "--resume", cut.toString());
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.err()).contains("resuming from step-00000002.npz: step 2 of 4");
            assertThat(lossesOf(cut)).as(recipe).isEqualTo(lossesOf(whole)).hasSize(4);
            assertThat(Files.readAllBytes(cut.resolve("encoder/encoder.params"))).as(recipe)
                    .isEqualTo(Files.readAllBytes(whole.resolve("encoder/encoder.params")));
        }
    }

    /** DSM's shipped recipe trains, and `compare` measures it against MoCo by linear probe and retrieval. */
    @Test
    void dsmIsComparedWithMocoOnAHeldOutList() throws Exception {
        List<String> args = new ArrayList<>(List.of("compare", "--recipe", "motion-digits/moco", "--recipe",
                "motion-digits/dsm", "--seeds", "0", "--eval", "linear+retrieval", "--test-list",
                "biasedtestlist01.txt", "--out", dir.resolve("cmp").toString()));
        String[] pretrain = tiny("motion-digits/dsm", dir.resolve("unused"), "method.queueSize=16");
        args.addAll(List.of(pretrain).subList(5, pretrain.length)); // the --set pairs
        CliTest.Outcome cmp = CliTest.run(args.toArray(new String[0]));
        assertThat(cmp.code()).as(cmp.err()).isZero();
        assertThat(cmp.err()).contains("dsm on 20 videos [1, 3, 4, 32, 32]");
        assertThat(cmp.out()).contains("| motion-digits-dsm | dsm | linear top1 (biasedtestlist01) |",
                "| motion-digits-dsm | dsm | retrieval r@1 (biasedtestlist01) |",
                "| motion-digits-moco | random-init | retrieval r@1 (biasedtestlist01) |",
                "| motion-digits-dsm | - | step time / first recipe's |");
        List<ResultRow> rows = Results.read(dir.resolve("cmp/motion-digits-dsm-seed0/results.json"));
        assertThat(rows).extracting(ResultRow::protocol).containsOnly("linear", "retrieval");
        assertThat(rows).extracting(ResultRow::split).containsOnly("biasedtestlist01");
    }

    private static List<String> lossesOf(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(".*\"step\":(\\d+).*\"loss\":([-0-9.eE]+).*", "$1 $2")).toList();
    }

    /** XDC saves its audio encoder too, and `eval --encoder audio` measures it on the videos' sound. */
    @Test
    void xdcsAudioEncoderIsEvaluatedOnTheSound() throws Exception {
        Path run = dir.resolve("xdc");
        CliTest.Outcome pretrain = CliTest.run(tiny("motion-digits/xdc", run, "method.clusters=4",
                "method.kmeansIterations=5", "method.audioBackbone=small-convnet", "method.audioSeconds=0.4"));
        assertThat(pretrain.code()).as(pretrain.err()).isZero();
        assertThat(run.resolve("encoder-audio/encoder.yaml")).exists();
        CliTest.Outcome audio = CliTest.run("eval", "linear", "retrieval", "--run", run.toString(), "--encoder",
                "audio");
        assertThat(audio.code()).as(audio.err()).isZero();
        List<ResultRow> rows = Results.read(run.resolve("results.json"));
        assertThat(rows).extracting(ResultRow::encoder).contains("xdc-audio", "random-init");
        // Each class sounds its own tone: the sound alone tells the 10 classes apart far above chance.
        double top1 = rows.stream().filter(r -> r.encoder().equals("xdc-audio") && r.metric().equals("top1"))
                .findFirst().orElseThrow().value();
        assertThat(top1).isGreaterThan(0.5);

        Path moco = dir.resolve("moco-no-audio");
        assertThat(CliTest.run(tiny("motion-digits/moco", moco, "method.queueSize=16")).code()).isZero();
        CliTest.Outcome notXdc = CliTest.run("eval", "linear", "--run", moco.toString(), "--encoder", "audio");
        assertThat(notXdc.code()).isEqualTo(2);
        assertThat(notXdc.err().strip()).contains("only an XDC run").doesNotContain("\n");
        CliTest.Outcome finetune = CliTest.run("eval", "finetune", "--run", run.toString(), "--encoder", "audio");
        assertThat(finetune.code()).isEqualTo(2);
        assertThat(finetune.err().strip()).contains("--encoder audio applies to linear, knn and retrieval");
    }

    @Test
    void badVideoInputIsAOneLineError() throws Exception {
        CliTest.Outcome list = CliTest.run(tiny("motion-digits/moco", dir.resolve("nolist"),
                "data.trainList=missing.txt"));
        assertThat(list.code()).isEqualTo(2);
        assertThat(list.err().strip()).contains("missing.txt").doesNotContain("\n");

        CliTest.Outcome image = CliTest.run("pretrain", "--recipe", "mnist/simclr", "--out",
                dir.resolve("clipimg").toString(), "--set", "data.clip.frames=4");
        assertThat(image.code()).isEqualTo(2);
        assertThat(image.err().strip()).contains("data.clip").contains("videofolder").doesNotContain("\n");

        CliTest.Outcome backbone = CliTest.run(tiny("motion-digits/moco", dir.resolve("nonet"),
                "backbone.name=r4d-18"));
        assertThat(backbone.code()).isEqualTo(2);
        assertThat(backbone.err().strip()).contains("r4d-18").contains("r2plus1d-10").doesNotContain("\n");
    }
}
