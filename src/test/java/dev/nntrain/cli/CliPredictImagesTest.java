package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.data.mnist.Idx;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

/**
 * {@code predict --images}: a CSV table, one line per image, checked line by line against what
 * {@code predict --image} prints for the same file (a path of its own, tested against --idx in
 * {@link CliTest}), and the order, the header and the refusals, each before anything is printed.
 */
class CliPredictImagesTest {

    @TempDir
    static Path tmp;

    /** A course model trained for one epoch: its answers differ from digit to digit. */
    static Path model;

    /** A directory of digits of every kind the folder reads, and files it must skip. */
    static Path digits;

    /**
     * The image files of {@link #digits} in the order the table must list them: by name, compared
     * character by character, so an upper-case Z comes before a lower-case b.
     */
    static final List<String> ORDER = List.of("Z-seven.png", "b-two.PNG", "c-one.jpg", "d-zero.JPEG", "e,four.png");

    @BeforeAll
    static void trainAndDraw() throws IOException {
        model = tmp.resolve("digits-model");
        CliRun run = CliRun.of("train", "--epochs", "1", "--layers", "8", "--quiet", "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        digits = Files.createDirectories(tmp.resolve("photos"));
        // the test set's first five digits (7, 2, 1, 0, 4), drawn in different ways
        Idx.Images images = Idx.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte.gz"));
        // written out of order, so that the directory's own order is not the answer
        ImageIO.write(draw(images, 4, 1, false), "png", digits.resolve(ORDER.get(4)).toFile());
        ImageIO.write(draw(images, 2, 2, true), "jpg", digits.resolve(ORDER.get(2)).toFile());
        ImageIO.write(draw(images, 0, 3, true), "png", digits.resolve(ORDER.get(0)).toFile());
        ImageIO.write(draw(images, 3, 1, true), "jpg", digits.resolve(ORDER.get(3)).toFile());
        ImageIO.write(draw(images, 1, 2, false), "png", digits.resolve(ORDER.get(1)).toFile());
        // skipped: another extension, a hidden file and a subdirectory named like images
        Files.writeString(digits.resolve("notes.txt"), "not a picture");
        Files.writeString(digits.resolve(".thumbs.png"), "not a picture either");
        Files.createDirectories(digits.resolve("more.png"));
        ImageIO.write(draw(images, 5, 1, false), "png", digits.resolve("more.png").resolve("inner.png").toFile());
    }

    /** MNIST's digit {@code index}, {@code scale} times its size, light-on-dark or (inverted) dark-on-light in RGB. */
    private static BufferedImage draw(Idx.Images images, int index, int scale, boolean darkOnLight) {
        int side = 28 * scale;
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int v = images.pixel(index, y / scale, x / scale);
                v = darkOnLight ? 255 - v : v;
                img.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    @Test
    void aFolderGetsOneLinePerImageEachAsPredictImageAnswersIt() {
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--images", digits.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("file,class,probability_0,probability_1,probability_2,probability_3,probability_4,probability_5,"
                + "probability_6,probability_7,probability_8,probability_9", lines.get(0));
        assertEquals(ORDER.size() + 1, lines.size(), run.out());
        for (int i = 0; i < ORDER.size(); i++) {
            Path file = digits.resolve(ORDER.get(i));
            List<String> cells = cells(lines.get(i + 1));
            assertEquals(file.toString(), cells.get(0), "the files in order of their names");
            assertSameAsOneImage(model, file, cells, 2, 10);
        }
    }

    @Test
    void filesAndDirectoriesKeepTheOrderTheyAreGivenIn() {
        Path first = digits.resolve("d-zero.JPEG");
        Path last = digits.resolve("Z-seven.png");
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--images", first.toString(), digits.toString(),
                "--images", last.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        List<String> expected = new ArrayList<>();
        expected.add(first.toString());
        ORDER.forEach(name -> expected.add(digits.resolve(name).toString()));
        expected.add(last.toString());
        assertEquals(expected.size() + 1, lines.size(), run.out());
        for (int i = 0; i < expected.size(); i++) {
            List<String> cells = cells(lines.get(i + 1));
            assertEquals(expected.get(i), cells.get(0));
            assertSameAsOneImage(model, Path.of(expected.get(i)), cells, 2, 10);
        }
    }

    @Test
    void namedClassesGetTheirColumnQuotedWhereTheyHoldACommaAndSoDoFileNames() throws IOException {
        Path named = save(new SparseCategoricalCrossentropy(true), 3, Activation.LINEAR, List.of("seven", "two", "one, or four"));
        CliRun run = CliRun.of("predict", "--model", named.toString(), "--images", digits.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("file,class,class_name,probability_0,probability_1,probability_2", lines.get(0));
        assertEquals(ORDER.size() + 1, lines.size(), run.out());
        boolean quotedName = false;
        for (int i = 0; i < ORDER.size(); i++) {
            Path file = digits.resolve(ORDER.get(i));
            List<String> cells = cells(lines.get(i + 1));
            assertEquals(file.toString(), cells.get(0));
            CliRun one = CliRun.of("predict", "--model", named.toString(), "--image", file.toString());
            Matcher m = Pattern.compile(": predicted class (\\d+) \\((.*)\\)").matcher(one.out());
            assertTrue(m.find(), one.out());
            assertEquals(m.group(1), cells.get(1), lines.get(i + 1));
            assertEquals(m.group(2), cells.get(2), lines.get(i + 1));
            quotedName |= lines.get(i + 1).contains(",\"one, or four\",");
            assertSameAsOneImage(named, file, cells, 3, 3);
        }
        assertTrue(lines.get(ORDER.size()).startsWith("\"" + digits.resolve("e,four.png") + "\","), lines.get(ORDER.size()));
        assertTrue(quotedName || !run.out().contains("one, or four"), "a name with a comma is one quoted cell: " + run.out());
    }

    @Test
    void aRegressionGetsItsValuesAndSeveralYesNoOutputsTheirAnswers() throws IOException {
        Path regression = save(new MeanSquaredError(), 2, Activation.LINEAR, List.of());
        CliRun values = CliRun.of("predict", "--model", regression.toString(), "--images", digits.toString());
        assertEquals(0, values.status(), values.err());
        List<String> lines = values.out().lines().toList();
        assertEquals("file,value_0,value_1", lines.get(0));
        assertEquals(ORDER.size() + 1, lines.size(), values.out());
        for (int i = 0; i < ORDER.size(); i++) {
            Path file = digits.resolve(ORDER.get(i));
            List<String> cells = cells(lines.get(i + 1));
            assertEquals(file.toString(), cells.get(0));
            CliRun one = CliRun.of("predict", "--model", regression.toString(), "--image", file.toString());
            Matcher m = Pattern.compile(": predicted \\[(\\S+), (\\S+)\\]").matcher(one.out());
            assertTrue(m.find(), one.out());
            for (int j = 0; j < 2; j++) {
                double expected = Double.parseDouble(m.group(j + 1));
                assertEquals(expected, Double.parseDouble(cells.get(1 + j)), 1e-5 * Math.max(1, Math.abs(expected)), lines.get(i + 1));
            }
        }

        Path multi = save(new BinaryCrossentropy(true), 3, Activation.LINEAR, List.of());
        CliRun answers = CliRun.of("predict", "--model", multi.toString(), "--images", digits.toString());
        assertEquals(0, answers.status(), answers.err());
        lines = answers.out().lines().toList();
        assertEquals("file,yes_0,yes_1,yes_2,probability_0,probability_1,probability_2", lines.get(0));
        assertEquals(ORDER.size() + 1, lines.size(), answers.out());
        for (int i = 0; i < ORDER.size(); i++) {
            Path file = digits.resolve(ORDER.get(i));
            List<String> cells = cells(lines.get(i + 1));
            CliRun one = CliRun.of("predict", "--model", multi.toString(), "--image", file.toString());
            Matcher m = Pattern.compile("(?m)^  (\\d)  (yes|no) +(\\d\\.\\d{4})$").matcher(one.out());
            for (int j = 0; j < 3; j++) {
                assertTrue(m.find(), one.out());
                assertEquals(String.valueOf(j), m.group(1));
                assertEquals(m.group(2).equals("yes") ? "1" : "0", cells.get(1 + j), lines.get(i + 1) + " vs " + one.out());
                assertEquals(Double.parseDouble(m.group(3)), Double.parseDouble(cells.get(4 + j)), 0.00005 + 1e-7,
                        lines.get(i + 1) + " vs " + one.out());
            }
        }
    }

    @Test
    void aBadImageAnywhereIsNamedAndNothingIsPrinted() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("with-broken"));
        for (String name : ORDER) {
            Files.copy(digits.resolve(name), folder.resolve(name));
        }
        byte[] png = Files.readAllBytes(digits.resolve("Z-seven.png"));
        Path broken = folder.resolve("z-broken.png"); // last by name: every other image is read first
        Files.write(broken, Arrays.copyOf(png, png.length / 2));
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--images", folder.toString());
        run.assertBadInput(broken.toString(), "cannot decode");
        assertEquals("", run.out(), "no half table");

        Path text = digits.resolve("notes.txt"); // skipped in its directory, refused when named
        CliRun named = CliRun.of("predict", "--model", model.toString(), "--images", digits.toString(), text.toString());
        named.assertBadInput(text.toString(), "not an image Java can read");
        assertEquals("", named.out());

        Path missing = tmp.resolve("no-such.png");
        CliRun.of("predict", "--model", model.toString(), "--images", digits.toString(), missing.toString())
                .assertBadInput(missing.toString(), "no such file");
    }

    @Test
    void aFolderGivesEveryFormatTheJdkReads() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("formats"));
        Idx.Images images = Idx.readImages(Path.of("data/mnist/t10k-images-idx3-ubyte.gz"));
        List<String> names = List.of("a.gif", "b.BMP", "c.tif", "d.TIFF", "e.wbmp");
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String format = name.substring(name.indexOf('.') + 1).toLowerCase(java.util.Locale.ROOT).replace("tiff", "tif");
            BufferedImage img = draw(images, i, 2, true);
            if (format.equals("wbmp")) { // one bit a pixel
                BufferedImage bits = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
                bits.getGraphics().drawImage(img, 0, 0, null);
                img = bits;
            }
            assertTrue(ImageIO.write(img, format.equals("tif") ? "tiff" : format, folder.resolve(name).toFile()), name);
        }
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--images", folder.toString());
        assertEquals(0, run.status(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals(names.size() + 1, lines.size(), run.out());
        for (int i = 0; i < names.size(); i++) {
            Path file = folder.resolve(names.get(i));
            List<String> cells = cells(lines.get(i + 1));
            assertEquals(file.toString(), cells.get(0));
            assertSameAsOneImage(model, file, cells, 2, 10);
        }
    }

    @Test
    void aDirectoryWithoutImagesIsRefusedNamingWhatIsRead() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun.of("predict", "--model", model.toString(), "--images", empty.toString())
                .assertBadInput("--images " + empty, "no images", "*.png, *.jpg, *.jpeg, *.gif, *.bmp, *.tif, *.tiff or *.wbmp");
        Path other = Files.createDirectories(tmp.resolve("only-text"));
        Files.writeString(other.resolve("digit.png.txt"), "a note");
        Files.createDirectories(other.resolve("sub.png"));
        CliRun run = CliRun.of("predict", "--model", model.toString(), "--images", digits.toString(), other.toString());
        run.assertBadInput("--images " + other, "no images");
        assertEquals("", run.out());
    }

    @Test
    void misusesAreRefusedWithWhatToDoInstead() throws IOException {
        CliRun.of("predict", "--model", model.toString(), "--image", digits.toString())
                .assertBadInput("--image " + digits + " is a directory", "--images " + digits);
        CliRun top = CliRun.of("predict", "--model", model.toString(), "--images", digits.toString(), "--top", "2");
        top.assertBadInput("--top 2", "--images", "leave out --top");
        assertEquals("", top.out());
        CliRun.of("predict", "--model", model.toString(), "--images", digits.toString(), "--image",
                digits.resolve("Z-seven.png").toString()).assertBadInput("--image", "--images");
        CliRun.of("predict", "--model", model.toString(), "--images", digits.toString(), "--csv", "data/coffee-roasts.csv")
                .assertBadInput("--csv", "--images");

        Path features = save(new SparseCategoricalCrossentropy(true), 2, Activation.LINEAR, List.of(), 2);
        CliRun csvModel = CliRun.of("predict", "--model", features.toString(), "--images", digits.toString());
        csvModel.assertBadInput("--images gives 784 values", "model " + features + " expects 2", "--features or --csv");
        assertEquals("", csvModel.out());
    }

    /**
     * A folder of large images in a JVM of 96 MB of heap: each decodes to 2.25 MB of pixels and
     * 9 MB of gray levels, so holding the decoded pictures of the folder (135 MB of pixels alone)
     * would not fit; one at a time, turned into its 784 values, does.
     */
    @Test
    void aFolderOfLargeImagesIsDecodedOneAtATime() throws IOException, InterruptedException {
        Path folder = Files.createDirectories(tmp.resolve("large"));
        BufferedImage big = new BufferedImage(1500, 1500, BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = big.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(600, 200, 300, 1100);
        g.dispose();
        Path first = folder.resolve("large-00.png");
        ImageIO.write(big, "png", first.toFile());
        int count = 60;
        for (int i = 1; i < count; i++) {
            Files.copy(first, folder.resolve(String.format("large-%02d.png", i)));
        }
        Path out = tmp.resolve("large-out.csv");
        Path err = tmp.resolve("large-err.txt");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                Nntrain.class.getName(), "predict", "--model", model.toString(), "--images", folder.toString()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child finished");
        assertEquals(0, child.exitValue(), "exit status; stderr: " + Files.readString(err));
        try (BufferedReader r = Files.newBufferedReader(out)) {
            assertTrue(r.readLine().startsWith("file,class,probability_0,"));
            String answer = null;
            for (int i = 0; i < count; i++) {
                List<String> cells = cells(r.readLine());
                assertEquals(folder.resolve(String.format("large-%02d.png", i)).toString(), cells.get(0));
                String rest = String.join(",", cells.subList(1, cells.size()));
                assertTrue(answer == null || answer.equals(rest), "the same picture, the same answer");
                answer = rest;
            }
            assertEquals(null, r.readLine(), "one line an image");
        }
    }

    /**
     * Checks a classifier's line against {@code predict --image FILE --top K}: the same class and,
     * to the 4 decimals that prints, the same probability for every class.
     */
    private static void assertSameAsOneImage(Path dir, Path file, List<String> cells, int firstProbability, int classes) {
        CliRun one = CliRun.of("predict", "--model", dir.toString(), "--image", file.toString(),
                "--top", String.valueOf(classes));
        assertEquals(0, one.status(), one.err());
        Matcher predicted = Pattern.compile("^" + Pattern.quote(file.toString()) + ": predicted class (\\d+)").matcher(one.out());
        assertTrue(predicted.find(), one.out());
        assertEquals(predicted.group(1), cells.get(1), "class of " + file);
        int at = firstProbability;
        Map<Integer, Double> printed = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^  (\\d+)  (\\d\\.\\d{4})").matcher(one.out());
        while (m.find()) {
            printed.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        assertEquals(classes, printed.size(), one.out());
        assertEquals(at + classes, cells.size(), String.join("|", cells));
        for (int c = 0; c < classes; c++) {
            assertEquals(printed.get(c), Double.parseDouble(cells.get(at + c)), 0.00005 + 1e-7,
                    "class " + c + " of " + file + ": " + one.out());
        }
    }

    /** A CSV line's cells, a double-quoted cell's quotes removed (and doubled quotes made one). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static Path save(Loss loss, int outputs, Activation activation, List<String> names) throws IOException {
        return save(loss, outputs, activation, names, 28 * 28);
    }

    /**
     * A one-layer model with fixed weights that vary from pixel to pixel, so that different
     * digits get different answers. Saved as {@code model-3-classes} when it has class names.
     */
    private static Path save(Loss loss, int outputs, Activation activation, List<String> names, int inputs) throws IOException {
        Sequential net = Sequential.builder().optSeed(1).add(Dense.of(outputs, activation)).build();
        net.build(inputs);
        float[][] kernel = new float[inputs][outputs];
        for (int p = 0; p < inputs; p++) {
            for (int c = 0; c < outputs; c++) {
                kernel[p][c] = (float) (0.05 * Math.sin(0.37 * p * (c + 1) + c));
            }
        }
        net.weights().set(0, new LayerWeights("dense", kernel, new float[outputs]));
        Path dir = tmp.resolve(!names.isEmpty() ? "model-3-classes"
                : loss.getClass().getSimpleName() + "-" + outputs + "-" + inputs);
        try (CompiledModel compiled = CompiledModel.compile(net, loss, new Adam())) {
            if (!names.isEmpty()) {
                compiled.setClassNames(names);
            }
            compiled.save(dir);
        }
        return dir;
    }
}
