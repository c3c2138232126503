package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code train --resume} from another folder than the run was started in reads and writes where
 * the original run did: the relative paths it was given are taken from the folder it started in.
 * The runs are child JVMs, since a JVM cannot change its own working folder.
 */
class CliResumeTest {

    @TempDir
    Path tmp;

    /** Runs the command line in a child JVM in {@code folder}; returns its exit status, stdout and stderr. */
    private CliRun inFolder(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                Nntrain.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process child = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(3, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("the child did not finish");
        }
        return new CliRun(child.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void aRunResumedElsewhereReadsAndWritesWhereItStarted() throws Exception {
        Path started = Files.createDirectories(tmp.resolve("started"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 5).append(',').append(i % 3).append('\n');
        }
        Files.writeString(started.resolve("rel.csv"), csv, StandardCharsets.UTF_8);

        CliRun first = inFolder(started, "train", "--dataset", "csv:rel.csv", "--layers", "4", "--epochs", "2",
                "--threads", "1", "--checkpoint-every", "1", "-o", "m", "--plot", "h.png", "-q");
        assertEquals(0, first.status(), first.err());
        assertEquals(List.of("h.png", "m", "m.checkpoint", "rel.csv"), listing(started));
        // the model goes, so that the resumed run's save shows where it writes
        try (Stream<Path> files = Files.list(started.resolve("m"))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(started.resolve("m"));
        Files.delete(started.resolve("h.png"));

        CliRun resumed = inFolder(elsewhere, "train", "--resume", "../started/m.checkpoint");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(Files.isRegularFile(started.resolve("m").resolve("model.json")),
                "the model is saved where the original run saved it: " + listing(started));
        assertTrue(Files.isRegularFile(started.resolve("h.png")), "and the chart: " + listing(started));
        assertEquals(List.of(), listing(elsewhere), "nothing written where the run was resumed");

        // the data file the checkpoint names is gone: the message says the path came from the checkpoint
        Files.delete(started.resolve("rel.csv"));
        CliRun missing = CliRun.of("train", "--resume", started.resolve("m.checkpoint").toString());
        missing.assertBadInput(started.resolve("rel.csv").toString(), "checkpoint " + started.resolve("m.checkpoint"),
                "records --dataset", "does not exist");
        assertFalse(missing.out().contains("Epoch"), missing.out());
    }

    /**
     * A checkpoint written by the previous release, which fitted a CSV's scaling on every training
     * row (the validation split's too), resumes with the scaling it recorded: epochs 4 to 6 and
     * the test accuracy are the ones that release printed for the same run without a stop. The
     * release recorded absolute paths, so the data goes where it was: under /tmp.
     */
    @Test
    void aCheckpointOfThePreviousReleaseResumesWithTheScalingItRecorded() throws IOException {
        // the release's own run of: train --dataset csv:.../roasts.csv --layers 4 --epochs 6 --batch-size 2
        //     --validation-split 0.25 --checkpoint-every 3
        resumeReleaseCheckpoint("/tmp/nntrain-resume-fixture", "checkpoint-before-split-scaling",
                new String[] {"model.json", "parameters-389c802aab02ec41.params", "training-e4dca3d0c82b841a.bin"},
                home -> Files.copy(Path.of("data/coffee-roasts.csv"), home.resolve("roasts.csv")), new String[] {
                    "Epoch 4/6 - loss: 0.4629 - accuracy: 0.7767 - val_loss: 0.3977 - val_accuracy: 0.8000",
                    "Epoch 5/6 - loss: 0.4462 - accuracy: 0.7767 - val_loss: 0.3836 - val_accuracy: 0.8000",
                    "Epoch 6/6 - loss: 0.4298 - accuracy: 0.7767 - val_loss: 0.3741 - val_accuracy: 0.8000"}, 0.78);
    }

    /**
     * A checkpoint written before the fill values were learnt from the rows that train alone (they
     * were the mean of every training row, the validation split's too) resumes with the values it
     * recorded: epochs 4 to 6 and the test accuracy are the ones that release printed for the same
     * run without a stop. Read with today's rule the rows would differ, and the checkpoint's
     * training-data checksum refused them. The data is written here, row for row as that run read it.
     */
    @Test
    void aCheckpointOfTheRuleBeforeResumesWithTheFillValuesItRecorded() throws IOException {
        // that release's own run of: train --dataset csv:.../holes.csv --fill-missing mean --validation-split 0.25
        //     --layers 4 --epochs 6 --batch-size 1 --threads 1 --checkpoint-every 3
        CliRun run = resumeReleaseCheckpoint("/tmp/nntrain-fill-fixture", "checkpoint-before-training-row-fills",
                new String[] {"model.json", "parameters-ad2b94f4958fb644.params", "training-d694234b4eff09f3.bin"},
                home -> {
                    StringBuilder csv = new StringBuilder("x1,x2,label\n");
                    for (int i = 0; i < 4000; i++) { // every seventh x1 missing
                        int label = i % 2;
                        String x1 = i % 7 == 3 ? "" : String.format(java.util.Locale.ROOT, "%.3f",
                                3 * Math.sin(0.7 * i) + 2 * label);
                        csv.append(x1).append(',').append(String.format(java.util.Locale.ROOT, "%.3f",
                                2 * Math.cos(1.3 * i) - label)).append(',').append(label).append('\n');
                    }
                    Files.writeString(home.resolve("holes.csv"), csv);
                }, new String[] {
                    "Epoch 4/6 - loss: 0.5149 - accuracy: 0.6971 - val_loss: 0.4914 - val_accuracy: 0.7088",
                    "Epoch 5/6 - loss: 0.4792 - accuracy: 0.7058 - val_loss: 0.4630 - val_accuracy: 0.7038",
                    "Epoch 6/6 - loss: 0.4453 - accuracy: 0.7058 - val_loss: 0.4253 - val_accuracy: 0.7175"}, 0.7163);
        assertTrue(run.out().contains("with the values checkpoint /tmp/nntrain-fill-fixture/model.checkpoint recorded:"
                + " x1 1.0077906 (571 cells)"), run.out());
    }

    /** Writes a fixture's data where its release read it. */
    private interface DataWriter {
        void write(Path home) throws IOException;
    }

    /**
     * Puts a checkpoint an earlier release wrote where it wrote it (its recorded paths are
     * absolute), with its data, resumes it, and checks the epochs and test accuracy that release
     * printed for the same run without a stop.
     *
     * @return the resumed run
     */
    private static CliRun resumeReleaseCheckpoint(String where, String fixture, String[] fixtureFiles, DataWriter data,
            String[] release, double accuracy) throws IOException {
        Path home = Path.of(where);
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(home.getParent()) && !Files.exists(home),
                home + " must be free to create");
        try {
            Path checkpoint = Files.createDirectories(home.resolve("model.checkpoint"));
            data.write(home);
            for (String name : fixtureFiles) {
                try (java.io.InputStream in = CliResumeTest.class.getResourceAsStream(fixture + "/" + name)) {
                    Files.copy(in, checkpoint.resolve(name));
                }
            }
            CliRun run = CliRun.of("train", "--resume", checkpoint.toString());
            assertEquals(0, run.status(), run.err());
            for (String line : release) {
                assertTrue(run.out().contains(line + " - "), line + " in: " + run.out());
            }
            assertEquals(accuracy, run.number("Test accuracy: "), 1e-9, run.out());
            return run;
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** A checkpoint of a run that had finished resumes to nothing, and says so rather than claiming epochs. */
    @Test
    void aFinishedRunResumedSaysThereIsNothingLeft() {
        Path out = tmp.resolve("finished");
        CliRun first = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "4", "--epochs", "2",
                "--checkpoint-every", "1", "--quiet", "-o", out.toString());
        assertEquals(0, first.status(), first.err());
        CliRun again = CliRun.of("train", "--resume", out + ".checkpoint");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.out().contains("2 epoch(s) done, 8 optimizer steps; the run had finished, so nothing is left"
                + " to train: its model is tested and saved again\n"), again.out());
        assertFalse(again.out().contains("Epoch 1/2"), again.out());
        assertEquals(first.number("Test accuracy: "), again.number("Test accuracy: "), 0, again.out());
    }
}
