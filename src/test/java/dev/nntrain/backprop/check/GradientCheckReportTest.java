package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GradientCheckReportTest {

    private static final List<Comparison> TWO = List.of(Comparison.DJL_FLOAT64, Comparison.FINITE_DIFFERENCES);

    private static GradientCheckReport.Row row(String name, String shape, double djl, double fd) {
        return new GradientCheckReport.Row(name, shape, 0.5, Map.of(
                Comparison.DJL_FLOAT64, new TensorError(djl * 0.5, 0.5, djl),
                Comparison.FINITE_DIFFERENCES, new TensorError(fd * 0.5, 0.5, fd)));
    }

    private static GradientCheckReport report(GradientCheckReport.Row... rows) {
        return new GradientCheckReport("Mlp(3 -> 4 relu -> 2 linear), loss mse", List.of("a note"), TWO, List.of(rows));
    }

    @Test
    void passingReport() {
        GradientCheckReport r = report(row("dense_1/weight", "(4, 3)", 1e-16, 2e-9), row("dense_1/bias", "(4)", 3e-16, 1e-10));

        assertTrue(r.passed());
        assertEquals(0, r.exitCode());
        assertEquals(List.of(), r.failures());
        assertEquals(3e-16, r.worstRelative(Comparison.DJL_FLOAT64));
        assertEquals("dense_1/bias", r.worstParameter(Comparison.DJL_FLOAT64));
        assertEquals("dense_1/weight", r.worstParameter(Comparison.FINITE_DIFFERENCES));
        String last = r.format().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("worst relative error: DJL float64 3.0e-16 (bound 1e-09), finite differences 2.0e-09"
                + " (bound 1e-06): PASS", last);
    }

    @Test
    void failingReportNamesTheTensorAndComparison() {
        GradientCheckReport r = report(row("dense_1/weight", "(4, 3)", 1e-16, 2e-9), row("dense_2/bias", "(2)", 4e-3, 5e-3));

        assertFalse(r.passed());
        assertEquals(1, r.exitCode());
        assertEquals(List.of("dense_2/bias: DJL float64 relative error 4.0e-03 > 1e-09",
                "dense_2/bias: finite differences relative error 5.0e-03 > 1e-06"), r.failures());
        String text = r.format();
        assertTrue(text.contains("FAIL dense_2/bias: DJL float64 relative error 4.0e-03 > 1e-09\n"), text);
        assertTrue(text.contains("4.0e-03 *"), text);
        assertTrue(text.strip().endsWith(": FAIL"), text);
    }

    @Test
    void nanIsTheWorstAndFails() {
        GradientCheckReport r = report(row("a", "(1)", 1e-3, 0), row("b", "(1)", Double.NaN, 0), row("c", "(1)", 1e-2, 0));

        assertTrue(Double.isNaN(r.worstRelative(Comparison.DJL_FLOAT64)));
        assertEquals("b", r.worstParameter(Comparison.DJL_FLOAT64));
        assertFalse(r.passed());
    }

    @Test
    void tableColumnsLineUp() {
        GradientCheckReport r = report(row("dense_1/weight", "(64, 3)", 1e-16, 2e-9), row("b", "(2)", 3e-16, 1e-10));
        List<String> table = r.format().lines().filter(line -> line.contains(" | ")).toList();

        assertEquals(5, table.size(), r.format()); // two heading lines, two rows, the bounds
        for (String line : table) {
            assertEquals(table.get(0).indexOf('|'), line.indexOf('|'), line);
            assertEquals(table.get(0).lastIndexOf('|'), line.lastIndexOf('|'), line);
            assertFalse(line.endsWith(" "), "trailing blanks: '" + line + "'");
        }
        assertTrue(table.get(1).startsWith("parameter       shape    max grad"), table.get(1));
    }

    @Test
    void printWritesTheTable() {
        GradientCheckReport r = report(row("w", "(1)", 0, 0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        r.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertEquals(r.format(), bytes.toString(StandardCharsets.UTF_8));
        assertEquals(r.format(), r.toString());
        assertTrue(r.format().startsWith("gradient check: Mlp(3 -> 4 relu -> 2 linear), loss mse\n  a note\n"));
    }

    @Test
    void everyRowHasEveryComparison() {
        GradientCheckReport.Row partial = new GradientCheckReport.Row("w", "(1)", 1,
                Map.of(Comparison.DJL_FLOAT64, new TensorError(0, 1, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> new GradientCheckReport("x", List.of(), TWO, List.of(partial)));
    }
}
