package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CSV whose labels reach 65,535, the most the README allows: training and evaluating it must
 * not build a 65,536 x 65,536 confusion matrix (32 GB), and evaluate summarises what it cannot
 * draw or print.
 */
class CliManyClassesTest {

    @TempDir
    static Path tmp;

    static Path csv;
    static Path model;

    @BeforeAll
    static void trainOnLabelsUpTo65535() throws IOException {
        // labels 0 and 65535 alternate, 40 rows; the output layer has 65,536 units
        StringBuilder rows = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i % 7).append(',').append(i % 5).append(',').append(i % 2 == 0 ? 0 : 65_535).append('\n');
        }
        csv = Files.writeString(tmp.resolve("labels-65535.csv"), rows);
        model = tmp.resolve("model");
        CliRun run = CliRun.of("train", "--dataset", "csv:" + csv, "--epochs", "1", "-q", "--threads", "1",
                "-o", model.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("Epoch 1/1"), run.out());
        assertTrue(Files.exists(model.resolve("model.json")));
    }

    @Test
    void evaluateListsTheClassesThatOccurAndTheMistakes() {
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--dataset", "csv:" + csv);
        assertEquals(0, run.status(), run.err());
        String out = run.out();
        // 8 held-out rows of classes 0 and 65535: at most 8 + 2 classes occur, the rest are counted
        assertTrue(out.contains("with no examples and no predictions left out"), out);
        assertTrue(out.contains("Confusion matrix: not shown for 65,536 classes"), out);
        assertFalse(out.contains("true\\pred"), "no 65,536-column table: " + out);
        long listed = out.lines().filter(l -> l.matches("  \\d+ -> \\d+: [\\d,]+")).count();
        long wrong = Math.round((1 - run.number("Accuracy: ")) * 8);
        assertTrue(listed >= Math.min(1, wrong) && listed <= Math.min(wrong, EvaluateCommand.MISTAKES_LISTED),
                listed + " mistakes listed, " + wrong + " made: " + out);
    }

    @Test
    void aChartOfSixtyFiveThousandClassesIsRefusedBeforeAnyWork() {
        Path plot = tmp.resolve("confusion.png");
        CliRun run = CliRun.of("evaluate", "--model", model.toString(), "--dataset", "csv:" + csv, "--plot", plot.toString());
        run.assertBadInput("--plot", model.toString(), "65,536 output classes", "at most 55");
        assertEquals("", run.out(), "nothing evaluated");
        assertFalse(Files.exists(plot));
    }
}
