package dev.nntrain.data.csv;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the feature columns of a CSV file become a model's input values: a column of numbers is one
 * input as written; a column of text is a categorical feature, <em>one-hot</em> encoded as one
 * 0/1 input per category (scikit-learn's {@code OneHotEncoder}, Keras' {@code
 * StringLookup(output_mode="one_hot")}); an ignored column gives none.
 *
 * <p>{@link Csv} finds the columns as it reads a file (a column whose first data row holds text is
 * categorical; its categories are the distinct texts in sorted order) and the examples carry them
 * ({@link Examples#featureColumns()}). A trained model keeps them, so that a new file, or one row
 * typed on the command line, is encoded as the training file was: the same inputs in the same
 * order, whatever categories the new rows happen to hold. For the penguins of
 * {@code data/penguins.csv}, {@code island} becomes three inputs ({@code island=Biscoe},
 * {@code island=Dream}, {@code island=Torgersen}) and {@code Dream} reads as {@code 0, 1, 0}.
 *
 * <p>The columns are those of the file without its label column, in file order. A file of numbers
 * alone has columns too where its header names them ({@link #namesOnly()}): a model keeps the
 * names, and a file whose header orders or names the columns otherwise is refused.
 *
 * <p>An ignored column is optional in the rows read by a model's columns ({@link #readOnly()},
 * {@link #forCount}): new rows have no training id or sample weight to give.
 */
public final class FeatureColumns {

    /** What a column gives the model. */
    public enum Kind {
        /** One input: the number as written. */
        NUMBER,
        /** One 0/1 input per category: 1 for the row's category, 0 for the others. */
        CATEGORY,
        /** No input: the column is read past (an id, free text, a column left out on purpose). */
        IGNORED
    }

    /**
     * One column of the file.
     *
     * @param name the header's name for it, or the empty string in a file without a header
     * @param kind what it gives the model
     * @param categories a categorical column's categories, in input order; empty for the others
     * @param fill what a missing cell of the column reads as, learnt from the training rows by
     *     {@link Csv#fillMissing}: a number column's number (as {@link Float#toString} writes it), a
     *     categorical column's category; the empty string where a missing cell is refused
     */
    public record Column(String name, Kind kind, List<String> categories, String fill) {

        /**
         * Checks that only a categorical column has categories, at least one, none blank or
         * repeated, and that a fill value is a finite number of a number column or one of a
         * categorical column's categories.
         *
         * @param name the header's name, or the empty string
         * @param kind what it gives the model
         * @param categories a categorical column's categories; empty for the others
         * @param fill what a missing cell reads as, or the empty string for none
         */
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
            Objects.requireNonNull(fill, "fill");
            if ((kind == Kind.CATEGORY) == categories.isEmpty()) {
                throw new InvalidInputException(kind == Kind.CATEGORY
                        ? "categorical column " + quoted(name) + " has no categories; expected at least one"
                        : kind.name().toLowerCase(java.util.Locale.ROOT) + " column " + quoted(name)
                                + " has categories " + categories + "; only a categorical column has them");
            }
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < categories.size(); i++) {
                String category = categories.get(i);
                if (category.isBlank()) {
                    throw new InvalidInputException("column " + quoted(name) + ": category " + i
                            + " is blank; expected text");
                }
                Integer before = seen.putIfAbsent(category, i);
                if (before != null) {
                    throw new InvalidInputException("column " + quoted(name) + ": category \"" + category
                            + "\" is given twice (" + before + " and " + i + ")");
                }
            }
            if (!fill.isEmpty()) {
                boolean fits = switch (kind) {
                    case NUMBER -> CsvCells.numberProblem(fill) == null;
                    case CATEGORY -> seen.containsKey(fill);
                    case IGNORED -> false;
                };
                if (!fits) {
                    throw new InvalidInputException("column " + quoted(name) + ": fill value \"" + fill + "\" is not "
                            + switch (kind) {
                                case NUMBER -> "a finite number";
                                case CATEGORY -> "one of its categories " + CsvCells.shortList(categories);
                                case IGNORED -> "for an ignored column, which has no value to fill";
                            });
                }
            }
        }

        /**
         * A column without a fill value: a missing cell in it is refused.
         *
         * @param name the header's name, or the empty string
         * @param kind what it gives the model
         * @param categories a categorical column's categories; empty for the others
         */
        public Column(String name, Kind kind, List<String> categories) {
            this(name, kind, categories, "");
        }

        /**
         * The same column, reading a missing cell as this value.
         *
         * @param value a number for a number column, a category for a categorical one; the empty
         *     string for none
         * @return the new column
         * @throws InvalidInputException if the value is not one the column holds
         */
        public Column withFill(String value) {
            Objects.requireNonNull(value, "value");
            return new Column(name, kind, categories, value);
        }

        /** @return whether a missing cell of the column is filled in, rather than refused */
        public boolean hasFill() {
            return !fill.isEmpty();
        }

        /**
         * A column of numbers.
         *
         * @param name the header's name, or the empty string
         * @return the column
         */
        public static Column number(String name) {
            return new Column(name, Kind.NUMBER, List.of());
        }

        /**
         * A categorical column.
         *
         * @param name the header's name, or the empty string
         * @param categories its categories, in input order
         * @return the column
         */
        public static Column category(String name, List<String> categories) {
            return new Column(name, Kind.CATEGORY, categories);
        }

        /**
         * A column the model does not see.
         *
         * @param name the header's name, or the empty string
         * @return the column
         */
        public static Column ignored(String name) {
            return new Column(name, Kind.IGNORED, List.of());
        }

        /** @return how many inputs the column gives: 1, its number of categories, or 0 */
        public int width() {
            return switch (kind) {
                case NUMBER -> 1;
                case CATEGORY -> categories.size();
                case IGNORED -> 0;
            };
        }
    }

    /** Why a model's missing value is refused. */
    private static final String NO_FILL = "the model was trained without --fill-missing, so it has no value to fill it in with";

    private final List<Column> columns;

    private FeatureColumns(List<Column> columns) {
        this.columns = columns;
    }

    /**
     * Describes a file's feature columns.
     *
     * @param columns every column but the label, in file order; at least one gives an input
     * @return the description
     * @throws InvalidInputException if no column gives an input
     */
    public static FeatureColumns of(List<Column> columns) {
        List<Column> copy = List.copyOf(Objects.requireNonNull(columns, "columns"));
        if (copy.stream().allMatch(c -> c.kind() == Kind.IGNORED)) {
            throw new InvalidInputException(copy.isEmpty() ? "no feature columns; expected at least one"
                    : "every feature column of " + copy.size() + " is ignored; expected at least one the model reads");
        }
        return new FeatureColumns(copy);
    }

    /** @return every column but the label, in file order */
    public List<Column> columns() {
        return columns;
    }

    /** @return how many inputs the columns give: the model's input width */
    public int width() {
        return columns.stream().mapToInt(Column::width).sum();
    }

    /** @return whether any column is ignored: one the model reads past, that new rows may leave out */
    public boolean hasIgnored() {
        return columns.stream().anyMatch(c -> c.kind() == Kind.IGNORED);
    }

    /**
     * The columns the model reads: these without their ignored ones, which give no input. A file
     * to predict or evaluate may leave the ignored columns out (new rows have no training weight,
     * often no id); it then holds these.
     *
     * @return the columns, in file order; these same columns where none is ignored
     */
    public FeatureColumns readOnly() {
        return hasIgnored() ? new FeatureColumns(columns.stream().filter(c -> c.kind() != Kind.IGNORED).toList()) : this;
    }

    /**
     * Finds which columns a row of so many cells holds, its header unread: every column, ignored
     * ones included, or only those the model reads ({@link #readOnly()}).
     *
     * @param count the row's number of cells (feature columns)
     * @return the columns it holds, or empty where the count is neither
     */
    public java.util.Optional<FeatureColumns> forCount(int count) {
        if (count == columns.size()) {
            return java.util.Optional.of(this);
        }
        FeatureColumns read = readOnly();
        return count == read.columns.size() ? java.util.Optional.of(read) : java.util.Optional.empty();
    }

    /**
     * Names the other number of cells a row may have, for a message that names the first: {@code
     * , or 4 leaving out the ignored column "w"}; empty where no column is ignored.
     *
     * @return the text, starting with a comma, or the empty string
     */
    public String orReadOnly() {
        List<String> ignored = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).kind() == Kind.IGNORED) {
                ignored.add(columns.get(c).name().isEmpty() ? "column " + (c + 1) : "\"" + columns.get(c).name() + "\"");
            }
        }
        return ignored.isEmpty() ? "" : ", or " + (columns.size() - ignored.size()) + " leaving out the ignored column"
                + (ignored.size() == 1 ? " " : "s ") + String.join(", ", ignored);
    }

    /** @return whether any column is categorical or ignored: a file that is not numbers alone */
    public boolean isEncoded() {
        return columns.stream().anyMatch(c -> c.kind() != Kind.NUMBER);
    }

    /**
     * Says whether the columns record nothing but their names: every column a number read as
     * written, none with a fill value, as a file of numbers with a header gives them. Such columns
     * read a file's numbers as they are read without columns; they add the checks of its header's
     * names and of its number of columns.
     *
     * @return whether the columns are numbers alone, without fill values
     */
    public boolean namesOnly() {
        return !isEncoded() && !hasFills();
    }

    /**
     * Names every input: a number column's name, {@code name=category} for each category of a
     * categorical column; a column without a header name is {@code column N}, counted from 1
     * among the feature columns.
     *
     * @return one name per input, in input order
     */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            String name = column.name().isEmpty() ? "column " + (c + 1) : column.name();
            if (column.kind() == Kind.NUMBER) {
                names.add(name);
            } else if (column.kind() == Kind.CATEGORY) {
                column.categories().forEach(category -> names.add(name + "=" + category));
            }
        }
        return names;
    }

    /**
     * Encodes one row of text cells, as a CSV line or {@code predict --features} gives them.
     *
     * @param cells one cell per column, in file order (trimmed): every column, or those the model
     *     reads alone, the ignored ones left out ({@link #forCount})
     * @param where names cell {@code c} for a message, e.g. {@code "--features value 2"}
     * @return the row's inputs, {@link #width()} values
     * @throws InvalidInputException naming the cell that is missing (in a column without a fill
     *     value), not a number where a number is read, or not one of its column's categories; or
     *     naming both numbers of cells the row may have
     */
    public float[] encode(List<String> cells, java.util.function.IntFunction<String> where) {
        Objects.requireNonNull(cells, "cells");
        Objects.requireNonNull(where, "where");
        List<Column> columns = forCount(cells.size()).orElseThrow(() -> new InvalidInputException(cells.size()
                + (cells.size() == 1 ? " value" : " values") + " given; expected " + this.columns.size()
                + ", one per feature column" + orReadOnly() + " (" + describe() + ")")).columns;
        float[] inputs = new float[width()];
        int at = 0;
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            String cell = cells.get(c).trim();
            if (column.hasFill() && CsvCells.isMissing(cell)) {
                cell = column.fill(); // the training rows' value, as a file read with these columns
            }
            switch (column.kind()) {
                case NUMBER -> inputs[at] = number(cell, where.apply(c));
                case CATEGORY -> inputs[at + categoryIndex(column, cell, where.apply(c))] = 1;
                case IGNORED -> { }
            }
            at += column.width();
        }
        return inputs;
    }

    private static float number(String cell, String where) {
        if (CsvCells.isMissing(cell)) {
            throw new InvalidInputException(where + ": " + (cell.isEmpty() ? "empty cell" : "\"" + cell + "\"")
                    + " is a missing value; expected a number (" + NO_FILL + ")");
        }
        String problem = CsvCells.numberProblem(cell);
        if (problem != null) {
            throw new InvalidInputException(where + ": " + problem);
        }
        return Float.parseFloat(cell);
    }

    /**
     * Finds a category's input within its column, refusing an unknown one by naming the known.
     *
     * @return the category's index
     */
    static int categoryIndex(Column column, String cell, String where) {
        int index = column.categories().indexOf(cell);
        if (index >= 0) {
            return index;
        }
        String name = column.name().isEmpty() ? "" : " (" + column.name() + ")";
        if (CsvCells.isMissing(cell)) {
            throw new InvalidInputException(where + ": " + (cell.isEmpty() ? "empty cell" : "\"" + cell + "\"")
                    + " is a missing value; expected one of the categories " + CsvCells.shortList(column.categories()) + name
                    + " (" + NO_FILL + ")");
        }
        throw new InvalidInputException(where + ": \"" + cell + "\" is not one of the " + column.categories().size()
                + " categories" + name + " the model was trained on, " + CsvCells.shortList(column.categories()));
    }

    /**
     * Describes the columns in one line, e.g. {@code island: Biscoe|Dream|Torgersen, bill_length_mm,
     * year: ignored}.
     *
     * @return the description
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            String name = column.name().isEmpty() ? "column " + (c + 1) : column.name();
            parts.add(switch (column.kind()) {
                case NUMBER -> name;
                case CATEGORY -> name + ": " + String.join("|", column.categories().subList(0,
                        Math.min(10, column.categories().size())))
                        + (column.categories().size() > 10 ? "|... " + (column.categories().size() - 10) + " more" : "");
                case IGNORED -> name + ": ignored";
            });
        }
        return String.join(", ", parts);
    }

    /** @return whether any column has a fill value: a model trained filling in missing values */
    public boolean hasFills() {
        return columns.stream().anyMatch(Column::hasFill);
    }

    /**
     * Describes the fill values in one line: without counts every column's that has one, e.g.
     * {@code bill_length_mm 43.92193, sex female}; with counts those of the columns where cells
     * were filled in, each with its count, e.g. {@code sex female (9 cells)}.
     *
     * @param counts by column, how many cells were filled in; empty to describe every fill value
     * @return the description, empty where no column is described
     */
    public String describeFills(List<Integer> counts) {
        Objects.requireNonNull(counts, "counts");
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            int count = c < counts.size() ? counts.get(c) : 0;
            if (column.hasFill() && (counts.isEmpty() || count > 0)) {
                parts.add((column.name().isEmpty() ? "column " + (c + 1) : column.name()) + " " + column.fill()
                        + (count == 0 ? "" : " (" + count + (count == 1 ? " cell)" : " cells)")));
            }
        }
        return String.join(", ", parts);
    }

    /**
     * Writes the columns as JSON, as a saved model records them: {@code [{"name": "island",
     * "type": "category", "categories": ["Biscoe", ...]}, {"name": "year", "type": "number"}]};
     * a column with a fill value has {@code "fill": "Dream"} too (a number column's as text, {@code
     * "43.92193"}, exactly the float it reads as).
     *
     * @return the JSON text
     */
    public String toJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Column column : columns) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", column.name());
            map.put("type", column.kind().name().toLowerCase(java.util.Locale.ROOT));
            if (column.kind() == Kind.CATEGORY) {
                map.put("categories", column.categories());
            }
            if (column.hasFill()) {
                map.put("fill", column.fill());
            }
            list.add(map);
        }
        return new com.google.gson.Gson().toJson(list);
    }

    /**
     * Reads columns written by {@link #toJson()}; a column without {@code "fill"} (every column of a
     * model saved before nntrain filled in missing values) has no fill value.
     *
     * @param json the JSON text
     * @return the columns
     * @throws InvalidInputException if the text is not such a list, naming what is wrong
     */
    public static FeatureColumns fromJson(String json) {
        Objects.requireNonNull(json, "json");
        Object parsed;
        try {
            parsed = new com.google.gson.Gson().fromJson(json, Object.class);
        } catch (RuntimeException e) {
            throw new InvalidInputException("not JSON (" + e.getMessage() + ")", e);
        }
        if (!(parsed instanceof List<?> list)) {
            throw new InvalidInputException("expected a JSON list of columns, got " + json);
        }
        List<Column> columns = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || !(map.get("name") instanceof String name)
                    || !(map.get("type") instanceof String type)) {
                throw new InvalidInputException("column " + (columns.size() + 1) + " is " + item
                        + "; expected {\"name\": ..., \"type\": \"number\", \"category\" or \"ignored\"}");
            }
            Kind kind;
            try {
                kind = Kind.valueOf(type.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("column " + (columns.size() + 1) + " has type \"" + type
                        + "\"; expected \"number\", \"category\" or \"ignored\"", e);
            }
            List<String> categories = new ArrayList<>();
            Object given = map.get("categories");
            if (given != null) {
                if (!(given instanceof List<?> values) || !values.stream().allMatch(v -> v instanceof String)) {
                    throw new InvalidInputException("column " + (columns.size() + 1) + "'s categories are " + given
                            + "; expected a list of texts");
                }
                values.forEach(v -> categories.add((String) v));
            }
            Object fill = map.get("fill");
            if (fill != null && !(fill instanceof String)) {
                throw new InvalidInputException("column " + (columns.size() + 1) + "'s fill value is " + fill
                        + "; expected a text: a number as text, or one of its categories");
            }
            columns.add(new Column(name, kind, categories, fill == null ? "" : (String) fill));
        }
        return of(columns);
    }

    private static String quoted(String name) {
        return name.isEmpty() ? "(unnamed)" : "\"" + name + "\"";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FeatureColumns f && f.columns.equals(columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
