package dev.nntrain.data.csv;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV file's feature columns for {@link Csv}, one cell at a time: as given columns say (a
 * trained model's), or finding each column's kind from the first data row (text: categorical; a
 * number, or a missing value: numbers). Categories are numbered as first seen and renumbered in
 * sorted order at the end, as class names are, so that a row holds numbers only; the checks that
 * need the whole column (text and numbers mixed, a text per row) are made then.
 *
 * <p>Filling in missing values ({@link Csv#fillMissing}): a column's kind is found from its first
 * cell that is not missing, and a missing cell reads as NaN (in each of a category's inputs, once
 * encoded) until the fill values are learnt from the training rows; given columns fill a missing
 * cell with their own fill value at once.
 *
 * <p>A file read by given columns may hold every one of them, or leave out ignored ones (a
 * training run's id or sample weight column, which new rows to predict do not have): with a
 * header, any of the ignored columns may be absent, the others named in training's order; without
 * one, the number of columns says which, every column or only those the model reads.
 */
final class FeatureColumnReader {

    /** Categories a column may have: more would give the model an input per row or so. */
    private static final int FEW_CATEGORIES = 20;

    private final FeatureColumns featureColumns; // the columns to read by, as the file holds them, or null to find them
    private final FeatureColumns recorded; // the columns given, ignored ones included, or null to find them
    private final int[] recordedIndex; // by feature column of the file: its column among the given ones
    private final List<Integer> ignoredIndices;
    private final List<String> ignoredNames;
    private final String file;
    private final int[] label;
    private final int[] featureOf; // a file column's feature column, -1 for a label
    private final String[] names; // by feature column: the header's name, or ""
    private final FeatureColumns.Kind[] kinds; // found from the first data row, or given
    private final boolean detect; // whether the kinds are found, not given
    private final boolean[] ignoredColumns; // by file column
    private final List<java.util.Map<String, Integer>> ids = new ArrayList<>();
    private final List<List<String>> seen = new ArrayList<>();
    // a categorical column's first text, and any number in it (a typo, or a header's line?)
    private int firstLine;
    private final int[] numbers;
    private final int[] numberLine;
    private final String[] numberCell;
    private final boolean headerLine; // whether a header was read (the first data line is not the file's first)
    private final boolean filling; // whether missing cells are left as NaN, to be filled from the training rows
    private final int[] kindLine; // by feature column: the line whose cell decided its kind
    private final String[] kindCell; // and that cell
    private final int[] filled; // by feature column: the missing cells read as a fill value or NaN
    private final float[] fillNumber; // by feature column: a given number column's fill value

    /**
     * Starts reading a file whose first row (the header's, or the first data row) has been split.
     *
     * @param featureColumns the columns to read by, or null to find them from the first data row
     * @param ignoredIndices file columns the model does not see, by index
     * @param ignoredNames file columns the model does not see, by header name
     * @param columns the file's number of columns
     * @param label the label columns, none for rows to predict
     * @param headerCells the header's names, or null without a header
     * @param file the file's name, for messages
     * @param line the first row's line
     * @param filling whether missing cells of columns found from the file are kept, as NaN, to be
     *     filled in later
     */
    FeatureColumnReader(FeatureColumns featureColumns, List<Integer> ignoredIndices, List<String> ignoredNames,
            int columns, int[] label, List<String> headerCells, String file, int line, boolean filling) {
        this.recorded = featureColumns;
        this.ignoredIndices = ignoredIndices;
        this.ignoredNames = ignoredNames;
        this.file = file;
        this.label = label;
        this.headerLine = headerCells != null;
        int count = columns - label.length;
        featureOf = new int[columns];
        names = new String[count];
        for (int c = 0, f = 0; c < columns; c++) {
            featureOf[c] = Csv.isLabel(label, c) ? -1 : f;
            if (!Csv.isLabel(label, c)) {
                names[f++] = headerCells == null ? "" : headerCells.get(c);
            }
        }
        numbers = new int[count];
        numberLine = new int[count];
        numberCell = new String[count];
        kindLine = new int[count];
        kindCell = new String[count];
        filled = new int[count];
        fillNumber = new float[count];
        ignoredColumns = ignored(columns, label, headerCells, line);
        // a labelled file's columns are found from its first data row; unlabelled rows to
        // predict are numbers, unless a model's columns say otherwise
        detect = featureColumns == null && label.length > 0;
        this.filling = filling && detect;
        recordedIndex = new int[count];
        if (featureColumns != null) {
            featureColumns = checkGiven(featureColumns, count, headerCells != null, line);
        }
        this.featureColumns = featureColumns;
        if (featureColumns != null) {
            kinds = featureColumns.columns().stream().map(FeatureColumns.Column::kind)
                    .toArray(FeatureColumns.Kind[]::new);
            for (int f = 0; f < count; f++) {
                FeatureColumns.Column given = featureColumns.columns().get(f);
                if (given.kind() == FeatureColumns.Kind.NUMBER && given.hasFill()) {
                    fillNumber[f] = Float.parseFloat(given.fill());
                }
            }
        } else {
            kinds = new FeatureColumns.Kind[count];
        }
        for (int f = 0; f < count; f++) {
            java.util.Map<String, Integer> index = new java.util.HashMap<>();
            if (featureColumns != null) { // a category's input, found in one look-up per cell
                List<String> given = featureColumns.columns().get(f).categories();
                for (int k = 0; k < given.size(); k++) {
                    index.put(given.get(k), k);
                }
            }
            ids.add(index);
            seen.add(new ArrayList<>());
        }
        if (featureColumns == null && !detect) { // rows to predict, without a model's columns: numbers
            for (int c = 0; c < columns; c++) {
                if (featureOf[c] >= 0) {
                    kinds[featureOf[c]] = ignoredColumns[c] ? FeatureColumns.Kind.IGNORED : FeatureColumns.Kind.NUMBER;
                }
            }
        }
    }

    /**
     * Says whether a file column is read: a label, or a feature column not ignored.
     *
     * @param column the 0-based file column
     * @return whether its cells matter
     */
    boolean reads(int column) {
        int f = featureOf[column];
        if (f < 0) {
            return true;
        }
        return featureColumns != null ? kinds[f] != FeatureColumns.Kind.IGNORED : !ignoredColumns[column];
    }

    /**
     * Says whether a missing cell of a file column is filled in: a feature column's, filling in
     * from the training rows or with a given column's fill value.
     *
     * @param column the 0-based file column
     * @return whether a missing cell there is no reason to leave its row out
     */
    boolean fills(int column) {
        int f = featureOf[column];
        return f >= 0 && (filling || featureColumns != null && featureColumns.columns().get(f).hasFill());
    }

    /** The file columns that the settings leave out, checked against the header and the label. */
    private boolean[] ignored(int columns, int[] label, List<String> headerCells, int line) {
        boolean[] ignored = new boolean[columns];
        for (int index : ignoredIndices) {
            if (index >= columns) {
                throw new DataFormatException(file + ": ignored column index " + index + " is out of range: line "
                        + line + " has " + columns + " columns (indices 0 to " + (columns - 1) + ")");
            }
            ignored[index] = true;
        }
        for (String name : ignoredNames) {
            if (headerCells == null) {
                throw new DataFormatException(file + ": ignored column \"" + name + "\" was named but line " + line
                        + " is not a header row (it holds numbers); give its 0-based index instead");
            }
            int found = headerCells.indexOf(name);
            if (found < 0) {
                throw new DataFormatException(file + ": line " + line + ": header has no column \"" + name
                        + "\" to ignore; columns are " + headerCells);
            }
            if (headerCells.lastIndexOf(name) != found) { // which one? as a label or weight column's name
                throw new DataFormatException(file + ": line " + line + ": header names column \"" + name
                        + "\" more than once; give the 0-based index of the one to ignore");
            }
            ignored[found] = true;
        }
        for (int c : label) {
            if (ignored[c]) {
                throw new DataFormatException(file + ": column " + c + (headerCells == null ? ""
                        : " (\"" + headerCells.get(c) + "\")") + " is " + (label.length == 1 ? "the label column"
                                : "a label column") + "; it cannot be ignored");
            }
        }
        int left = 0;
        for (int c = 0; c < columns; c++) {
            left += !Csv.isLabel(label, c) && !ignored[c] ? 1 : 0;
        }
        if (left == 0 && featureColumns == null) {
            throw new DataFormatException(file + ": every feature column is ignored; expected at least one"
                    + " that the model reads");
        }
        return ignored;
    }

    /**
     * Checks a file against the given columns: as many, or as many as the model reads (the
     * ignored ones left out), or with a header any number between, and named alike where both have
     * names; returns the columns the file holds, and finds each one's index among those given.
     */
    private FeatureColumns checkGiven(FeatureColumns given, int count, boolean hasHeader, int line) {
        List<FeatureColumns.Column> all = given.columns();
        int read = given.readOnly().columns().size();
        if (count < read || count > all.size() || !hasHeader && count != read && count != all.size()) {
            throw new DataFormatException(file + ": line " + line + " has " + count + " feature column"
                    + (count == 1 ? "" : "s") + (label.length > 0 ? " besides the label" : "") + "; expected "
                    + all.size() + ", as in training" + given.orReadOnly() + " (" + given.describe() + ")"
                    + (label.length == 0 && (count == all.size() + 1 || count == read + 1)
                            ? "; is the label column left in? rows to predict have none" : ""));
        }
        List<FeatureColumns.Column> held = new ArrayList<>();
        int f = 0;
        int toRead = read; // the columns the model reads from g on
        for (int g = 0; g < all.size(); g++) {
            FeatureColumns.Column column = all.get(g);
            String expected = column.name();
            boolean ignored = column.kind() == FeatureColumns.Kind.IGNORED;
            // an ignored column the file leaves out: every one where it has as many columns as the
            // model reads, else one its header does not name here, or that leaves too few columns
            if (ignored && count < all.size() && (!hasHeader || expected.isEmpty() || count - f <= toRead
                    || !expected.equals(names[f]))) {
                continue;
            }
            toRead -= ignored ? 0 : 1;
            if (f >= count) { // never: the file holds the columns the model reads, at least
                throw new AssertionError(file + ": " + count + " columns, " + all.size() + " given");
            }
            if (hasHeader && !expected.isEmpty() && !expected.equals(names[f])) {
                throw new DataFormatException(file + ": line " + line + ": feature column " + (f + 1) + " is \""
                        + names[f] + "\"; expected \"" + expected + "\", the columns in training's order ("
                        + given.describe() + ")");
            }
            recordedIndex[f++] = g;
            held.add(column);
        }
        if (f < count) { // an ignored column named out of its place, or an ignored column unnamed in training
            throw new DataFormatException(file + ": line " + line + ": feature column " + (f + 1) + " is \""
                    + names[f] + "\"; expected no more columns, the columns in training's order (" + given.describe()
                    + ") with " + (all.size() - read == 1 ? "its ignored column" : "any of its ignored columns")
                    + " left out or in its place");
        }
        return held.size() == all.size() ? given : FeatureColumns.of(held);
    }

    float parse(String cell, int line, int column) {
        int f = featureOf[column];
        if (firstLine == 0) {
            firstLine = line;
        }
        boolean missing = CsvCells.isMissing(cell);
        if (detect && kinds[f] == null) {
            if (ignoredColumns[column]) {
                kinds[f] = FeatureColumns.Kind.IGNORED;
            } else if (!(filling && missing)) { // filling: the first cell that is not missing decides
                kinds[f] = missing || CsvCells.looksNumeric(cell) ? FeatureColumns.Kind.NUMBER : FeatureColumns.Kind.CATEGORY;
                kindLine[f] = line;
                kindCell[f] = cell;
            }
        }
        if (kinds[f] == null) { // a missing cell before the column's first value, filled in later
            filled[f]++;
            return Float.NaN;
        }
        if (missing && kinds[f] != FeatureColumns.Kind.IGNORED) {
            if (filling) {
                filled[f]++;
                return Float.NaN; // filled in once the training rows' values are known
            }
            FeatureColumns.Column given = featureColumns == null ? null : featureColumns.columns().get(f);
            if (given != null && given.hasFill()) {
                filled[f]++;
                return kinds[f] == FeatureColumns.Kind.NUMBER ? fillNumber[f] : ids.get(f).get(given.fill());
            }
        }
        switch (kinds[f]) {
            case IGNORED:
                return 0;
            case NUMBER:
                if (missing && !cell.isEmpty() && !CsvCells.NON_FINITE.matcher(cell).matches()) {
                    throw new DataFormatException(where(line, column) + "\"" + cell + "\" is a missing value; " + missingAdvice());
                }
                return CsvCells.parseNumber(cell, file, line, column);
            default:
                break;
        }
        if (!detect) {
            Integer known = ids.get(f).get(cell); // the given categories, numbered as given
            if (known != null) {
                return known;
            }
            if (CsvCells.isMissing(cell)) {
                throw new DataFormatException(where(line, column) + (cell.isEmpty() ? "empty cell" : "\"" + cell + "\"")
                        + " is a missing value; expected one of the categories " + CsvCells.shortList(
                                featureColumns.columns().get(f).categories()) + " (" + missingAdvice() + ")");
            }
            String where = where(line, column);
            try {
                FeatureColumns.categoryIndex(featureColumns.columns().get(f), cell, where.substring(0, where.length() - 2));
            } catch (InvalidInputException e) {
                throw new DataFormatException(e.getMessage(), e);
            }
            throw new AssertionError(cell + " is among the categories, but not in their index");
        }
        if (CsvCells.isMissing(cell)) {
            throw new DataFormatException(where(line, column) + (cell.isEmpty() ? "empty cell" : "\"" + cell + "\"")
                    + " is a missing value; expected a category, as line " + kindLine[f] + "'s \"" + kindCell[f]
                    + "\" (" + missingAdvice() + ")");
        }
        if (CsvCells.looksNumeric(cell)) {
            CsvCells.parseNumber(cell, file, line, column); // a decimal comma is said so at once
            if (numbers[f]++ == 0) {
                numberLine[f] = line;
                numberCell[f] = cell;
            }
            return 0; // refused at the end, counted
        }
        Integer id = ids.get(f).get(cell);
        if (id == null) {
            id = seen.get(f).size();
            ids.get(f).put(cell, id);
            seen.get(f).add(cell);
        }
        return id;
    }

    /**
     * What to do about a missing value: rows to train on may be filled in or left out; a trained
     * model's rows may be left out or must be filled first, the model having no values to fill them with.
     */
    private String missingAdvice() {
        if (detect) {
            return "fill them in with --fill-missing mean|median|most_frequent, or leave them out with --drop-missing";
        }
        String model = featureColumns == null ? "the model has no values to fill them in with"
                : "the model was trained without --fill-missing, so it has no values to fill them in with";
        return label.length > 0 ? model + ": fill such rows, or leave them out with --drop-missing"
                : model + ": fill such rows first";
    }

    /**
     * Says how many missing cells each feature column had, filled in with a given column's value
     * or left as NaN to be filled in.
     *
     * @return by feature column, in file order
     */
    List<Integer> filled() {
        if (recorded == null || recorded == featureColumns) {
            return java.util.Arrays.stream(filled).boxed().toList();
        }
        Integer[] byGiven = new Integer[recorded.columns().size()];
        java.util.Arrays.fill(byGiven, 0); // an ignored column left out fills nothing
        for (int f = 0; f < filled.length; f++) {
            byGiven[recordedIndex[f]] = filled[f];
        }
        return List.of(byGiven);
    }

    /**
     * Says which columns the examples carry: the given ones, ignored columns included where the
     * file leaves them out, so that they describe the model's columns whatever the file held.
     *
     * @param read the columns {@link #finish} returned
     * @return the given columns, or {@code read} where the columns were found
     */
    FeatureColumns carried(FeatureColumns read) {
        return recorded != null ? recorded : read;
    }

    /** Names a cell for a message, {@code data.csv: line 7, column 2: }; made only for one. */
    private String where(int line, int column) {
        return file + ": line " + line + ", column " + (column + 1) + ": ";
    }

    /**
     * Checks what was found and renumbers categories in sorted order; returns the columns, or
     * null where every column is a number and none has a header's name (a file of numbers
     * without a header: examples and models then carry none).
     */
    FeatureColumns finish(List<float[]> rows) {
        if (!detect) {
            return featureColumns; // null for rows of numbers alone
        }
        List<FeatureColumns.Column> columns = new ArrayList<>();
        boolean encoded = false;
        long width = 0;
        for (int f = 0; f < names.length; f++) {
            String named = names[f].isEmpty() ? "" : " (" + names[f] + ")";
            int column = fileColumn(f);
            if (kinds[f] == null) {
                throw new DataFormatException(file + ": column " + (column + 1) + named + " has no value in any of its "
                        + rows.size() + (rows.size() == 1 ? " row" : " rows") + "; expected at least one to fill its"
                        + " missing cells from (leave it out: --ignore-column " + (names[f].isEmpty() ? column : names[f])
                        + ")");
            }
            if (kinds[f] != FeatureColumns.Kind.CATEGORY) {
                columns.add(kinds[f] == FeatureColumns.Kind.NUMBER ? FeatureColumns.Column.number(names[f])
                        : FeatureColumns.Column.ignored(names[f]));
                encoded |= kinds[f] == FeatureColumns.Kind.IGNORED;
                width += kinds[f] == FeatureColumns.Kind.NUMBER ? 1 : 0;
                continue;
            }
            encoded = true;
            int texts = rows.size() - numbers[f] - filled[f];
            if (numbers[f] > 0) {
                throw new DataFormatException(file + ": column " + (column + 1) + named + " holds text in " + texts
                        + (texts == 1 ? " row" : " rows") + " (line " + kindLine[f] + ": \"" + kindCell[f]
                        + "\") and numbers in " + numbers[f] + " (line " + numberLine[f] + ": \"" + numberCell[f]
                        + "\"); expected numbers only or text categories only"
                        + (texts < numbers[f] ? " (is \"" + kindCell[f] + "\" a typo"
                                + (headerLine || kindLine[f] != firstLine ? "" : ", or line " + firstLine
                                        + " a header? --header yes reads it as one") + ")" : ""));
            }
            List<String> categories = seen.get(f);
            if (categories.size() > FEW_CATEGORIES && categories.size() * 2L > rows.size()) {
                throw new DataFormatException(file + ": column " + (column + 1) + named + " holds "
                        + categories.size() + " different texts among " + rows.size() + " rows, such as \""
                        + categories.get(0) + "\" and \"" + categories.get(1) + "\": an id or free text rather than"
                        + " categories? Ignore the column (--ignore-column " + (names[f].isEmpty() ? column
                                : names[f]) + ")");
            }
            List<String> sorted = new ArrayList<>(categories);
            java.util.Collections.sort(sorted);
            int[] rank = new int[sorted.size()];
            for (int k = 0; k < sorted.size(); k++) {
                rank[ids.get(f).get(sorted.get(k))] = k;
            }
            for (float[] row : rows) {
                if (!Float.isNaN(row[column])) { // a missing cell stays missing, to be filled in
                    row[column] = rank[(int) row[column]];
                }
            }
            columns.add(FeatureColumns.Column.category(names[f], sorted));
            width += sorted.size();
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (width * rows.size() * Float.BYTES > heap / 4) {
            throw new DataFormatException(String.format("%s: one-hot encoding its categories gives %,d rows of %,d"
                    + " inputs, %,d MB; this JVM may use %,d MB (raise it with java -Xmx, or ignore a column of"
                    + " many categories)", file, rows.size(), width, width * rows.size() * Float.BYTES >> 20,
                    heap >> 20));
        }
        // filling: the columns will carry the fill values, numbers alone or not; a header's
        // names: a model keeps them, so that a file whose header orders or names the columns
        // otherwise is refused (a file without a header has none to check)
        boolean named = java.util.Arrays.stream(names).anyMatch(n -> !n.isEmpty());
        return encoded || filling || named ? FeatureColumns.of(columns) : null;
    }

    /**
     * Finds a given column in the file, which may have left out ignored ones.
     *
     * @param given the 0-based index among the given columns, ignored ones included
     * @return the 0-based index among the file's columns, or -1 for an ignored column it leaves out
     */
    int fileColumnOfGiven(int given) {
        if (recorded == null) {
            return fileColumn(given); // the columns found in the file: each one is there
        }
        for (int f = 0; f < recordedIndex.length; f++) {
            if (recordedIndex[f] == given) {
                return fileColumn(f);
            }
        }
        return -1;
    }

    private int fileColumn(int f) {
        int c = 0;
        while (featureOf[c] != f) {
            c++;
        }
        return c;
    }
}
