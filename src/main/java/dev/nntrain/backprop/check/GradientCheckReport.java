package dev.nntrain.backprop.check;

import dev.nntrain.InvalidInputException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The outcome of a {@link GradientCheck}: for every parameter tensor, the error of each
 * {@link Comparison} against the hand-rolled backward pass, and whether all are within their
 * bounds. Print it with {@link #format()} or {@link #print(PrintStream)}; a command line exits
 * with {@link #exitCode()}.
 */
public final class GradientCheckReport {

    /**
     * One parameter tensor.
     *
     * @param parameter its name, such as {@code dense_1/weight}
     * @param shape its shape, such as {@code (4, 3)}
     * @param scale the largest magnitude of its hand-rolled gradient (FLOAT64 weights)
     * @param errors the error of each comparison that was run
     */
    public record Row(String parameter, String shape, double scale, Map<Comparison, TensorError> errors) {

        /**
         * Copies the map, so that the row stays a value.
         *
         * @param parameter the tensor's name
         * @param shape its shape
         * @param scale the largest magnitude of its hand-rolled gradient
         * @param errors the error of each comparison that was run (copied)
         */
        public Row {
            Objects.requireNonNull(parameter, "parameter");
            errors = Collections.unmodifiableMap(new EnumMap<>(errors));
        }

        /**
         * Whether every comparison in this row is within its bound.
         *
         * @return true if no bound is broken
         */
        public boolean passed() {
            return errors.entrySet().stream().allMatch(e -> e.getValue().within(e.getKey().bound()));
        }
    }

    private final String description;
    private final List<String> notes;
    private final List<Comparison> comparisons;
    private final List<Row> rows;

    /**
     * A report.
     *
     * @param description what was checked: the network, loss, batch
     * @param notes further lines for the header: loss values, step size, kinks
     * @param comparisons the comparisons run, in column order
     * @param rows one per parameter tensor, input to output
     */
    public GradientCheckReport(String description, List<String> notes, List<Comparison> comparisons, List<Row> rows) {
        this.description = Objects.requireNonNull(description, "description");
        this.notes = List.copyOf(notes);
        this.comparisons = List.copyOf(comparisons);
        this.rows = List.copyOf(rows);
        for (Row row : rows) {
            if (!row.errors().keySet().equals(Set.copyOf(comparisons))) {
                throw new InvalidInputException("row " + row.parameter() + " has errors for "
                        + row.errors().keySet() + ", the report's comparisons are " + comparisons);
            }
        }
    }

    /**
     * What was checked.
     *
     * @return a one-line description
     */
    public String description() {
        return description;
    }

    /**
     * Further facts about the run, one line each.
     *
     * @return the notes; unmodifiable
     */
    public List<String> notes() {
        return notes;
    }

    /**
     * The comparisons run, in column order.
     *
     * @return the comparisons; unmodifiable
     */
    public List<Comparison> comparisons() {
        return comparisons;
    }

    /**
     * One row per parameter tensor, input to output.
     *
     * @return the rows; unmodifiable
     */
    public List<Row> rows() {
        return rows;
    }

    /**
     * The largest relative error of {@code comparison} over all tensors (NaN if any is NaN).
     *
     * @param comparison one of {@link #comparisons()}
     * @return the worst relative error
     */
    public double worstRelative(Comparison comparison) {
        double worst = 0;
        for (Row row : rows) {
            worst = Math.max(worst, error(row, comparison).relative());
        }
        return worst;
    }

    /**
     * The name of the tensor with the largest relative error of {@code comparison}.
     *
     * @param comparison one of {@link #comparisons()}
     * @return the tensor's name, such as {@code dense_1/weight}
     */
    public String worstParameter(Comparison comparison) {
        Row worst = rows.get(0);
        for (Row row : rows) {
            double relative = error(row, comparison).relative();
            if (Double.isNaN(relative) || relative > error(worst, comparison).relative()) {
                worst = row;
                if (Double.isNaN(relative)) {
                    break;
                }
            }
        }
        return worst.parameter();
    }

    /**
     * Whether every comparison is within its bound for every tensor.
     *
     * @return true if no bound is broken
     */
    public boolean passed() {
        return rows.stream().allMatch(Row::passed);
    }

    /**
     * 0 if {@link #passed()}, else 1: what a command line should exit with.
     *
     * @return the exit status
     */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /**
     * Every broken bound, one line each, such as
     * {@code dense_1/weight: finite differences relative error 3.1e-02 > 1e-06}; empty if passed.
     *
     * @return the failures; unmodifiable
     */
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            for (Comparison c : comparisons) {
                TensorError e = row.errors().get(c);
                if (!e.within(c.bound())) {
                    failures.add(String.format(Locale.ROOT, "%s: %s relative error %.1e > %.0e",
                            row.parameter(), c.label(), e.relative(), c.bound()));
                }
            }
        }
        return Collections.unmodifiableList(failures);
    }

    /**
     * The report as an aligned table: a header, one row per tensor with the largest gradient
     * and each comparison's largest absolute and relative error (a {@code *} marks a broken
     * bound), the bounds, any failures, and a last line with each comparison's worst relative
     * error and PASS or FAIL.
     *
     * @return the table, lines ending in {@code \n}
     */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append("gradient check: ").append(description).append('\n');
        for (String note : notes) {
            s.append("  ").append(note).append('\n');
        }
        s.append("  relative error = max|a - b| / max(max|a|, max|b|, ")
                .append(sci(TensorError.FLOOR, 0)).append(") per tensor, a = hand-rolled backprop\n\n");
        int nameWidth = "parameter".length();
        int shapeWidth = "shape".length();
        for (Row row : rows) {
            nameWidth = Math.max(nameWidth, row.parameter().length());
            shapeWidth = Math.max(shapeWidth, row.shape().length());
        }
        String rowStart = "%-" + nameWidth + "s  %-" + shapeWidth + "s  %-9s";
        String cell = "  | %-8s %-10s";
        s.append(String.format(Locale.ROOT, rowStart, "", "", ""));
        for (Comparison c : comparisons) {
            s.append(String.format(Locale.ROOT, "  | %-19s", c.column()));
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, rowStart, "parameter", "shape", "max grad"));
        for (Comparison c : comparisons) {
            s.append(String.format(Locale.ROOT, cell, "abs", "rel"));
        }
        s.append('\n');
        for (Row row : rows) {
            s.append(String.format(Locale.ROOT, rowStart, row.parameter(), row.shape(), sci(row.scale(), 2)));
            for (Comparison c : comparisons) {
                TensorError e = row.errors().get(c);
                s.append(String.format(Locale.ROOT, cell,
                        sci(e.maxAbsolute(), 1), sci(e.relative(), 1) + (e.within(c.bound()) ? "" : " *")));
            }
            s.append('\n');
        }
        s.append(String.format(Locale.ROOT, rowStart, "bound", "", ""));
        for (Comparison c : comparisons) {
            s.append(String.format(Locale.ROOT, cell, "", "<= " + sci(c.bound(), 0)));
        }
        s.append("\n\n");
        for (String failure : failures()) {
            s.append("FAIL ").append(failure).append('\n');
        }
        s.append("worst relative error:");
        for (int i = 0; i < comparisons.size(); i++) {
            Comparison c = comparisons.get(i);
            s.append(i == 0 ? " " : ", ").append(c.label()).append(' ')
                    .append(sci(worstRelative(c), 1)).append(" (bound ").append(sci(c.bound(), 0)).append(')');
        }
        s.append(passed() ? ": PASS" : ": FAIL").append('\n');
        // cells are padded to a fixed width; the padding at a line's end serves no column
        return s.toString().replaceAll("[ ]+\n", "\n");
    }

    /**
     * Prints {@link #format()}.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.print(format());
        out.flush();
    }

    /** Same as {@link #format()}. */
    @Override
    public String toString() {
        return format();
    }

    private static TensorError error(Row row, Comparison comparison) {
        TensorError e = row.errors().get(comparison);
        if (e == null) {
            throw new InvalidInputException(comparison + " was not run in this check");
        }
        return e;
    }

    private static String sci(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "e", value);
    }
}
