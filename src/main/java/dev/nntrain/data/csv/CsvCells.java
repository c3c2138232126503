package dev.nntrain.data.csv;

import dev.nntrain.data.DataFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The cells of a CSV line, for {@link Csv}: splitting a line at the separator (double quotes
 * honoured), and what a cell is: a number as people write one, a missing value, a 0/1 answer.
 * Every refusal names the file, line and column.
 */
final class CsvCells {

    private CsvCells() {}

    /**
     * Whether a cell is written as a number: a plain decimal, or NaN, an infinity or a decimal
     * comma (each refused when read as one); never a category.
     */
    static boolean looksNumeric(String cell) {
        return NUMBER.matcher(cell).matches() || NON_FINITE.matcher(cell).matches() || DECIMAL_COMMA.matcher(cell).matches();
    }

    // A plain decimal number: what people put in CSV files. Stricter than Double.parseDouble,
    // which would also accept "1f", "0x1p3" or "Infinity" as numbers.
    static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    static final Pattern NON_FINITE =
            Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    /** How spreadsheets, R and pandas write a missing value; never a category. */
    private static final java.util.Set<String> MISSING = java.util.Set.of("", "na", "n/a", "nan", "null", "none", "?");

    /**
     * Says why a cell is not a finite number as written, or null when it is one.
     *
     * @param cell the trimmed cell
     * @return e.g. {@code "abc" is not a number}, or null
     */
    static String numberProblem(String cell) {
        if (cell.isEmpty()) {
            return "empty cell; expected a number";
        }
        if (NON_FINITE.matcher(cell).matches()) {
            return "\"" + cell + "\" is NaN or infinite; expected a finite number";
        }
        if (!NUMBER.matcher(cell).matches()) {
            return "\"" + cell + "\" is not a number" + (DECIMAL_COMMA.matcher(cell).matches()
                    ? " (a decimal comma? write numbers with a decimal point, 5.1)" : "");
        }
        if (Float.isInfinite(Float.parseFloat(cell))) {
            return "\"" + cell + "\" is infinite as a 32-bit float; expected a finite number";
        }
        return null;
    }

    static float parseNumber(String cell, String name, int line, int column) {
        String problem = numberProblem(cell);
        if (problem != null) {
            throw new DataFormatException(name + ": line " + line + ", column " + (column + 1) + ": " + problem);
        }
        return Float.parseFloat(cell);
    }

    /** Checks that a cell is a finite number as written; returns the message's prefix. */
    static String requireNumber(String cell, String name, int line, int column) {
        String where = name + ": line " + line + ", column " + (column + 1) + ": ";
        String problem = numberProblem(cell);
        if (problem != null && !problem.contains("32-bit")) {
            throw new DataFormatException(where + problem);
        }
        return where;
    }

    /** A multi-label column's answer: 0 (no) or 1 (yes), as written or as 0.0 and 1e0. */
    static float parseYesNo(String cell, String name, int line, int column) {
        String problem = numberProblem(cell);
        if (problem == null) {
            float value = Float.parseFloat(cell);
            if (value == 0 || value == 1) {
                return value;
            }
        }
        throw new DataFormatException(name + ": line " + line + ", column " + (column + 1) + ": label \"" + cell
                + "\" is not 0 or 1; each label column of a multi-label file answers no (0) or yes (1)"
                + " (or read the columns as --regression targets)");
    }

    /**
     * Says whether a cell is a missing value as R, pandas or a spreadsheet writes one: empty,
     * {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code None} or {@code ?}.
     *
     * @param cell the trimmed cell
     * @return whether it is
     */
    static boolean isMissing(String cell) {
        return MISSING.contains(cell.toLowerCase(java.util.Locale.ROOT));
    }

    // A one-column file usually means the wrong separator; name the likely one.
    static String separatorHint(String cell, char separator) {
        for (char c : new char[] {',', ';', '\t', '|'}) {
            if (c != separator && cell.indexOf(c) >= 0) {
                String named = c == '\t' ? "\\t" : String.valueOf(c);
                return " (is the separator '" + named + "'? --separator '" + named + "' reads it)";
            }
        }
        return "";
    }

    // Splits one line at the separator, honouring double quotes (RFC 4180 within a line).
    static List<String> split(String line, char separator, String name, int lineNumber) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
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
            } else if (ch == separator) {
                cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                wasQuoted = true;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DataFormatException(
                    name + ": line " + lineNumber + " has an unclosed double quote");
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
        return cells;
    }

    /** Up to ten names, then how many more, for a message. */
    static String shortList(List<String> names) {
        if (names.size() <= 10) {
            return names.toString();
        }
        return names.subList(0, 10).toString().replace("]", ", ... " + (names.size() - 10) + " more]");
    }
}
