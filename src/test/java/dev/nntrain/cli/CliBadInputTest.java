package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.engine.Engine;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The documented bad inputs of {@code nntrain train} and {@code nntrain lesson} that {@link CliTest}
 * does not cover. The README's contract for each: exit status 2, one line on standard error that
 * names the bad value, and nothing written: no model directory, no epoch run.
 */
class CliBadInputTest {

    @TempDir Path tmp;

    /** Where each rejected run was told to save its model; it must not exist afterwards. */
    private Path output() {
        return tmp.resolve("never");
    }

    /** A valid CSV: two features and three classes, 40 rows, the label last. */
    private Path threeClasses() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 3).append('\n');
        }
        return Files.writeString(tmp.resolve("three.csv"), csv);
    }

    /** Runs {@code train} with these options and {@code -o} {@link #output()}, and checks the contract. */
    private void assertTrainRejects(String[] options, String... fragments) {
        String[] args = new String[options.length + 3];
        args[0] = "train";
        System.arraycopy(options, 0, args, 1, options.length);
        args[options.length + 1] = "-o";
        args[options.length + 2] = output().toString();
        CliRun run = CliRun.of(args);
        run.assertBadInput(fragments);
        assertFalse(Files.exists(output()), "nothing written, yet " + output() + " exists");
        assertFalse(run.out().contains("Epoch "), "no epoch runs on bad input: " + run.out());
    }

    @Test
    void gpuWithoutAGpu() {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        assertTrainRejects(new String[] {"--device", "gpu"}, "--device gpu", "no GPU");
        assertTrainRejects(new String[] {"--device", "gpu:1"}, "--device gpu:1", "no GPU");
    }

    @Test
    @Tag("gpu")
    void aGpuNumberPastTheLastIsNamed() {
        int count = Engine.getInstance().getGpuCount();
        Assumptions.assumeTrue(count > 0, "no GPU here");
        assertTrainRejects(new String[] {"--device", "gpu:" + count}, "--device gpu:" + count, count + " GPU");
    }

    @Test
    void learningRateScheduleOptions() throws IOException {
        String csv = "csv:" + threeClasses();
        String expected = "expected step:EVERY:FACTOR, exp:RATE or cosine:EPOCHS[:FLOOR]";
        assertTrainRejects(new String[] {"--dataset", csv, "--lr-schedule", "linear:3"}, "--lr-schedule linear:3",
                "unknown schedule 'linear'", expected);
        assertTrainRejects(new String[] {"--dataset", csv, "--lr-schedule", "step:10"}, "--lr-schedule step:10", expected,
                "got 2 parts");
        assertTrainRejects(new String[] {"--dataset", csv, "--lr-schedule", "step:x:0.5"}, "--lr-schedule step:x:0.5",
                "EVERY must be a whole number", "'x'");
        assertTrainRejects(new String[] {"--dataset", csv, "--lr-schedule", "step:0:0.5"}, "--lr-schedule step:0:0.5",
                "at least 1 epoch between drops, got 0");
        assertTrainRejects(new String[] {"--dataset", csv, "--lr-schedule", "step:2:1.5"}, "--lr-schedule step:2:1.5",
                "factor must be in (0, 1), got 1.5");
        assertTrainRejects(new String[] {"--dataset", csv, "--lr-schedule", "exp:NaN"}, "--lr-schedule exp:NaN",
                "RATE must be a number, got 'NaN'");
        assertTrainRejects(new String[] {"--dataset", csv, "--lr-schedule", "exp:1"}, "--lr-schedule exp:1",
                "rate must be in (0, 1), got 1.0");
        assertTrainRejects(new String[] {"--dataset", csv, "--lr", "0.01", "--lr-schedule", "cosine:10:0.01"},
                "--lr-schedule cosine:10:0.01", "below the initial rate 0.01, got 0.01", "--lr 0.01");
        assertTrainRejects(new String[] {"--dataset", csv, "--epochs", "20", "--lr-schedule", "cosine:10"},
                "--lr-schedule cosine:10", "would reach 0 at epoch 11 of 20", "FLOOR");
    }

    @Test
    void reduceLrOnPlateauOptions() throws IOException {
        String csv = "csv:" + threeClasses();
        assertTrainRejects(new String[] {"--dataset", csv, "--reduce-lr-on-plateau", "three"},
                "--reduce-lr-on-plateau three", "PATIENCE must be a whole number", "'three'");
        assertTrainRejects(new String[] {"--dataset", csv, "--reduce-lr-on-plateau", "3:1"},
                "--reduce-lr-on-plateau 3:1", "factor must be in (0, 1), got 1.0");
        assertTrainRejects(new String[] {"--dataset", csv, "--reduce-lr-on-plateau", "3:0.5:-1"},
                "--reduce-lr-on-plateau 3:0.5:-1", "min_lr must be a finite number of at least 0, got -1.0");
        assertTrainRejects(new String[] {"--dataset", csv, "--reduce-lr-on-plateau", "3:0.5:0:-2"},
                "--reduce-lr-on-plateau 3:0.5:0:-2", "COOLDOWN", "'-2'");
        assertTrainRejects(new String[] {"--dataset", csv, "--reduce-lr-on-plateau", "3:0.5:0:1:9"},
                "--reduce-lr-on-plateau 3:0.5:0:1:9", "expected PATIENCE[:FACTOR[:MIN_LR[:COOLDOWN]]]");
        assertTrainRejects(new String[] {"--dataset", csv, "--reduce-lr-on-plateau", "3", "--lr-schedule", "exp:0.9"},
                "--lr-schedule and --reduce-lr-on-plateau both set the learning rate");
    }

    @Test
    void unknownDevice() {
        assertTrainRejects(new String[] {"--device", "tpu"}, "'tpu'", "gpu:N");
        assertTrainRejects(new String[] {"--device", "gpu:x"}, "'gpu:x'");
        assertTrainRejects(new String[] {"--device", "gpu:-1"}, "'gpu:-1'");
    }

    @Test
    void threadsNotAPositiveNumber() {
        for (String threads : new String[] {"0", "-2", "many"}) {
            assertTrainRejects(new String[] {"--threads", threads}, "--threads", "'" + threads + "'");
        }
    }

    @Test
    void shiftOnCsvData() throws IOException {
        // shifts move 28x28 images; a CSV row of two numbers has no pixels to move
        Path csv = threeClasses();
        assertTrainRejects(new String[] {"--dataset", "csv:" + csv, "--shift", "1"}, "--shift", csv.toString());
    }

    @Test
    void negativeShift() {
        assertTrainRejects(new String[] {"--shift", "-1"}, "--shift", "-1");
    }

    @Test
    void testSplitOutsideZeroToOne() throws IOException {
        Path csv = threeClasses();
        for (String split : new String[] {"1.5", "0", "-0.2"}) {
            assertTrainRejects(new String[] {"--dataset", "csv:" + csv, "--test-split", split}, "--test-split", split);
        }
    }

    @Test
    void labelColumnPastTheLastColumn() throws IOException {
        Path csv = threeClasses();
        assertTrainRejects(new String[] {"--dataset", "csv:" + csv, "--label-column", "3"},
                csv.toString(), "label column", "3", "3 columns");
    }

    @Test
    void negativeLabelColumn() throws IOException {
        Path csv = threeClasses();
        assertTrainRejects(new String[] {"--dataset", "csv:" + csv, "--label-column", "-2"},
                "--label-column", "-2");
    }

    @Test
    void labelColumnNotANumber() throws IOException {
        Path csv = threeClasses();
        assertTrainRejects(new String[] {"--dataset", "csv:" + csv, "--label-column", "last"},
                "--label-column", "'last'");
    }

    @Test
    void unknownDataset() {
        assertTrainRejects(new String[] {"--dataset", "cifar10"}, "'cifar10'", "mnist, fashion-mnist or csv:PATH");
    }

    /** Runs a command and checks the contract: bad input, and nothing written under {@code out}. */
    private static void assertRefusedWritingNothing(Path out, String[] args, String... fragments) throws IOException {
        List<Path> before = walk(out);
        CliRun run = CliRun.of(args);
        run.assertBadInput(fragments);
        assertEquals("", run.out(), "no data read, no epoch run");
        assertEquals(before, walk(out), "nothing written in " + out);
    }

    private static List<Path> walk(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            return files.sorted().toList();
        }
    }

    @Test
    void outputsInsideOneAnother() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path model = out.resolve("m");
        Path inModel = model.resolve("ckpt");
        assertRefusedWritingNothing(out, new String[] {"train", "--epochs", "2", "-o", model.toString(),
            "--checkpoint-every", "1", "--checkpoint-dir", inModel.toString()},
                "--checkpoint-dir " + inModel, "inside the output directory " + model);
        Path checkpoints = out.resolve("c");
        Path inCheckpoints = checkpoints.resolve("m");
        assertRefusedWritingNothing(out, new String[] {"train", "--epochs", "2", "-o", inCheckpoints.toString(),
            "--checkpoint-every", "1", "--checkpoint-dir", checkpoints.toString()},
                "output directory " + inCheckpoints, "inside --checkpoint-dir " + checkpoints);
        // the same through a link to the folder: the paths differ, the place does not
        Path link = Files.createSymbolicLink(tmp.resolve("link"), out);
        Path viaLink = link.resolve("m").resolve("ckpt");
        assertRefusedWritingNothing(out, new String[] {"train", "--epochs", "2", "-o", model.toString(),
            "--checkpoint-every", "1", "--checkpoint-dir", viaLink.toString()},
                "--checkpoint-dir " + viaLink, "inside the output directory " + model);
        assertRefusedWritingNothing(out, new String[] {"train", "--epochs", "2", "-o", model.toString(),
            "--checkpoint-every", "1", "--checkpoint-dir", link.resolve("m").toString()},
                "--checkpoint-dir " + link.resolve("m"), "is the output directory");
    }

    @Test
    void aChartInsideTheModelDirectory() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path model = Files.createDirectories(out.resolve("pm")); // empty: a model may be saved there
        Path chart = model.resolve("h.png");
        assertRefusedWritingNothing(out, new String[] {"train", "--epochs", "2", "-o", model.toString(),
            "--plot", chart.toString()}, "--plot " + chart, "inside the output directory " + model);
        Path checkpoints = Files.createDirectories(out.resolve("ck"));
        Path inCheckpoints = checkpoints.resolve("h.png");
        assertRefusedWritingNothing(out, new String[] {"train", "--epochs", "2", "-o", out.resolve("m").toString(),
            "--checkpoint-every", "1", "--checkpoint-dir", checkpoints.toString(), "--plot", inCheckpoints.toString()},
                "--plot " + inCheckpoints, "inside --checkpoint-dir " + checkpoints);
    }

    @Test
    void epochsForALessonThatTrainsNoDigits() {
        // the lessons without digit runs, read off their run methods: none takes an epoch count
        for (String lesson : new String[] {"activations", "roundoff", "multi-label", "backprop"}) {
            CliRun run = CliRun.of("lesson", lesson, "--epochs", "3");
            run.assertBadInput("--epochs", "lesson " + lesson);
            assertEquals("", run.out(), "no lesson printed");
        }
    }

    @Test
    void unknownLesson() {
        CliRun run = CliRun.of("lesson", "regularization");
        run.assertBadInput("'regularization'", "keras-recipe");
        assertEquals("", run.out(), "no lesson printed");
    }
}
