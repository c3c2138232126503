package dev.nntrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.Examples;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.plot.ActivationCharts;
import dev.nntrain.plot.Charts;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.callback.CsvLogger;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.tune.LearningRateFinder;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * The rule for files nntrain writes, in {@link OutputFiles} and in each library writer (the
 * training log, the range test's log, a chart, {@code .npz} weights): a pipe, a link to a pipe or a
 * link to nothing is refused and left as it was; a link to a regular file is written through, the
 * link kept; the file written has the permissions of a file made with {@code Files.createFile} in
 * the same folder (the umask's, not owner-only).
 */
class OutputFilesTest {

    @TempDir
    Path tmp;

    /** The writers of the library, each writing {@code file}. */
    private interface Writer {
        void write(Path file) throws IOException;
    }

    private static final List<String> NAMES = List.of("log.csv", "steps.csv", "chart.png", "weights.npz");

    private static Writer writer(String name) {
        return switch (name) {
            case "log.csv" -> OutputFilesTest::trainWithLog;
            case "steps.csv" -> file -> LearningRateFinder.builder().optStartRate(0.01).optEndRate(1).optSteps(3)
                    .optSmoothing(0).build().analyse(new double[] {2.5, 1.25, 1.0}).writeCsv(file);
            case "chart.png" -> file -> Charts.writePng(ActivationCharts.softmax(new double[] {1, 2}), file);
            case "weights.npz" -> file -> {
                Engines.prepareThread();
                try (Sequential model = Sequential.builder().add(Dense.of(2)).optInputShape(3).optSeed(1).build()) {
                    model.weights().writeNpz(file);
                }
            };
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static void trainWithLog(Path file) {
        float[][] x = {{0}, {1}, {2}, {3}};
        float[][] y = {{1}, {3}, {5}, {7}};
        Sequential model = Sequential.builder().add(Dense.of(1)).optSeed(1).build();
        try (CompiledModel net = CompiledModel.compile(model, new MeanSquaredError(), new Adam(0.1))) {
            net.fit(Examples.of(x, y), FitOptions.builder().optEpochs(2).optBatchSize(2).optSeed(1).optVerbose(0)
                    .addCallback(new CsvLogger(file)).build());
        }
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0, "mkfifo");
    }

    @Test
    void aPipeIsRefusedByEveryWriterAndStaysAPipe() throws Exception {
        for (String name : NAMES) {
            Path dir = Files.createDirectory(tmp.resolve("pipe-" + name));
            Path fifo = dir.resolve(name);
            mkfifo(fifo);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> writer(name).write(fifo), name);
            assertTrue(e.getMessage().contains(fifo + ": it is a named pipe (FIFO), not a regular file")
                    || e.getMessage().contains(fifo + " is a named pipe (FIFO), not a regular file"), e.getMessage());
            assertTrue(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther(),
                    name + ": still a pipe");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(fifo), files.toList(), name + ": nothing else left in the folder");
            }
        }
    }

    @Test
    void aLinkToARegularFileIsWrittenThroughAndKept() throws Exception {
        for (String name : NAMES) {
            Path dir = Files.createDirectory(tmp.resolve("link-" + name));
            Path target = Files.writeString(dir.resolve("target-" + name), "old");
            Path link = Files.createSymbolicLink(dir.resolve(name), target.getFileName());
            writer(name).write(link);
            assertTrue(Files.isSymbolicLink(link), name + ": the link is kept");
            assertEquals(target.getFileName(), Files.readSymbolicLink(link), name);
            assertFalse(Files.readString(target, java.nio.charset.StandardCharsets.ISO_8859_1).equals("old"),
                    name + ": the file it leads to was written");
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(2, files.count(), name + ": no temporary file left");
            }
        }
        assertTrue(ImageIO.read(tmp.resolve("link-chart.png").resolve("target-chart.png").toFile()) != null);
    }

    @Test
    void aLinkToAPipeOrToNothingIsRefusedAndKept() throws Exception {
        for (String name : NAMES) {
            Path dir = Files.createDirectory(tmp.resolve("bad-" + name));
            Path fifo = dir.resolve("fifo");
            mkfifo(fifo);
            Path toPipe = Files.createSymbolicLink(dir.resolve(name), fifo.getFileName());
            String message = assertThrows(InvalidInputException.class, () -> writer(name).write(toPipe)).getMessage();
            assertTrue(message.contains(toPipe.toString()) && message.contains("is a link to " + fifo.toRealPath()
                    + ", a named pipe (FIFO), not a regular file"), message);
            assertTrue(Files.isSymbolicLink(toPipe), name);
            Path broken = Files.createSymbolicLink(dir.resolve("broken-" + name), Path.of("no-such-file"));
            message = assertThrows(InvalidInputException.class, () -> writer(name).write(broken)).getMessage();
            assertTrue(message.contains(broken + " is a link to a missing file")
                    || message.contains(broken + ": it is a link to a missing file"), message);
            assertTrue(Files.isSymbolicLink(broken) && !Files.exists(dir.resolve("no-such-file")), name);
        }
    }

    @Test
    void aCharacterDeviceIsNamedAsOne() {
        Path devNull = Path.of("/dev/null");
        Assumptions.assumeTrue(Files.exists(devNull, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(devNull));
        assertEquals("is a character device, not a regular file", OutputFiles.problem(devNull));
        assertEquals("--csv-log /dev/null is a character device, not a regular file",
                assertThrows(InvalidInputException.class, () -> OutputFiles.check("--csv-log", devNull)).getMessage());
        assertEquals(null, OutputFiles.problem(tmp.resolve("new.csv")), "a new file may be written");
    }

    /** Each writer's file has the permissions of a file created plainly beside it. */
    @Test
    void aWrittenFileHasTheUmasksPermissions() throws Exception {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createFile(tmp.resolve("plain")));
        Assumptions.assumeTrue(!plain.equals(Files.getPosixFilePermissions(Files.createTempFile(tmp, "t", ""))),
                "a umask that gives new files the owner-only permissions tells nothing");
        for (String name : NAMES) {
            Path file = tmp.resolve(name);
            writer(name).write(file);
            assertEquals(plain, Files.getPosixFilePermissions(file), name);
        }
    }
}
