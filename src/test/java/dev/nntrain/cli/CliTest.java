package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.mnist.Idx;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The command line end to end: training, evaluation, prediction, and every kind of bad input. */
class CliTest {

    @TempDir
    static Path tmp;

    static Path model;

    /** The held-out accuracy {@code train} printed for {@link #model}. */
    static double testAccuracy;

    @BeforeAll
    static void trainOnce() {
        model = tmp.resolve("digits");
        CliRun run = CliRun.of("train", "--epochs", "2", "--quiet", "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Epoch 2/2 - loss: "), run.out());
        assertTrue(run.out().matches("(?s).*samples/s.*"), run.out());
        // a floor, not a prefix: two epochs of the course model must at least beat 0.8 on the
        // held-out digits (chance is 0.1), and a better result must not fail the test
        testAccuracy = run.number("Test accuracy: ");
        assertTrue(testAccuracy >= 0.8 && testAccuracy <= 1, "test accuracy " + testAccuracy);
        assertTrue(run.out().contains("Model saved to " + model), run.out());
    }

    @Test
    void trainedModelIsSavedAndEvaluates() {
        assertTrue(Files.exists(model.resolve("model.json")));
        CliRun run = CliRun.of("evaluate", "--model", model.toString());
        assertEquals(0, run.status(), run.err());
        // the saved and reloaded model scores exactly what the trained one did on the same digits
        assertEquals(testAccuracy, run.number("Accuracy: "), 1e-9, run.out());
        assertTrue(run.out().contains("Per-class precision and recall:"), run.out());
        assertTrue(run.out().contains("Confusion matrix"), run.out());
    }

    @Test
    void predictsAnIdxImage() {
        CliRun run = CliRun.of("predict", "--model", model.toString(),
                "--idx", "data/mnist/t10k-images-idx3-ubyte.gz", "--index", "0");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().startsWith("data/mnist/t10k-images-idx3-ubyte.gz[0]: predicted class "), run.out());
        assertEquals(4, run.out().strip().split("\n").length, "a header and the top 3 classes");
    }

    @Test
    void predictsAPngDigit() throws IOException {
        // draw the first test digit dark-on-light, at 3x size: the predictor must invert and scale it
        Idx.Images images = Idx.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte.gz"));
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(84, 84, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 84; y++) {
            for (int x = 0; x < 84; x++) {
                int v = 255 - images.pixel(0, y / 3, x / 3);
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        Path png = tmp.resolve("digit.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        CliRun fromIdx = CliRun.of("predict", "-m", model.toString(),
                "--idx", "data/mnist/t10k-images-idx3-ubyte.gz", "--index", "0");
        CliRun fromPng = CliRun.of("predict", "-m", model.toString(), "--image", png.toString());
        assertEquals(0, fromPng.status(), fromPng.err());
        String idxClass = fromIdx.out().split("predicted class ")[1].strip().split("\\s")[0];
        assertTrue(fromPng.out().contains("predicted class " + idxClass), fromPng.out() + " vs " + fromIdx.out());
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("train", "--help");
        assertEquals(0, help.status());
        for (String option : new String[] {"--dataset", "--data-dir", "--layers", "--activation", "--epochs",
                "--batch-size", "--optimizer", "--lr", "--seed", "--threads", "--device", "--output", "--quiet"}) {
            assertTrue(help.out().contains(option), option);
        }
        CliRun version = CliRun.of("--version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("nntrain "));
        // the versions the build declares, read from the pom: --version reads them from the jars
        String pom;
        try {
            pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.regex.Matcher djl = java.util.regex.Pattern.compile("<djl.version>([^<]+)<").matcher(pom);
        java.util.regex.Matcher torch = java.util.regex.Pattern.compile("<pytorch.version>([^<]+)<").matcher(pom);
        assertTrue(djl.find() && torch.find(), "the pom declares both");
        assertTrue(version.out().contains("DJL " + djl.group(1) + ", PyTorch engine built for PyTorch " + torch.group(1) + ","),
                version.out());
    }

    @Test
    void lessonPrintsTheCourseNumbers() {
        CliRun run = CliRun.of("lesson", "backprop");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("9.006001"), run.out());
        assertTrue(run.out().contains("2.0060045"), run.out());
    }

    @Test
    void convolutionLessonRuns() {
        CliRun help = CliRun.of("lesson", "--help");
        assertTrue(help.out().contains("convolution   convolutional layers: windows, parameters, a small CNN (12)"), help.out());
        CliRun run = CliRun.of("lesson", "convolution", "--epochs", "1");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("x1-x20, x11-x30"), run.out());
        assertTrue(run.out().contains("1 epoch of batches of 64"), run.out());
    }

    @Test
    void gradcheckPassesAndPrintsTheWorstError() {
        CliRun run = CliRun.of("gradcheck", "--layers", "3,4,2", "--activation", "relu",
                "--loss", "sparse-ce", "--batch", "8", "--seed", "1");
        assertEquals(0, run.status(), run.err() + run.out());
        assertTrue(run.out().contains("worst relative error"), run.out());
        assertTrue(run.out().strip().endsWith("PASS"), run.out());
    }

    // ---- bad input: one line naming the problem, exit 2, nothing written (CliRun.assertBadInput) ----

    @Test
    void unknownOption() {
        Path out = tmp.resolve("never1");
        CliRun.of("train", "--epoch", "3", "-o", out.toString()).assertBadInput("--epoch", "train --help");
        assertFalse(Files.exists(out));
    }

    @Test
    void nonPositiveEpochsOrBatchSize() {
        Path out = tmp.resolve("never2");
        CliRun.of("train", "--epochs", "0", "-o", out.toString()).assertBadInput("--epochs", "0");
        CliRun.of("train", "--batch-size", "-4", "-o", out.toString()).assertBadInput("--batch-size", "-4");
        CliRun.of("train", "--lr", "0", "-o", out.toString()).assertBadInput("--lr");
        CliRun.of("train", "--layers", "25,x", "-o", out.toString()).assertBadInput("'x'");
        CliRun.of("train", "--activation", "swish", "-o", out.toString()).assertBadInput("'swish'");
        assertFalse(Files.exists(out));
    }

    @Test
    void missingDataDirectory() {
        Path out = tmp.resolve("never3");
        Path dir = tmp.resolve("no-such-dir");
        CliRun.of("train", "--data-dir", dir.toString(), "-o", out.toString()).assertBadInput(dir.toString());
        assertFalse(Files.exists(out));
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path dir = copyOfMnist("magic");
        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        // an images file where a labels file belongs: magic 0x803 instead of 0x801
        Files.copy(dir.resolve("t10k-images-idx3-ubyte.gz"), labels, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path out = tmp.resolve("never4");
        CliRun.of("train", "--data-dir", dir.toString(), "-o", out.toString())
                .assertBadInput("train-labels-idx1-ubyte.gz", "magic");
        assertFalse(Files.exists(out));
    }

    @Test
    void truncatedGzip() throws IOException {
        Path dir = copyOfMnist("truncated");
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path out = tmp.resolve("never5");
        CliRun.of("train", "--data-dir", dir.toString(), "-o", out.toString())
                .assertBadInput("train-images-idx3-ubyte.gz");
        assertFalse(Files.exists(out));
    }

    @Test
    void imageAndLabelCountsDiffer() throws IOException {
        Path dir = copyOfMnist("counts");
        Idx.writeLabels(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
        Path out = tmp.resolve("never6");
        CliRun.of("train", "--data-dir", dir.toString(), "-o", out.toString()).assertBadInput("2000", "3");
        assertFalse(Files.exists(out));
    }

    @Test
    void csvWithRaggedRowNanOrText() throws IOException {
        Path out = tmp.resolve("never7");
        Path ragged = Files.writeString(tmp.resolve("ragged.csv"), "a,b,label\n1,2,0\n3,1\n4,5,1\n");
        CliRun.of("train", "--dataset", "csv:" + ragged, "-o", out.toString()).assertBadInput("ragged.csv", "line 3");
        Path nan = Files.writeString(tmp.resolve("nan.csv"), "1,2,0\n3,NaN,1\n4,5,1\n");
        CliRun.of("train", "--dataset", "csv:" + nan, "-o", out.toString()).assertBadInput("nan.csv", "line 2");
        Path text = Files.writeString(tmp.resolve("text.csv"), "1,2,0\n3,4,1\n4,five,1\n");
        CliRun.of("train", "--dataset", "csv:" + text, "-o", out.toString())
                .assertBadInput("text.csv", "line 3", "five");
        assertFalse(Files.exists(out));
    }

    @Test
    void labelOutsideTheModelsClasses() throws IOException {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            csv.append(i % 7).append(',').append(i % 3).append(',').append(i % 3).append('\n');
        }
        Path train = Files.writeString(tmp.resolve("three.csv"), csv);
        Path small = tmp.resolve("three-classes");
        assertEquals(0, CliRun.of("train", "--dataset", "csv:" + train, "--epochs", "1", "-q", "-o", small.toString()).status());
        Path more = Files.writeString(tmp.resolve("five.csv"), "1,1,0\n2,2,4\n3,3,1\n4,4,4\n5,5,2\n");
        CliRun.of("evaluate", "--model", small.toString(), "--dataset", "csv:" + more, "--split", "train")
                .assertBadInput("label 4", "[0, 3)");
    }

    @Test
    void dataWidthDifferentFromTheModel() throws IOException {
        Path csv = Files.writeString(tmp.resolve("narrow.csv"), "1,2,3,0\n4,5,6,1\n7,8,9,2\n1,1,1,0\n2,2,2,1\n");
        CliRun.of("evaluate", "--model", model.toString(), "--dataset", "csv:" + csv, "--split", "train")
                .assertBadInput("3 features", "784");
    }

    @Test
    void missingOrCorruptedModel() throws IOException {
        Path none = tmp.resolve("no-model");
        CliRun.of("evaluate", "--model", none.toString()).assertBadInput(none.toString());
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        Path paramsFile;
        try (java.util.stream.Stream<Path> files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        try (java.util.stream.Stream<Path> files = Files.list(broken)) {
            paramsFile = files.filter(f -> f.toString().endsWith(".params")).findFirst().orElseThrow();
        }
        byte[] params = Files.readAllBytes(paramsFile);
        params[params.length / 2] ^= 0x11;
        Files.write(paramsFile, params);
        CliRun.of("predict", "--model", broken.toString(), "--idx", "data/mnist/t10k-images-idx3-ubyte.gz",
                "--index", "0").assertBadInput(paramsFile.toString(), "corrupted");
    }

    @Test
    void unreadableImageAndIndexOutOfRange() throws IOException {
        Path notImage = Files.writeString(tmp.resolve("digit.png.txt"), "hello");
        CliRun.of("predict", "-m", model.toString(), "--image", notImage.toString())
                .assertBadInput(notImage.toString());
        CliRun.of("predict", "-m", model.toString(), "--idx", "data/mnist/t10k-images-idx3-ubyte.gz",
                "--index", "2000").assertBadInput("--index 2000", "[0, 2000)");
    }

    @Test
    void gradcheckRejectsBadOptions() {
        CliRun.of("gradcheck", "--loss", "hinge").assertBadInput("hinge");
        CliRun.of("gradcheck", "--layers", "3").assertBadInput("--layers");
    }

    private static Path copyOfMnist(String name) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String f : dev.nntrain.data.mnist.MnistSource.FILE_NAMES) {
            Files.copy(Path.of("data/mnist").resolve(f), dir.resolve(f));
        }
        return dir;
    }
}
