package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.nntrain.data.Examples;
import dev.nntrain.data.Synthetic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes every chart, drawn from course-like data, to {@code target/plots/*.png} for a person to
 * look at. The assertions only check that each file was written.
 */
class ChartGalleryTest {

    private static final Path FOLDER = Path.of("target", "plots");

    @BeforeAll
    static void createFolder() throws IOException {
        Files.createDirectories(FOLDER);
    }

    private static void write(String name, BufferedImage chart) throws IOException {
        Path file = Charts.writePng(chart, FOLDER.resolve(name + ".png"));
        assertTrue(Files.size(file) > 0, file + " is empty");
    }

    @Test
    void history() throws IOException {
        write("history", HistoryChart.render(
                SampleData.loss(), SampleData.validationLoss(), SampleData.accuracy(),
                SampleData.validationAccuracy()));
        double[] stepped = new double[SampleData.EPOCHS];
        for (int i = 0; i < stepped.length; i++) {
            stepped[i] = i < 12 ? 1e-3 : i < 25 ? 1e-4 : 1e-5;
        }
        write("history-learning-rate", HistoryChart.render(
                SampleData.loss(), SampleData.validationLoss(), SampleData.accuracy(),
                SampleData.validationAccuracy(), stepped, HistoryChart.LEARNING_RATE_SIZE));
        // a long run at one rate: round epoch ticks, not one label per five epochs running together
        int epochs = 150;
        double[] loss = new double[epochs];
        double[] accuracy = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            loss[i] = 0.2 + 2 * Math.exp(-i / 20.0);
            accuracy[i] = 0.95 - 0.6 * Math.exp(-i / 20.0);
        }
        write("history-long", HistoryChart.render(loss, null, accuracy, null));
    }

    @Test
    void activations() throws IOException {
        write("activations", ActivationCharts.functions());
        write("softmax", ActivationCharts.softmax(SampleData.LOGITS));
    }

    @Test
    void decisions() throws IOException {
        Examples blobs = Synthetic.blobs(400, 1);
        write("decision-regions", DecisionCharts.regions(SampleData.points(blobs), blobs.labels(),
                SampleData::nearestBlob));
        Examples coffee = Synthetic.coffee(1);
        write("coffee-roasting", DecisionCharts.coffeeRoasting(SampleData.points(coffee),
                coffee.labels(), SampleData::roastQuality));
    }

    @Test
    void digitsAndConfusion() throws IOException {
        SampleData.Digits digits = SampleData.digits(40);
        write("digits", DigitGridChart.render(digits.images(), digits.labels(), digits.predicted()));
        write("confusion-matrix", ConfusionMatrixChart.render(SampleData.CONFUSION));
    }

    @Test
    void optimizers() throws IOException {
        write("gradient-descent-vs-adam", OptimizerCharts.render(
                SampleData.bowlTraces(), SampleData::bowlCost));
    }

    @Test
    void convolutionWindows() throws IOException {
        write("ekg-windows", SignalWindowChart.render(SampleData.ekg(), SampleData.EKG_WINDOWS));
    }

    @Test
    void linearCollapse() throws IOException {
        SampleData.Collapse c = SampleData.collapse();
        write("linear-collapse", LinearCollapseChart.render(c.x(), c.stacked(), c.single()));
    }

    @Test
    void regression() throws IOException {
        java.util.Random random = new java.util.Random(5);
        double[] truth = new double[300];
        double[] predicted = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = 10 + 8 * random.nextDouble();
            predicted[i] = 1 + 0.95 * truth[i] + 0.6 * random.nextGaussian();
        }
        write("regression", RegressionChart.render(truth, predicted));
    }
}
