package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.plot.ConfusionMatrixChart;
import dev.nntrain.plot.DigitGridChart;
import dev.nntrain.plot.HistoryChart;
import dev.nntrain.plot.RegressionChart;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** {@code train --plot}, {@code evaluate --plot} and {@code lesson --plots}: the charts as files. */
class CliPlotTest {

    @TempDir
    static Path tmp;

    static Path model;
    static Path history;
    static CliRun train;

    @BeforeAll
    static void trainOnce() {
        model = tmp.resolve("digits");
        history = tmp.resolve("history.png");
        train = CliRun.of("train", "--epochs", "2", "--quiet", "-o", model.toString(), "--plot", history.toString());
        assertEquals(0, train.status(), train.err());
    }

    @Test
    void trainWritesTheHistoryChart() throws IOException {
        assertTrue(train.out().contains("History chart written to " + history), train.out());
        BufferedImage chart = ImageIO.read(history.toFile());
        assertEquals(HistoryChart.DEFAULT_SIZE.width(), chart.getWidth());
        assertEquals(HistoryChart.DEFAULT_SIZE.height(), chart.getHeight());
    }

    @Test
    void aScheduledTrainDrawsItsRatesBelowTheHistory() throws IOException {
        Path scheduled = tmp.resolve("scheduled.png");
        CliRun run = CliRun.of("train", "--epochs", "3", "--lr-schedule", "step:1:0.1", "--quiet",
                "-o", tmp.resolve("scheduled").toString(), "--plot", scheduled.toString());
        assertEquals(0, run.status(), run.err());
        BufferedImage chart = ImageIO.read(scheduled.toFile());
        assertEquals(HistoryChart.LEARNING_RATE_SIZE.width(), chart.getWidth());
        assertEquals(HistoryChart.LEARNING_RATE_SIZE.height(), chart.getHeight(), "the rate's panel below the two");
    }

    @Test
    void evaluateWritesTheConfusionMatrixChart() throws IOException {
        Path matrix = tmp.resolve("confusion.png");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--plot", matrix.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Confusion matrix chart written to " + matrix), run.out());
        BufferedImage chart = ImageIO.read(matrix.toFile());
        assertEquals(ConfusionMatrixChart.DEFAULT_SIZE.width(), chart.getWidth());
        assertEquals(ConfusionMatrixChart.DEFAULT_SIZE.height(), chart.getHeight());
    }

    /**
     * A regression's chart: the MSE and MAE the chart's scores give, computed on the host from the
     * predictions, equal the loss (mean squared error) and mean absolute error the engine tallied.
     */
    @Test
    void evaluateDrawsARegressionsPredictionsAgainstTheTruth() throws IOException {
        // the duration (column 1) from the temperature and the good/bad label
        Path regression = tmp.resolve("regression");
        CliRun trained = CliRun.of("train", "--dataset", "csv:data/coffee-roasts.csv", "--regression",
                "--label-column", "1", "--layers", "4", "--epochs", "3", "--quiet", "-o", regression.toString());
        assertEquals(0, trained.status(), trained.err());
        Path scatter = tmp.resolve("regression.png");
        CliRun run = CliRun.of("evaluate", "--model", regression.toString(), "--plot", scatter.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Regression chart written to " + scatter), run.out());
        assertFalse(run.out().contains("Confusion matrix"), run.out());
        assertEquals(run.number("Loss: "), run.number("Predicted against true: MSE "), 1.5e-4, run.out());
        assertEquals(run.number("Mean absolute error: "), run.number("Predicted against true: MSE "
                + String.format(java.util.Locale.ROOT, "%.4f", run.number("Predicted against true: MSE "))
                + ", MAE "), 1.5e-4, run.out());
        assertTrue(run.out().matches("(?s).*Predicted against true: MSE [0-9.]+, MAE [0-9.]+, R\u00b2 -?[0-9.]+\\R.*"),
                run.out());
        BufferedImage chart = ImageIO.read(scatter.toFile());
        assertEquals(RegressionChart.DEFAULT_SIZE.width(), chart.getWidth());
        assertEquals(RegressionChart.DEFAULT_SIZE.height(), chart.getHeight());
        // a path that cannot be written is refused before the data is read: nothing is printed
        CliRun.of("evaluate", "--model", regression.toString(), "--plot", tmp.resolve("no/such/r.png").toString())
                .assertBadInput("--plot", "does not exist");
        assertFalse(Files.exists(tmp.resolve("no")));
    }

    /**
     * The count of mistakes agrees with the accuracy evaluate prints (tallied on the engine, a
     * path of its own), and the grid has a cell for each mistake drawn.
     */
    @Test
    void evaluateDrawsTheMostConfidentMistakes() throws IOException {
        Path mistakes = tmp.resolve("mistakes.png");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--mistakes", mistakes.toString(),
                "--mistakes-count", "12");
        assertEquals(0, run.status(), run.err());
        java.util.regex.Matcher accuracy = java.util.regex.Pattern.compile("Accuracy: (0\\.\\d{4})").matcher(run.out());
        assertTrue(accuracy.find(), run.out());
        long wrong = Math.round((1 - Double.parseDouble(accuracy.group(1))) * 2000);
        assertTrue(run.out().contains(String.format("Mistakes: %,d of 2,000; the 12 most confident drawn to %s",
                wrong, mistakes)), run.out());
        BufferedImage chart = ImageIO.read(mistakes.toFile());
        assertEquals(DigitGridChart.defaultSize(12).width(), chart.getWidth());
        assertEquals(DigitGridChart.defaultSize(12).height(), chart.getHeight());
    }

    /** Fashion-MNIST's classes by name, in evaluate's lines and on its mistakes (where Debian's set is installed). */
    @Test
    void evaluateNamesFashionMnistsClasses() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist")),
                "Debian's dataset-fashion-mnist is not installed");
        Path fashion = tmp.resolve("fashion");
        CliRun train = CliRun.of("train", "--dataset", "fashion-mnist", "--layers", "16", "--epochs", "1", "--quiet",
                "-o", fashion.toString());
        assertEquals(0, train.status(), train.err());
        Path mistakes = tmp.resolve("fashion-mistakes.png");
        Path matrix = tmp.resolve("fashion-confusion.png");
        CliRun run = CliRun.of("evaluate", "-m", fashion.toString(), "--mistakes", mistakes.toString(),
                "--mistakes-count", "10", "--plot", matrix.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Classes: 0 T-shirt/top, 1 Trouser, 2 Pullover, 3 Dress, 4 Coat, 5 Sandal,"
                + " 6 Shirt, 7 Sneaker, 8 Bag, 9 Ankle boot"), run.out());
        assertEquals(ConfusionMatrixChart.DEFAULT_SIZE.width(), ImageIO.read(matrix.toFile()).getWidth());
        BufferedImage chart = ImageIO.read(mistakes.toFile());
        assertEquals(DigitGridChart.defaultSize(10).height() + 18, chart.getHeight(),
                "one row of cells with a second caption line, 18 px");
        CliRun digits = CliRun.of("evaluate", "-m", model.toString());
        assertFalse(digits.out().contains("Classes:"), "MNIST's classes are their numbers");
        // predict names the class it predicts and every class it lists
        CliRun predict = CliRun.of("predict", "-m", fashion.toString(), "--idx",
                "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", "--index", "0", "--top", "10");
        assertEquals(0, predict.status(), predict.err());
        java.util.regex.Matcher answer = java.util.regex.Pattern.compile("predicted class (\\d) \\(([^)]+)\\)")
                .matcher(predict.out());
        assertTrue(answer.find(), predict.out());
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
                "Sneaker", "Bag", "Ankle boot");
        assertEquals(names.get(Integer.parseInt(answer.group(1))), answer.group(2));
        for (int c = 0; c < 10; c++) {
            assertTrue(predict.out().matches("(?s).*\\n  " + c + "  [01]\\.\\d{4}  " + java.util.regex.Pattern.quote(names.get(c))
                    + "\\n.*"), c + " in:\n" + predict.out());
        }
    }

    @Test
    void badMistakesOptionsAreRefusedBeforeAnyWork() throws IOException {
        Path never = tmp.resolve("never-mistakes.png");
        CliRun.of("evaluate", "-m", model.toString(), "--mistakes", never.toString(), "--mistakes-count", "0")
                .assertBadInput("--mistakes-count must be 1 to 100, got 0");
        CliRun.of("evaluate", "-m", model.toString(), "--mistakes-count", "5")
                .assertBadInput("--mistakes-count 5", "give --mistakes FILE.png too");
        CliRun.of("evaluate", "-m", model.toString(), "--mistakes", never.toString(), "--plot", never.toString())
                .assertBadInput("--mistakes and --plot both name " + never);
        CliRun.of("evaluate", "-m", model.toString(), "--mistakes", tmp.resolve("no/folder/m.png").toString())
                .assertBadInput("--mistakes", "does not exist");
        Path csv = Files.writeString(tmp.resolve("rows.csv"), "a,b,label\n1,2,0\n3,4,1\n");
        CliRun.of("evaluate", "-m", model.toString(), "--dataset", "csv:" + csv, "--mistakes", never.toString())
                .assertBadInput("--mistakes draws images; csv:" + csv + " has rows of features, not images");
        assertFalse(Files.exists(never), "nothing drawn");
    }

    @Test
    void summaryDescribesTheModelAndDrawsItsFirstLayer() throws IOException {
        Path weights = tmp.resolve("first-layer.png");
        CliRun run = CliRun.of("summary", "--model", model.toString(), "--plot", weights.toString());
        assertEquals(0, run.status(), run.err());
        for (String line : new String[] {"dense_1 (Dense)", "Total params: 20,175",
                "Loss: sparse_categorical_crossentropy(from_logits=True)", "Optimizer: Adam(learning_rate=0.001)",
                "Input scaling: none", "Trained with: nntrain train --epochs 2\n",
                "Files: " + model + " (checksum verified)", "First layer's weights drawn to " + weights}) {
            assertTrue(run.out().contains(line), line + " in:\n" + run.out());
        }
        BufferedImage chart = ImageIO.read(weights.toFile());
        assertEquals(DigitGridChart.defaultSize(25).width(), chart.getWidth(), "25 units");
        assertEquals(DigitGridChart.defaultSize(25).height(), chart.getHeight());
    }

    @Test
    void summaryRefusesToDrawWeightsThatAreNotOnAnImage() throws IOException {
        Path csv = Files.writeString(tmp.resolve("points.csv"), "a,b,label\n1,2,0\n3,4,1\n2,2,0\n5,1,1\n4,4,1\n");
        Path rows = tmp.resolve("rows-model");
        CliRun train = CliRun.of("train", "--dataset", "csv:" + csv, "--layers", "3", "--epochs", "1", "--quiet",
                "--test-split", "0.4", "-o", rows.toString());
        assertEquals(0, train.status(), train.err());
        Path never = tmp.resolve("never-weights.png");
        CliRun run = CliRun.of("summary", "-m", rows.toString(), "--plot", never.toString());
        run.assertBadInput("--plot: model " + rows, "of shape [2], is not a one-channel image");
        assertEquals("", run.out(), "nothing printed before the refusal");
        assertFalse(Files.exists(never));
        CliRun plain = CliRun.of("summary", "-m", rows.toString());
        assertEquals(0, plain.status(), plain.err());
        assertTrue(plain.out().contains("Input scaling: standardised"), plain.out());
    }

    @Test
    void aBadPlotPathIsRefusedBeforeAnyTraining() {
        Path out = tmp.resolve("never");
        CliRun.of("train", "-o", out.toString(), "--plot", tmp.resolve("no/such/folder/h.png").toString())
                .assertBadInput("--plot", "does not exist");
        CliRun.of("train", "-o", out.toString(), "--plot", tmp.resolve("history.txt").toString())
                .assertBadInput("--plot", ".png");
        CliRun.of("train", "-o", out.toString(), "--plot", tmp.toString() + "/")
                .assertBadInput("--plot");
        assertFalse(Files.exists(out), "no model written");
        CliRun.of("evaluate", "-m", model.toString(), "--plot", tmp.resolve("missing-folder/m.png").toString())
                .assertBadInput("--plot", "does not exist");
    }

    @Test
    void evaluateWritesNoChartIntoTheModelDirectory() throws IOException {
        Path chart = model.resolve("confusion.png");
        CliRun run = CliRun.of("evaluate", "-m", model.toString(), "--plot", chart.toString());
        run.assertBadInput("--plot " + chart, "inside the model directory " + model);
        assertEquals("", run.out(), "nothing evaluated");
        assertFalse(Files.exists(chart));
    }

    @Test
    void aFolderThatTakesNoNewFilesIsRefusedBeforeAnyWork() {
        // /proc is a folder that exists, yet no one, root included, can create a file in it: the
        // place a chart cannot go that a test run as root can still meet
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "no /proc here");
        Path out = tmp.resolve("never-proc");
        CliRun train = CliRun.of("train", "-o", out.toString(), "--plot", "/proc/h.png");
        train.assertBadInput("--plot", "/proc/h.png", "cannot create files in /proc");
        assertEquals("", train.out(), "no data read, no epoch run");
        assertFalse(Files.exists(out), "no model written");
        CliRun evaluate = CliRun.of("evaluate", "-m", model.toString(), "--plot", "/proc/c.png");
        evaluate.assertBadInput("--plot", "/proc/c.png", "cannot create files in /proc");
        assertEquals("", evaluate.out(), "nothing evaluated");
        for (String folder : new String[] {"/proc", "/proc/charts"}) {
            CliRun lesson = CliRun.of("lesson", "activations", "--plots", folder);
            lesson.assertBadInput("--plots " + folder, "/proc", "cannot create files");
            assertEquals("", lesson.out(), "the lesson did not run");
        }
    }

    @Test
    void aChartFolderUnderAFileIsNamedWithTheReason() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        CliRun run = CliRun.of("lesson", "activations", "--plots", file.resolve("charts").toString());
        run.assertBadInput("--plots " + file.resolve("charts"), file + " is a file");
        assertEquals("", run.out(), "the lesson did not run");
    }

    @Test
    void aLessonWritesItsChartsAndNamesEachFile() throws IOException {
        Path folder = tmp.resolve("charts/multi-label");
        CliRun run = CliRun.of("lesson", "multi-label", "--plots", folder.toString());
        assertEquals(0, run.status(), run.err());
        Path chart = folder.resolve("multi-label-history.png");
        assertTrue(run.out().contains("Charts written:\n  " + chart), run.out());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count(), "one chart, no temporary files left");
        }
        assertTrue(ImageIO.read(chart.toFile()).getWidth() > 0);
    }

    @Test
    void plotsForALessonWithoutChartsIsRefusedAndCreatesNothing() {
        for (String lesson : new String[] {"roundoff", "backprop"}) {
            Path folder = tmp.resolve("none-" + lesson + "/charts");
            CliRun run = CliRun.of("lesson", lesson, "--plots", folder.toString());
            run.assertBadInput("--plots " + folder, "lesson " + lesson, "draws no chart");
            assertEquals("", run.out(), "the lesson did not run");
            assertFalse(Files.exists(tmp.resolve("none-" + lesson)), "no folder created for " + lesson);
        }
    }

    @Test
    void plotsMustBeAFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliRun.of("lesson", "multi-label", "--plots", file.toString()).assertBadInput("--plots", "is a file");
        CliRun.of("lesson", "no-such", "--plots", tmp.resolve("unused").toString()).assertBadInput("no-such");
        assertFalse(Files.exists(tmp.resolve("unused")), "an unknown lesson creates no folder");
    }
}
