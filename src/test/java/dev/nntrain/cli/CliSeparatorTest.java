package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --separator}: a file separated by semicolons or tabs trains, evaluates and predicts as the
 * same file separated by commas; the oracle is the comma file, which the command line has always read.
 */
class CliSeparatorTest {

    @TempDir Path tmp;

    static String[] train(Path csv, Path out, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--dataset", "csv:" + csv,
                "--layers", "8", "--epochs", "10", "--threads", "1", "-o", out.toString()));
        args.addAll(java.util.List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aSemicolonOrTabFileTrainsAsItsCommaTwin() throws IOException {
        String comma = Files.readString(Path.of("data/iris.csv"));
        Path commas = Files.writeString(tmp.resolve("iris.csv"), comma);
        Path semicolons = Files.writeString(tmp.resolve("iris-semicolons.csv"), comma.replace(',', ';'));
        Path tabs = Files.writeString(tmp.resolve("iris.tsv"), comma.replace(',', '\t'));
        CliRun byComma = CliRun.of(train(commas, tmp.resolve("comma")));
        CliRun bySemicolon = CliRun.of(train(semicolons, tmp.resolve("semicolon"), "--separator", ";"));
        CliRun byTab = CliRun.of(train(tabs, tmp.resolve("tab"), "--separator", "tab"));
        assertEquals(0, byComma.status(), byComma.err());
        assertEquals(0, bySemicolon.status(), bySemicolon.err());
        assertEquals(0, byTab.status(), byTab.err());
        assertEquals(10, CliClassNamesTest.metrics(byComma.out()).size());
        assertEquals(CliClassNamesTest.metrics(byComma.out()), CliClassNamesTest.metrics(bySemicolon.out()));
        assertEquals(CliClassNamesTest.metrics(byComma.out()), CliClassNamesTest.metrics(byTab.out()));
        // evaluate replays the recorded --separator
        CliRun evaluate = CliRun.of("evaluate", "-m", tmp.resolve("semicolon").toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertEquals(bySemicolon.number("Test accuracy: "), evaluate.number("Accuracy: "), 1e-9);
        // predict --csv reads rows separated the same way
        Path rows = Files.writeString(tmp.resolve("rows.csv"), "6.3;2.8;5.1;1.5\n5.0;3.4;1.5;0.2\n");
        Path commaRows = Files.writeString(tmp.resolve("rows-comma.csv"), "6.3,2.8,5.1,1.5\n5.0,3.4,1.5,0.2\n");
        CliRun table = CliRun.of("predict", "-m", tmp.resolve("semicolon").toString(), "--csv", rows.toString(),
                "--separator", ";");
        CliRun commaTable = CliRun.of("predict", "-m", tmp.resolve("comma").toString(), "--csv", commaRows.toString());
        assertEquals(0, table.status(), table.err());
        assertEquals(commaTable.out(), table.out());
    }

    @Test
    void headerSaysWhatDetectionCannot() throws IOException {
        // a header naming a column by a number, and a file of text without one: each as its plain twin
        StringBuilder rows = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            rows.append(i % 7).append(',').append((i * 3) % 5).append(',').append(i % 2).append('\n');
            text.append(i % 3 == 0 ? "red" : i % 3 == 1 ? "blue" : "green").append(',')
                    .append(i % 4 < 2 ? "small" : "large").append(',').append(i % 4 < 2 ? "yes" : "no").append('\n');
        }
        Path years = Files.writeString(tmp.resolve("years.csv"), "x,2019,label\n" + rows);
        Path named = Files.writeString(tmp.resolve("named.csv"), "x,y2019,label\n" + rows);
        Path headless = Files.writeString(tmp.resolve("headless.csv"), text.toString());
        Path headed = Files.writeString(tmp.resolve("headed.csv"), "colour,size,label\n" + text);
        CliRun auto = CliRun.of(train(years, tmp.resolve("never")));
        assertEquals(2, auto.status());
        assertTrue(auto.err().contains("or line 1 a header? --header yes reads it as one)"), auto.err());
        CliRun yes = CliRun.of(train(years, tmp.resolve("years"), "--header", "yes"));
        CliRun plain = CliRun.of(train(named, tmp.resolve("named")));
        assertEquals(0, yes.status(), yes.err());
        assertEquals(CliClassNamesTest.metrics(plain.out()), CliClassNamesTest.metrics(yes.out()));
        CliRun text1 = CliRun.of(train(headless, tmp.resolve("never")));
        assertEquals(2, text1.status());
        assertEquals("nntrain: " + headless + ": line 1 reads as a header (it holds no number), but its \"red\" is also a"
                + " category of column 1; if line 1 is data, --header no reads it so\n", text1.err());
        CliRun no = CliRun.of(train(headless, tmp.resolve("headless"), "--header", "no"));
        CliRun withHeader = CliRun.of(train(headed, tmp.resolve("headed")));
        assertEquals(0, no.status(), no.err());
        assertEquals(10, CliClassNamesTest.metrics(no.out()).size());
        assertEquals(CliClassNamesTest.metrics(withHeader.out()), CliClassNamesTest.metrics(no.out()));
        CliRun evaluate = CliRun.of("evaluate", "-m", tmp.resolve("headless").toString()); // replays --header no
        assertEquals(0, evaluate.status(), evaluate.err());
        CliRun maybe = CliRun.of(train(headless, tmp.resolve("never"), "--header", "maybe"));
        assertEquals(2, maybe.status());
        assertEquals("nntrain: --header 'maybe' is not auto, yes or no\n", maybe.err());
        assertFalse(Files.exists(tmp.resolve("never")));
    }

    @Test
    void aSeparatorThatCannotBeIsOneLine() throws IOException {
        Path semicolons = Files.writeString(tmp.resolve("s.csv"), "x;y;label\n1,5;2;0\n");
        CliRun comma = CliRun.of("train", "--dataset", "csv:" + semicolons, "-o", tmp.resolve("never").toString());
        assertEquals(2, comma.status());
        assertEquals("nntrain: " + semicolons + ": line 1 has 1 column; expected at least one feature column and a label"
                + " column (is the separator ';'? --separator ';' reads it)\n", comma.err());
        CliRun decimal = CliRun.of("train", "--dataset", "csv:" + semicolons, "--separator", ";", "-o",
                tmp.resolve("never").toString());
        assertEquals(2, decimal.status());
        assertEquals("nntrain: " + semicolons + ": line 2, column 1: \"1,5\" is not a number (a decimal comma? write"
                + " numbers with a decimal point, 5.1)\n", decimal.err());
        for (String bad : new String[] {"ab", "\"", "1", "."}) {
            CliRun run = CliRun.of("train", "--dataset", "csv:" + semicolons, "--separator", bad, "-o",
                    tmp.resolve("never").toString());
            assertEquals(2, run.status(), bad);
            assertEquals("nntrain: --separator '" + bad + "' cannot separate cells; expected one character that is not"
                    + " part of a number or a quote, such as , ; | or tab\n", run.err());
        }
        CliRun mnist = CliRun.of("train", "--separator", ";", "-o", tmp.resolve("never").toString());
        assertEquals(2, mnist.status());
        assertTrue(mnist.err().startsWith("nntrain: --separator applies to CSV data only"), mnist.err());
        CliRun predict = CliRun.of("predict", "-m", tmp.resolve("nowhere").toString(), "--features", "1,2",
                "--separator", ";");
        assertEquals(2, predict.status());
        assertEquals("nntrain: --separator applies to --csv only (leave it out)\n", predict.err());
        assertFalse(Files.exists(tmp.resolve("never")));
    }
}
