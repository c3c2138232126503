package dev.nntrain.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.Examples;
import dev.nntrain.data.csv.Csv;
import dev.nntrain.data.csv.CsvCells;
import dev.nntrain.data.csv.FeatureColumns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link Csv#fillMissing}: each value checked against one worked out by hand, or against the same
 * file with the holes filled in by the test itself from the training rows' raw numbers.
 */
class CsvFillMissingTest {

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** Column a: 1 7 _ 3 10; b: 2 _ _ 9 4; c (text, its first cell missing): _ red blue red blue. */
    private static final String SMALL = "a,b,c,label\n1,2,NA,0\n7,?,red,1\n,,blue,0\n3,9,red,1\n10,4,blue,0\n";

    @Test
    void theMedianOfAnEvenAndOfAnOddCountAndATieOfCategories() throws IOException {
        Path file = write("small.csv", SMALL);
        Csv.Reading read = Csv.classification().fillMissing(Csv.Fill.MEDIAN).readAndReport(file);
        // a: 1 3 7 10, the middle two 3 and 7: 5; b: 2 4 9: 4; c: red twice, blue twice: blue sorts first
        FeatureColumns columns = read.examples().featureColumns().orElseThrow();
        assertEquals(List.of("5.0", "4.0", "blue"), columns.columns().stream().map(FeatureColumns.Column::fill).toList());
        assertEquals(List.of(1, 2, 1), read.filled());
        // inputs a, b, c=blue, c=red, the holes filled in
        assertArrayEquals(new float[] {
            1, 2, 1, 0,
            7, 4, 0, 1,
            5, 4, 1, 0,
            3, 9, 0, 1,
            10, 4, 1, 0}, read.examples().features());
        assertEquals("a 5.0 (1 cell), b 4.0 (2 cells), c blue (1 cell)", columns.describeFills(read.filled()));
        assertEquals("a 5.0, b 4.0, c blue", columns.describeFills(List.of()));
    }

    @Test
    void theMeanAndTheMostFrequentValue() throws IOException {
        Path file = write("small.csv", SMALL);
        // a: (1 + 7 + 3 + 10) / 4 = 5.25; b: (2 + 9 + 4) / 3 = 5
        assertEquals(List.of("5.25", "5.0", "blue"), fills(Csv.classification().fillMissing(Csv.Fill.MEAN).read(file)));
        // most frequent: a's 3, 1, 3, 1 tie, the smaller wins (scikit-learn's rule); b's 5, 6, 5, 7: 5
        Path ties = write("ties.csv", "a,b,label\n3,5,0\n1,NA,1\n3,6,0\n1,5,1\nNA,7,0\n");
        assertEquals(List.of("1.0", "5.0"), fills(Csv.classification().fillMissing(Csv.Fill.MOST_FREQUENT).read(ties)));
    }

    private static List<String> fills(Examples examples) {
        return examples.featureColumns().orElseThrow().columns().stream().map(FeatureColumns.Column::fill).toList();
    }

    @Test
    void aColumnsKindIsItsFirstValuesNotItsFirstCells() throws IOException {
        // without filling a missing first cell makes a column of numbers, and its text is refused
        Path file = write("late-text.csv", "x,island,label\n1,,0\n2,Dream,1\n3,Biscoe,0\n4,Dream,1\n");
        Examples read = Csv.classification().fillMissing(Csv.Fill.MEAN).read(file);
        assertEquals("x, island: Biscoe|Dream", read.featureColumns().orElseThrow().describe());
        assertEquals("Dream", read.featureColumns().orElseThrow().columns().get(1).fill());
        assertArrayEquals(new float[] {1, 0, 1, 2, 0, 1, 3, 1, 0, 4, 0, 1}, read.features());
    }

    /**
     * The oracle: the holes of the training rows' columns filled in by the test from the raw cells,
     * each training row found by an id column that the split does not look at (it reads labels).
     */
    @Test
    void fillValuesComeFromTheTrainingRowsAlone() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String a = i % 5 == 1 ? "NA" : String.format(Locale.ROOT, "%.2f", Math.sin(i) * 10);
            String b = i % 7 == 3 ? "" : Integer.toString((i * 37) % 101);
            String c = i % 6 == 2 ? "?" : List.of("fog", "rain", "sun").get((i * i) % 3);
            rows.add(new String[] {a, b, c, Integer.toString(i % 3)});
        }
        Path holes = write("holes.csv", csv(rows, null));
        // the same rows with an id and any number in the holes: the split, which reads the labels, is the same
        Datasets.Spec idSpec = spec(write("ids.csv", csv(rows, "0")), Csv.classification());
        Datasets.TrainTest ids = Datasets.load(idSpec);
        Set<Integer> training = new TreeSet<>();
        for (float[] row : ids.train().featureRows()) {
            training.add((int) row[0]);
        }
        // the training rows' mean of a, of b, and their most frequent c, from the raw cells
        String[] fill = new String[3];
        for (int col = 0; col < 2; col++) {
            double sum = 0;
            int count = 0;
            for (int i : training) {
                String cell = rows.get(i)[col];
                if (!cell.equals("NA") && !cell.isEmpty()) {
                    sum += Float.parseFloat(cell); // the value as read, a float
                    count++;
                }
            }
            fill[col] = Double.toString(sum / count);
        }
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i : training) {
            if (!rows.get(i)[2].equals("?")) {
                counts.merge(rows.get(i)[2], 1, Integer::sum);
            }
        }
        fill[2] = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
        // and the values of every row, test rows too, would give another mean: the test rows matter
        List<String[]> byHand = new ArrayList<>();
        for (String[] row : rows) {
            String[] filled = row.clone();
            for (int col = 0; col < 3; col++) {
                if (CsvCells.isMissing(row[col])) {
                    filled[col] = fill[col];
                }
            }
            byHand.add(filled);
        }
        Datasets.TrainTest expected = Datasets.load(spec(write("by-hand.csv", csv(byHand, null)), Csv.classification()));
        Datasets.TrainTest filled = Datasets.load(spec(holes, Csv.classification().fillMissing(Csv.Fill.MEAN)));
        assertArrayEquals(expected.train().features(), filled.train().features());
        assertArrayEquals(expected.test().features(), filled.test().features());
        assertArrayEquals(expected.test().targets(), filled.test().targets());
        FeatureColumns columns = filled.train().featureColumns().orElseThrow();
        assertEquals(columns, filled.test().featureColumns().orElseThrow());
        assertEquals(List.of(Float.toString(Float.parseFloat(fill[0])), Float.toString(Float.parseFloat(fill[1])), fill[2]),
                columns.columns().stream().map(FeatureColumns.Column::fill).toList());
        assertEquals(List.of(8, 6, 7), filled.filled()); // every row's holes: i % 5 == 1, i % 7 == 3, i % 6 == 2
        // the whole file's mean of a is not the training rows' (else the test could not tell)
        float all = (float) rows.stream().filter(r -> !r[0].equals("NA")).mapToDouble(r -> Float.parseFloat(r[0]))
                .average().orElseThrow();
        assertFalse(Float.toString(all).equals(columns.columns().get(0).fill()));
    }

    /**
     * Under a validation split the values come from the rows that train alone: the training rows
     * less their last {@code n - floor(n (1 - split))}, which a fit validates on (Keras' rule,
     * worked out here by hand). The validation rows hold numbers a thousand times the others, so
     * that a mean that took them in would be far off; their holes and the test rows' are filled
     * with the rows that train's values too.
     */
    @Test
    void underAValidationSplitTheValuesComeFromTheRowsThatTrainAlone() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(new String[] {"0", "0", "sun", Integer.toString(i % 2)});
        }
        // the training rows in their order after the split, found by an id: the split reads the labels alone
        Datasets.TrainTest ids = Datasets.load(spec(write("ids.csv", csv(rows, "0")), Csv.classification()));
        List<Integer> order = new ArrayList<>();
        for (float[] row : ids.train().featureRows()) {
            order.add((int) row[0]);
        }
        assertEquals(32, order.size()); // 40 rows, 20 % held out for testing, stratified: 16 of each class train
        int trained = (int) Math.floor(32 * (1 - 0.25)); // Keras: the first 24 train, the last 8 validate
        assertEquals(24, trained);
        Set<Integer> validation = new TreeSet<>(order.subList(trained, order.size()));
        Set<Integer> training = new TreeSet<>(order.subList(0, trained));
        // a: i, or 1000 i in a validation row; every 4th row a hole (some in each part); b: a hole in every
        // validation row but one, else 5 or 6; c: rain in the first 14 rows that train, sun in the other
        // 10 and in the validation rows, fog in the test rows, every 5th row a hole
        for (int i = 0; i < 40; i++) {
            String[] row = rows.get(i);
            boolean validates = validation.contains(i);
            row[0] = i % 4 == 1 ? "NA" : Integer.toString(validates ? 1000 * i : i);
            row[1] = validates ? (i == order.get(trained) ? "900" : "?") : Integer.toString(5 + i % 2);
            int at = order.indexOf(i);
            row[2] = i % 5 == 3 ? "" : at < 0 ? "fog" : at < 14 ? "rain" : "sun";
        }
        assertTrue(validation.stream().anyMatch(i -> i % 4 == 1), "a hole in a validation row");
        assertTrue(training.stream().anyMatch(i -> i % 4 == 1), "a hole in a row that trains");
        assertTrue(ids.test().size() > 0 && java.util.stream.IntStream.range(0, 40)
                .anyMatch(i -> i % 4 == 1 && !order.contains(i)), "a hole in a test row");
        // the means of the rows that train, from the raw cells, and their most frequent c
        double sumA = 0;
        int countA = 0;
        double sumB = 0;
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i : training) {
            if (!rows.get(i)[0].equals("NA")) {
                sumA += Float.parseFloat(rows.get(i)[0]);
                countA++;
            }
            sumB += Float.parseFloat(rows.get(i)[1]);
            if (!rows.get(i)[2].isEmpty()) {
                counts.merge(rows.get(i)[2], 1, Integer::sum);
            }
        }
        String[] fill = {Double.toString(sumA / countA), Double.toString(sumB / training.size()),
            counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey()};
        assertEquals("rain", fill[2]);
        // with the validation rows counted, sun would be the most frequent (else the test could not tell)
        for (int i : validation) {
            if (!rows.get(i)[2].isEmpty()) {
                counts.merge(rows.get(i)[2], 1, Integer::sum);
            }
        }
        assertTrue(counts.get("sun") > counts.get("rain"), counts.toString());
        List<String[]> byHand = new ArrayList<>();
        for (String[] row : rows) {
            String[] copy = row.clone();
            for (int col = 0; col < 3; col++) {
                copy[col] = CsvCells.isMissing(row[col]) ? fill[col] : row[col];
            }
            byHand.add(copy);
        }
        Path holes = write("holes.csv", csv(rows, null));
        Datasets.TrainTest expected = Datasets.load(spec(write("by-hand.csv", csv(byHand, null)), Csv.classification()));
        Datasets.TrainTest filled = Datasets.load(spec(holes, Csv.classification().fillMissing(Csv.Fill.MEAN))
                .withValidationSplit(0.25));
        assertArrayEquals(expected.train().features(), filled.train().features()); // validation rows last, filled alike
        assertArrayEquals(expected.test().features(), filled.test().features());
        FeatureColumns columns = filled.train().featureColumns().orElseThrow();
        assertEquals(List.of(Float.toString(Float.parseFloat(fill[0])), Float.toString(Float.parseFloat(fill[1])), fill[2]),
                columns.columns().stream().map(FeatureColumns.Column::fill).toList());
        assertEquals(columns, filled.test().featureColumns().orElseThrow());
        // the library's own call gives the same; without the split the validation rows count, and the values differ
        Csv.SplitReading direct = Csv.classification().fillMissing(Csv.Fill.MEAN).readSplit(holes, 0.2, 42, 0.25);
        assertEquals(columns, direct.train().featureColumns().orElseThrow());
        FeatureColumns everyTrainingRow = Datasets.load(spec(holes, Csv.classification().fillMissing(Csv.Fill.MEAN)))
                .train().featureColumns().orElseThrow();
        assertTrue(Float.parseFloat(everyTrainingRow.columns().get(0).fill()) > 100 * Float.parseFloat(fill[0]),
                everyTrainingRow.toString());
        assertEquals("sun", everyTrainingRow.columns().get(2).fill());
    }

    @Test
    void aValidationSplitIsAFractionThatLeavesRowsToTrainAndToValidate() throws IOException {
        Path file = write("small.csv", SMALL);
        Datasets.Spec spec = spec(file, Csv.classification().fillMissing(Csv.Fill.MEAN));
        assertEquals("validation split must be in [0, 1), got 1.0",
                assertThrows(InvalidInputException.class, () -> spec.withValidationSplit(1)).getMessage());
        assertThrows(InvalidInputException.class, () -> spec.withValidationSplit(Double.NaN));
        assertEquals("validation split must be in [0, 1), got -0.5", assertThrows(InvalidInputException.class,
                () -> Csv.classification().fillMissing(Csv.Fill.MEAN).readSplit(file, 0.2, 42, -0.5)).getMessage());
        // 5 rows, 1 held out for testing: a split of 0.1 of 4 training rows leaves floor(3.6) = 3 to train, 1 to validate;
        // 0.9 leaves floor(0.4) = 0 to train
        assertEquals(4, Datasets.load(spec).train().size());
        assertEquals(0.1, spec.withValidationSplit(0.1).validationSplit());
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> Datasets.load(spec.withValidationSplit(0.9)));
        assertTrue(none.getMessage().startsWith("validation split 0.9 of 4 examples leaves no example to train on"),
                none.getMessage());
        // the other withs keep the split
        assertEquals(0.1, spec.withValidationSplit(0.1).withClassNames(List.of("x", "y")).validationSplit());
        assertEquals(0.0, spec.validationSplit());
    }

    @Test
    void aColumnWithAValueInTestRowsOnlyIsRefusedByName() throws IOException {
        // column a is an id here, to find a held-out row; b has a value there only
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new String[] {Integer.toString(i), "1", "x", Integer.toString(i % 2)});
        }
        Datasets.TrainTest ids = Datasets.load(spec(write("ids.csv", csv(rows, null)), Csv.classification()));
        int testRow = (int) ids.test().featureRows()[0][0];
        for (int i = 0; i < 20; i++) {
            rows.get(i)[1] = i == testRow ? "2.5" : "NA";
        }
        Path file = write("one-value.csv", csv(rows, null));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Datasets.load(spec(file, Csv.classification().fillMissing(Csv.Fill.MEDIAN))));
        assertEquals(file + ": column 2 (b) has no value in any of the 16 training rows; expected at least one to fill"
                + " its missing cells from (leave the column out with --ignore-column)", e.getMessage());
    }

    @Test
    void aMissingLabelIsNeverFilledIn() throws IOException {
        Path file = write("label.csv", "a,label\n1,0\n2,\n3,1\nNA,1\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.classification().fillMissing(Csv.Fill.MEAN).read(file));
        assertEquals(file + ": line 3, column 2: empty label is a missing value; a label cannot be filled in"
                + " (--fill-missing fills features): leave such rows out with --drop-missing", e.getMessage());
        // with --drop-missing too: the row without a label is left out, the feature filled in: (1 + 3) / 2
        Csv.Reading read = Csv.classification().fillMissing(Csv.Fill.MEAN).dropMissing().readAndReport(file);
        assertEquals(List.of(3), read.missing());
        assertArrayEquals(new float[] {1, 3, 2}, read.examples().features());
        assertArrayEquals(new float[] {0, 1, 1}, read.examples().targets());
    }

    @Test
    void givenColumnsFillWithTheirOwnValuesAndWithoutThemRefuse() throws IOException {
        FeatureColumns trained = FeatureColumns.of(List.of(FeatureColumns.Column.number("a").withFill("2.5"),
                FeatureColumns.Column.category("c", List.of("fog", "sun")).withFill("sun")));
        Path file = write("new.csv", "a,c,label\nNA,fog,0\n1,,1\n");
        Csv.Reading read = Csv.classification().featureColumns(trained).readAndReport(file);
        assertArrayEquals(new float[] {2.5f, 1, 0, 1, 0, 1}, read.examples().features());
        assertEquals(List.of(1, 1), read.filled());
        float[][] rows = Csv.classification().featureColumns(trained).readFeatures(write("rows.csv", "a,c\n?,None\n"));
        assertArrayEquals(new float[] {2.5f, 0, 1}, rows[0]);
        assertArrayEquals(new float[] {2.5f, 0, 1}, trained.encode(List.of("NA", ""), j -> "value " + j));
        // --drop-missing leaves out rows of an unfilled hole only: here none
        assertEquals(List.of(), Csv.classification().featureColumns(trained).dropMissing().readAndReport(file).missing());
        // a model without fill values (one saved before them) still refuses
        FeatureColumns old = FeatureColumns.fromJson("[{\"name\":\"a\",\"type\":\"number\"},"
                + "{\"name\":\"c\",\"type\":\"category\",\"categories\":[\"fog\",\"sun\"]}]");
        assertFalse(old.hasFills());
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Csv.classification().featureColumns(old).read(file));
        assertEquals(file + ": line 2, column 1: \"NA\" is a missing value; the model was trained without --fill-missing,"
                + " so it has no values to fill them in with: fill such rows, or leave them out with --drop-missing",
                e.getMessage());
        InvalidInputException typed = assertThrows(InvalidInputException.class,
                () -> old.encode(List.of("1", "NA"), j -> "--features value " + (j + 1)));
        assertEquals("--features value 2: \"NA\" is a missing value; expected one of the categories [fog, sun] (c) (the"
                + " model was trained without --fill-missing, so it has no value to fill it in with)", typed.getMessage());
    }

    @Test
    void fillValuesTravelInTheColumnsJson() {
        FeatureColumns columns = FeatureColumns.of(List.of(FeatureColumns.Column.number("a").withFill("43.92193"),
                FeatureColumns.Column.category("c", List.of("fog", "sun")).withFill("fog"),
                FeatureColumns.Column.ignored("year")));
        assertEquals("[{\"name\":\"a\",\"type\":\"number\",\"fill\":\"43.92193\"},{\"name\":\"c\",\"type\":\"category\","
                + "\"categories\":[\"fog\",\"sun\"],\"fill\":\"fog\"},{\"name\":\"year\",\"type\":\"ignored\"}]",
                columns.toJson());
        assertEquals(columns, FeatureColumns.fromJson(columns.toJson()));
        assertTrue(FeatureColumns.fromJson(columns.toJson()).hasFills());
        // a hand-edited fill that the column cannot hold is refused, naming it
        assertEquals("column \"c\": fill value \"hail\" is not one of its categories [fog, sun]",
                assertThrows(InvalidInputException.class, () -> FeatureColumns.fromJson(
                        "[{\"name\":\"c\",\"type\":\"category\",\"categories\":[\"fog\",\"sun\"],\"fill\":\"hail\"}]"))
                        .getMessage());
        assertEquals("column \"a\": fill value \"NaN\" is not a finite number", assertThrows(InvalidInputException.class,
                () -> FeatureColumns.fromJson("[{\"name\":\"a\",\"type\":\"number\",\"fill\":\"NaN\"}]")).getMessage());
        assertThrows(InvalidInputException.class,
                () -> FeatureColumns.fromJson("[{\"name\":\"a\",\"type\":\"number\",\"fill\":2.5}]"));
    }

    @Test
    void strategiesGoByScikitLearnsNames() {
        assertEquals(Csv.Fill.MOST_FREQUENT, Csv.Fill.named("most_frequent"));
        assertEquals(Csv.Fill.MEDIAN, Csv.Fill.named("Median"));
        assertEquals("'avg' is not a way to fill in missing values; expected mean, median or most_frequent",
                assertThrows(InvalidInputException.class, () -> Csv.Fill.named("avg")).getMessage());
        assertEquals(java.util.Optional.of(Csv.Fill.MEAN), Csv.regression().fillMissing(Csv.Fill.MEAN).fillStrategy());
        assertEquals(java.util.Optional.empty(), Csv.regression().fillStrategy());
    }

    private static Datasets.Spec spec(Path file, Csv csv) {
        return new Datasets.Spec("csv:" + file, null, false, csv, 0.2, 42);
    }

    /** The rows as CSV with a header, an id column first where {@code hole} says what to write in the holes. */
    private static String csv(List<String[]> rows, String hole) {
        StringBuilder text = new StringBuilder(hole != null ? "id,a,b,c,label\n" : "a,b,c,label\n");
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i).clone();
            if (hole != null) {
                for (int col = 0; col < 3; col++) {
                    row[col] = CsvCells.isMissing(row[col]) ? (col == 2 ? "sun" : hole) : row[col];
                }
                text.append(i).append(',');
            }
            text.append(String.join(",", row)).append('\n');
        }
        return text.toString();
    }
}
