package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code train --csv-log}: the log's rows against the epoch lines the same run printed (a second
 * route to the same numbers, rounded there to four decimals), what the checkpoint records, and
 * {@code compare} reading the log.
 */
class CliCsvLogTest {

    @TempDir
    Path tmp;

    private static final Pattern EPOCH = Pattern.compile(
            "Epoch (\\d+)/\\d+ - loss: ([0-9.]+) - accuracy: ([0-9.]+) - val_loss: ([0-9.]+) - val_accuracy: ([0-9.]+)");

    @Test
    void theLogHoldsTheEpochLinesNumbers() throws IOException {
        Path log = tmp.resolve("iris.csv");
        CliRun run = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "8", "--lr", "0.01", "--epochs", "4",
                "--validation-split", "0.2", "--threads", "1", "--device", "cpu", "--seed", "3", "-o",
                tmp.resolve("model").toString(), "--csv-log", log.toString(), "--checkpoint-every", "2");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Training log written to " + log), run.out());
        List<String> rows = Files.readAllLines(log);
        assertEquals("epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds", rows.get(0));
        Matcher m = EPOCH.matcher(run.out());
        int epochs = 0;
        while (m.find()) {
            String[] row = rows.get(++epochs).split(",");
            assertEquals(m.group(1), row[0]);
            for (int k = 1; k <= 4; k++) {
                assertEquals(Double.parseDouble(m.group(k + 1)), Double.parseDouble(row[k]), 0.00005 + 1e-12,
                        "epoch " + epochs + ", column " + k);
            }
            assertEquals(0.01, Double.parseDouble(row[5]), 1e-12);
        }
        assertEquals(4, epochs);
        assertEquals(5, rows.size());
        // the checkpoint records the log's path made absolute, so that --resume writes to it from anywhere
        // (summary's "Trained with" leaves the output-only option out, so the record is read itself)
        try (dev.nntrain.train.CompiledModel checkpoint = dev.nntrain.train.CompiledModel.load(
                tmp.resolve("model.checkpoint"))) {
            String recorded = String.join(" ", RecordedTraining.arguments(checkpoint.model().properties()).orElseThrow());
            assertTrue(recorded.contains("--csv-log " + log.toAbsolutePath()), recorded);
        }

        CliRun compare = CliRun.of("compare", log.toString());
        assertEquals(0, compare.status(), compare.err());
        assertTrue(compare.out().startsWith("run   epochs  best val_loss  at epoch          last\niris       4"), compare.out());
    }

    /** A small iris run of 3 epochs with its log, checkpointed after each. */
    private CliRun train(String model, Path log, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--dataset", "csv:data/iris.csv", "--layers", "4",
                "--epochs", "3", "--threads", "1", "--device", "cpu", "--seed", "3", "-q", "-o",
                tmp.resolve(model).toString(), "--csv-log", log.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0,
                "mkfifo");
    }

    /**
     * A pipe, a link to a pipe or a link to nothing at the log's or the chart's path is refused
     * before anything trains, and left as it was; nothing is written.
     */
    @Test
    void aPathThatIsNotARegularFileIsRefusedBeforeTraining() throws Exception {
        Path fifo = tmp.resolve("fifo.csv");
        mkfifo(fifo);
        train("m1", fifo).assertBadInput("--csv-log " + fifo + " is a named pipe (FIFO), not a regular file");
        Path toFifo = Files.createSymbolicLink(tmp.resolve("to-fifo.csv"), fifo);
        train("m2", toFifo).assertBadInput("--csv-log " + toFifo + " is a link to " + fifo.toRealPath()
                + ", a named pipe (FIFO), not a regular file");
        Path broken = Files.createSymbolicLink(tmp.resolve("broken.csv"), tmp.resolve("none.csv"));
        train("m3", broken).assertBadInput("--csv-log " + broken + " is a link to a missing file");
        Path png = tmp.resolve("fifo.png");
        mkfifo(png);
        train("m4", tmp.resolve("log4.csv"), "--plot", png.toString())
                .assertBadInput("--plot", png + ": it is a named pipe (FIFO), not a regular file");
        assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther());
        assertTrue(Files.readAttributes(png, java.nio.file.attribute.BasicFileAttributes.class).isOther());
        assertTrue(Files.isSymbolicLink(toFifo) && Files.isSymbolicLink(broken));
        for (String m : List.of("m1", "m2", "m3", "m4", "log4.csv", "none.csv")) {
            assertTrue(Files.notExists(tmp.resolve(m)), m + " not written");
        }
    }

    /**
     * A link to a log is written through: the link stays, the log it leads to is replaced. The log
     * and the chart have the permissions of a file created plainly in the same folder.
     */
    @Test
    void aLinkIsWrittenThroughAndTheFilesHaveTheUmasksPermissions() throws IOException {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Path target = Files.writeString(logs.resolve("run.csv"), "epoch,loss\n1,0.5\n");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), Path.of("logs", "run.csv"));
        Path png = tmp.resolve("h.png");
        Path pngTarget = Files.writeString(logs.resolve("h.png"), "old");
        Path pngLink = Files.createSymbolicLink(png, pngTarget);
        CliRun run = train("linked", link, "--plot", pngLink.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.isSymbolicLink(link) && Files.isSymbolicLink(pngLink), "the links are kept");
        List<String> rows = Files.readAllLines(target);
        assertEquals(4, rows.size(), rows.toString());
        assertTrue(rows.get(0).startsWith("epoch,loss,accuracy,val_loss"), rows.get(0));
        assertTrue(javax.imageio.ImageIO.read(pngTarget.toFile()) != null, "the chart went to the link's file");
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            var plain = Files.getPosixFilePermissions(Files.createFile(logs.resolve("plain")));
            assertEquals(plain, Files.getPosixFilePermissions(target), "the log");
            assertEquals(plain, Files.getPosixFilePermissions(pngTarget), "the chart");
            Path direct = tmp.resolve("direct.csv");
            CliRun again = train("direct", direct);
            assertEquals(0, again.status(), again.err());
            assertEquals(Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain"))),
                    Files.getPosixFilePermissions(direct), "a new log");
        }
    }

    /**
     * A file at the log's path that is not a training log (a data set given by mistake) is
     * refused and left as it was; an empty file, an nntrain log and a Keras log may be replaced,
     * and with --find-lr a range test's log too.
     */
    @Test
    void aFileThatIsNotATrainingLogIsLeftAlone() throws IOException {
        Path data = tmp.resolve("penguins.csv");
        Files.copy(Path.of("data/penguins.csv"), data);
        byte[] before = Files.readAllBytes(data);
        train("m", data).assertBadInput("--csv-log " + data + " is a file that is not a training log",
                "its first line is \"species,island,", "give another file name, or remove the file");
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(data), "left as it was");
        assertTrue(Files.notExists(tmp.resolve("m")), "nothing trained");

        Path steps = Files.writeString(tmp.resolve("steps.csv"), "step,learning_rate,loss,smoothed_loss\n1,0.001,2.3,2.3\n");
        train("m", steps).assertBadInput("--csv-log " + steps + " is a file that is not a training log");
        CliRun rangeTest = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "4", "--find-lr",
                "--find-lr-range", "0.001:1:20", "--threads", "1", "--device", "cpu", "--csv-log", steps.toString());
        assertEquals(0, rangeTest.status(), rangeTest.err());
        assertEquals(21, Files.readAllLines(steps).size());

        List<String> olds = List.of("", "epoch,loss\n1,0.5\n", "\uFEFFepoch,accuracy,loss\n0,0.5,0.9\n");
        for (int i = 0; i < olds.size(); i++) {
            Path log = Files.writeString(tmp.resolve("old" + i + ".csv"), olds.get(i));
            CliRun run = train("ok" + i, log);
            assertEquals(0, run.status(), olds.get(i) + ": " + run.err());
            assertEquals(4, Files.readAllLines(log).size());
        }
    }

    /**
     * A finished run resumed from its last checkpoint writes its log whole again, from the
     * checkpoint's history, whether the log was deleted or cut short meanwhile; a log replaced by
     * another file is refused, and the file left alone.
     */
    @Test
    void aResumedRunsLogIsWholeWhateverTheFileHeld() throws IOException {
        Path log = tmp.resolve("run.csv");
        CliRun run = train("r", log, "--checkpoint-every", "1");
        assertEquals(0, run.status(), run.err());
        List<String> expected = Files.readAllLines(log);
        Path checkpoint = tmp.resolve("r.checkpoint");
        Files.delete(log);
        CliRun resumed = CliRun.of("train", "--resume", checkpoint.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertEquals(expected, Files.readAllLines(log), "deleted");
        Files.write(log, expected.subList(0, 2));
        resumed = CliRun.of("train", "--resume", checkpoint.toString());
        assertEquals(0, resumed.status(), resumed.err());
        assertEquals(expected, Files.readAllLines(log), "cut short");
        Files.copy(Path.of("data/iris.csv"), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun.of("train", "--resume", checkpoint.toString())
                .assertBadInput("--csv-log " + log.toAbsolutePath() + " is a file that is not a training log");
        assertEquals(Files.readAllLines(Path.of("data/iris.csv")), Files.readAllLines(log), "left alone");
    }

    @Test
    void aLogWithoutEpochsIsRefusedBeforeTraining() {
        Path log = tmp.resolve("never.csv");
        CliRun.of("train", "--epochs", "0", "--initial-weights", tmp.resolve("w.npz").toString(), "-o",
                tmp.resolve("m").toString(), "--csv-log", log.toString())
                .assertBadInput("--csv-log " + log + " writes the metrics of the epochs; --epochs 0 trains none");
        assertTrue(Files.notExists(log));
    }
}
