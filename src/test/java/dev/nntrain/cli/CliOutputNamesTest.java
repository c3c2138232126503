package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.csv.Csv;
import dev.nntrain.plot.RegressionChart;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regression of several label columns names its outputs by the header, in the order {@code
 * --label-column} asks for them. The oracle is the same file without its header, which trains
 * the same model with numbered outputs: every value and score must be the same, only named.
 */
class CliOutputNamesTest {

    @TempDir
    static Path tmp;

    static Path named;
    static Path numbered;
    static CliRun trainedNamed;
    static CliRun trainedNumbered;

    @BeforeAll
    static void trainWithAndWithoutAHeader() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            double a = Math.sin(i);
            double b = Math.cos(3.0 * i);
            rows.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f%n", a, b, 2 * a - b, a + 3 * b + 1));
        }
        named = Files.writeString(tmp.resolve("named.csv"), "a,b,height,weight\n" + rows);
        numbered = Files.writeString(tmp.resolve("numbered.csv"), rows.toString());
        // weight first: the outputs are in the order asked for, not the file's
        trainedNamed = CliRun.of(train(named, "named-model", "weight,height"));
        trainedNumbered = CliRun.of(train(numbered, "numbered-model", "3,2"));
        assertEquals(0, trainedNamed.status(), trainedNamed.err());
        assertEquals(0, trainedNumbered.status(), trainedNumbered.err());
    }

    static String[] train(Path csv, String model, String labels) {
        return new String[] {"train", "--dataset", "csv:" + csv, "--regression", "--label-column", labels, "--layers", "4",
            "--epochs", "3", "--threads", "1", "-o", tmp.resolve(model).toString()};
    }

    @Test
    void trainAndSummaryNameTheOutputs() throws IOException {
        assertTrue(trainedNamed.out().contains("\nOutputs: 0 weight, 1 height\n"), trainedNamed.out());
        assertFalse(trainedNumbered.out().contains("Outputs:"), trainedNumbered.out());
        assertEquals(CliClassNamesTest.metrics(trainedNumbered.out()), CliClassNamesTest.metrics(trainedNamed.out()));
        CliRun summary = CliRun.of("summary", "-m", tmp.resolve("named-model").toString());
        assertTrue(summary.out().contains("\nOutputs: 0 weight, 1 height\n"), summary.out());
        assertTrue(Files.readString(tmp.resolve("named-model").resolve("model.json"))
                .contains("\"output_names\": \"[\\\"weight\\\",\\\"height\\\"]\""));
        assertFalse(Files.readString(tmp.resolve("numbered-model").resolve("model.json")).contains("output_names"));
    }

    @Test
    void predictPrintsEachOutputByName() throws IOException {
        CliRun byName = CliRun.of("predict", "-m", tmp.resolve("named-model").toString(), "--features", "0.5,-0.25");
        CliRun byNumber = CliRun.of("predict", "-m", tmp.resolve("numbered-model").toString(), "--features", "0.5,-0.25");
        assertEquals(0, byName.status(), byName.err());
        Matcher values = Pattern.compile("0.5,-0.25: predicted \\[(\\S+), (\\S+)\\]\n").matcher(byNumber.out());
        assertTrue(values.matches(), byNumber.out());
        assertEquals("0.5,-0.25: predicted weight = " + values.group(1) + ", height = " + values.group(2) + "\n",
                byName.out());
        Path rows = Files.writeString(tmp.resolve("rows.csv"), "0.5,-0.25\n1,1\n");
        CliRun table = CliRun.of("predict", "-m", tmp.resolve("named-model").toString(), "--csv", rows.toString());
        CliRun plain = CliRun.of("predict", "-m", tmp.resolve("numbered-model").toString(), "--csv", rows.toString());
        assertEquals(0, table.status(), table.err());
        assertEquals("row,value_0,value_1", plain.out().lines().findFirst().orElseThrow());
        assertEquals("row,value_weight,value_height", table.out().lines().findFirst().orElseThrow());
        assertEquals(plain.out().lines().skip(1).toList(), table.out().lines().skip(1).toList());
    }

    @Test
    void evaluateNamesEachOutputsScoresAndRefusesThemSwapped() {
        Path chart = tmp.resolve("named.png");
        CliRun byName = CliRun.of("evaluate", "-m", tmp.resolve("named-model").toString(), "--plot", chart.toString());
        CliRun byNumber = CliRun.of("evaluate", "-m", tmp.resolve("numbered-model").toString(), "--plot",
                tmp.resolve("numbered.png").toString());
        assertEquals(0, byName.status(), byName.err());
        assertEquals(0, byNumber.status(), byNumber.err());
        assertTrue(byName.out().contains("\nOutputs: 0 weight, 1 height\n"), byName.out());
        List<String> scores = byNumber.out().lines().filter(l -> l.startsWith("Output ")).toList();
        assertEquals(2, scores.size(), byNumber.out());
        assertEquals(List.of(scores.get(0).replace("Output 0: ", "Output 0 (weight): "),
                scores.get(1).replace("Output 1: ", "Output 1 (height): ")),
                byName.out().lines().filter(l -> l.startsWith("Output ")).toList());
        assertTrue(Files.exists(chart));
        // the same columns asked for in the file's order would swap the outputs: refused
        CliRun swapped = CliRun.of("evaluate", "-m", tmp.resolve("named-model").toString(), "--dataset", "csv:" + named,
                "--regression", "--label-column", "height,weight");
        swapped.assertBadInput("names its targets [height, weight] but the model its outputs [weight, height]");
    }

    @Test
    void theLibraryNamesTargetsByTheHeaderOnly() throws IOException {
        Examples read = Csv.regression().labelColumns("weight", "height").read(named);
        assertEquals(List.of("weight", "height"), read.targetNames());
        assertEquals(List.of("weight", "height"), read.split(0.2, 1).first().targetNames());
        assertEquals(List.of(), Csv.regression().labelColumns(3, 2).read(numbered).targetNames());
        assertEquals(List.of("weight"), Csv.regression().labelColumn("weight").read(named).targetNames()); // one output too
        assertEquals("1 target names [x] for 2 targets; expected one name per target", assertThrows(
                InvalidInputException.class, () -> read.withTargetNames(List.of("x"))).getMessage());
        assertThrows(InvalidInputException.class, () -> Examples.of(new float[][] {{1}}, new int[] {0})
                .withTargetNames(List.of("y")));
        float[][] truth = {{1, 2}, {2, 3}, {3, 5}};
        float[][] predicted = {{1.5f, 2}, {2, 2.5f}, {3, 5.5f}};
        assertThrows(InvalidInputException.class, () -> RegressionChart.render(truth, predicted, List.of("only one")));
        // the panels' titles: without names as before, with names otherwise
        int[] plain = pixels(RegressionChart.render(truth, predicted));
        assertTrue(java.util.Arrays.equals(plain, pixels(RegressionChart.render(truth, predicted, List.of()))));
        assertFalse(java.util.Arrays.equals(plain, pixels(RegressionChart.render(truth, predicted, List.of("weight",
                "height")))));
    }

    private static int[] pixels(java.awt.image.BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
