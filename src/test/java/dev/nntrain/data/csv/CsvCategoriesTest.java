package dev.nntrain.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.csv.Csv;
import dev.nntrain.data.csv.FeatureColumns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text feature columns: one-hot encoded categories, ignored columns, missing values. The oracles
 * are rows encoded by hand (categories sorted by hand), hand-written JSON, and counts of the
 * penguins file taken with {@code cut | sort | uniq -c}.
 */
class CsvCategoriesTest {

    @TempDir Path dir;

    Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    String fails(Csv csv, Path file) {
        return assertThrows(DataFormatException.class, () -> csv.read(file)).getMessage();
    }

    static final String SHOP = "colour,size,sold\nred,1.5,0\nblue,2,1\ngreen,3,0\nred,4,1\n";

    @Test
    void aTextColumnIsOneHotEncodedInSortedOrder() throws IOException {
        Examples shop = Csv.classification().read(write("shop.csv", SHOP));
        // blue, green, red: sorted by hand; then the size as written
        assertArrayEquals(new float[] {
            0, 0, 1, 1.5f,
            1, 0, 0, 2,
            0, 1, 0, 3,
            0, 0, 1, 4}, shop.features());
        assertArrayEquals(new long[] {4}, shop.featureShape());
        assertArrayEquals(new int[] {0, 1, 0, 1}, shop.labels());
        FeatureColumns columns = shop.featureColumns().orElseThrow();
        assertEquals(List.of(FeatureColumns.Column.category("colour", List.of("blue", "green", "red")),
                FeatureColumns.Column.number("size")), columns.columns());
        assertEquals(List.of("colour=blue", "colour=green", "colour=red", "size"), columns.inputNames());
        assertEquals("colour: blue|green|red, size", columns.describe());
    }

    @Test
    void aFileOfNumbersCarriesItsHeadersNamesAlone() throws IOException {
        Examples named = Csv.classification().read(write("named.csv", "x,z,y\n1,5,0\n2,6,1\n"));
        FeatureColumns columns = named.featureColumns().orElseThrow();
        assertEquals(List.of(FeatureColumns.Column.number("x"), FeatureColumns.Column.number("z")), columns.columns());
        assertTrue(columns.namesOnly());
        assertArrayEquals(new float[] {1, 5, 2, 6}, named.features());
        // read through them, a header naming the columns otherwise is refused, one without names is not checked
        DataFormatException swapped = assertThrows(DataFormatException.class, () -> Csv.classification()
                .featureColumns(columns).read(write("swapped.csv", "z,x,y\n5,1,0\n")));
        assertEquals(dir.resolve("swapped.csv") + ": line 1: feature column 1 is \"z\"; expected \"x\", the columns in"
                + " training's order (x, z)", swapped.getMessage());
        assertArrayEquals(new float[] {1, 5}, Csv.classification().featureColumns(columns)
                .read(write("bare.csv", "1,5,0\n")).features());
        // a file of numbers without a header has nothing to carry
        Examples plain = Csv.classification().read(write("plain.csv", "1,0\n2,1\n"));
        assertFalse(plain.featureColumns().isPresent());
    }

    @Test
    void theCategoriesOfAColumnNextToTheLabelAndWithoutHeader() throws IOException {
        // label first, no header: the first row is data since it holds numbers
        Examples rows = Csv.regression().labelColumn(0).read(write("r.csv", "2.5,b,7\n1,a,8\n"));
        assertArrayEquals(new float[] {0, 1, 7, 1, 0, 8}, rows.features());
        assertArrayEquals(new float[] {2.5f, 1}, rows.targets());
        assertEquals(List.of("column 1=a", "column 1=b", "column 2"), rows.featureColumns().orElseThrow().inputNames());
    }

    @Test
    void aFileOfTextWithoutHeader() throws IOException {
        // every feature is text: the class numbers make the first row data
        Examples numbered = Csv.classification().read(write("numbered.csv", "red,small,1\nblue,large,0\n"));
        assertEquals(2, numbered.size());
        assertArrayEquals(new float[] {0, 1, 0, 1, 1, 0, 1, 0}, numbered.features()); // blue red | large small
        // text alone: the first row reads as a header, which its recurring "red" shows it is not
        Path named = write("named.csv", "red,small,yes\nblue,large,no\nred,large,yes\n");
        assertEquals(named + ": line 1 reads as a header (it holds no number), but its \"red\" is also a category of"
                + " column 1; if line 1 is data, --header no reads it so", fails(Csv.classification(), named));
        Path label = write("label.csv", "x,small,yes\nblue,large,no\nred,large,yes\n");
        assertTrue(fails(Csv.classification(), label).contains("its \"yes\" is also a class of column 3"));
        // said to be data, it is
        assertEquals(3, Csv.classification().header(false).read(named).size());
    }

    @Test
    void aModelsColumnsReadAFileLackingSomeCategoriesAsInTraining() throws IOException {
        FeatureColumns trained = Csv.classification().read(write("shop.csv", SHOP)).featureColumns().orElseThrow();
        Path later = write("later.csv", "colour,size,sold\ngreen,5,1\n");
        // read on its own, green would be the only category: one input
        assertArrayEquals(new float[] {1, 5}, Csv.classification().read(later).features());
        Examples read = Csv.classification().featureColumns(trained).read(later);
        assertArrayEquals(new float[] {0, 1, 0, 5}, read.features());
        assertEquals(trained, read.featureColumns().orElseThrow());
        // rows to predict, without their label column
        float[][] rows = Csv.classification().featureColumns(trained)
                .readFeatures(write("rows.csv", "colour,size\nred,1\nblue,2\n"));
        assertArrayEquals(new float[] {0, 0, 1, 1}, rows[0]);
        assertArrayEquals(new float[] {1, 0, 0, 2}, rows[1]);
        // without the model's columns, rows to predict are numbers
        String e = assertThrows(DataFormatException.class, () -> Csv.classification()
                .readFeatures(write("rows2.csv", "red,1\n"))).getMessage();
        assertTrue(e.endsWith("line 1, column 1: \"red\" is not a number"), e);
    }

    @Test
    void aModelsColumnsRefuseAnUnknownCategoryAndAnotherLayout() throws IOException {
        FeatureColumns trained = Csv.classification().read(write("shop.csv", SHOP)).featureColumns().orElseThrow();
        Csv csv = Csv.classification().featureColumns(trained);
        Path purple = write("purple.csv", "colour,size,sold\nred,1,0\npurple,2,1\n");
        assertEquals(purple + ": line 3, column 1: \"purple\" is not one of the 3 categories (colour) the model was"
                + " trained on, [blue, green, red]", fails(csv, purple));
        Path swapped = write("swapped.csv", "size,colour,sold\n1,red,0\n");
        assertEquals(swapped + ": line 1: feature column 1 is \"size\"; expected \"colour\", the columns in training's"
                + " order (colour: blue|green|red, size)", fails(csv, swapped));
        Path wider = write("wider.csv", "colour,size,age,sold\nred,1,3,0\n");
        assertEquals(wider + ": line 1 has 3 feature columns besides the label; expected 2, as in training (colour:"
                + " blue|green|red, size)", fails(csv, wider));
    }

    @Test
    void aTypoInAColumnOfNumbersNamesBothLines() throws IOException {
        // no header, and a typo in the first row: its column would become categories of one row
        Path typo = write("typo.csv", "1.344,8.474x,0\n7.638,2.551,1\n4.954,4.495,0\n");
        assertEquals(typo + ": column 2 holds text in 1 row (line 1: \"8.474x\") and numbers in 2 (line 2: \"2.551\");"
                + " expected numbers only or text categories only (is \"8.474x\" a typo, or line 1 a header? --header"
                + " yes reads it as one)", fails(Csv.classification(), typo));
        // a header that names a column by a number is data whose first row has text in a column of numbers
        Path header = write("years.csv", "\n\nx,2019,label\n1,1,0\n2,2,1\n");
        assertEquals(header + ": column 1 holds text in 1 row (line 3: \"x\") and numbers in 2 (line 4: \"1\");"
                + " expected numbers only or text categories only (is \"x\" a typo, or line 3 a header? --header"
                + " yes reads it as one)", fails(Csv.classification(), header));
        // a number where categories were: the same message
        Path late = write("late.csv", "c,label\nred,0\nblue,1\n3,0\n");
        assertEquals(late + ": column 1 (c) holds text in 2 rows (line 2: \"red\") and numbers in 1 (line 4: \"3\");"
                + " expected numbers only or text categories only", fails(Csv.classification(), late));
    }

    @Test
    void missingValuesAreRefusedNotCategories() throws IOException {
        Path na = write("na.csv", "island,mass,species\nDream,3,a\nNA,4,b\n");
        assertEquals(na + ": line 3, column 1: \"NA\" is a missing value; expected a category, as line 2's \"Dream\""
                + " (fill them in with --fill-missing mean|median|most_frequent, or leave them out with --drop-missing)",
                fails(Csv.classification(), na));
        Path empty = write("empty.csv", "island,mass,species\nDream,3,a\n,4,b\n");
        assertTrue(fails(Csv.classification(), empty).contains("line 3, column 1: empty cell is a missing value"));
        Path number = write("number.csv", "island,mass,species\nDream,3,a\nBiscoe,N/A,b\n");
        assertEquals(number + ": line 3, column 2: \"N/A\" is a missing value; fill them in with --fill-missing"
                + " mean|median|most_frequent, or leave them out with --drop-missing", fails(Csv.classification(), number));
        Path first = write("first.csv", "island,mass,species\nDream,NA,a\n");
        assertTrue(fails(Csv.classification(), first).contains("line 2, column 2: \"NA\" is a missing value"));
    }

    @Test
    void dropMissingLeavesOutTheRowsWithAMissingValueInAColumnRead() throws IOException {
        Path file = write("holes.csv", "island,mass,note,species\nDream,3,,a\nNA,4,x,b\nBiscoe,?,y,a\nDream,5,z,\n"
                + "Biscoe,6,NA,b\n");
        Csv.Reading read = Csv.classification().ignoreColumns("note").dropMissing().readAndReport(file);
        // lines 3 (island), 4 (mass) and 5 (species) have a hole in a column read; the notes are ignored
        assertEquals(List.of(3, 4, 5), read.missing());
        assertArrayEquals(new float[] {0, 1, 3, 1, 0, 6}, read.examples().features()); // Biscoe Dream | mass
        assertEquals(List.of("a", "b"), read.examples().classNames());
        // rows to predict are never left out (each answers its own line): one with a hole is refused
        Path rows = write("rows.csv", "1,2\n3,4\n1,NA\n");
        assertTrue(assertThrows(DataFormatException.class, () -> Csv.classification().dropMissing().readFeatures(rows))
                .getMessage().endsWith("line 3, column 2: \"NA\" is a missing value; the model has no values to fill"
                        + " them in with: fill such rows first"));
        Path all = write("all.csv", "x,y\nNA,1\n2,\n");
        assertEquals(all + ": every data row has a missing value (2 rows, the first at line 2); expected some rows to read",
                fails(Csv.classification().dropMissing(), all));
        // without it, the first is refused
        assertTrue(fails(Csv.classification().ignoreColumns("note"), file).contains("line 3, column 1: \"NA\" is a missing value"));
    }

    @Test
    void anIdColumnIsRefusedAndCanBeIgnored() throws IOException {
        StringBuilder text = new StringBuilder("name,age,survived\n");
        for (int i = 0; i < 30; i++) {
            text.append("person").append(i).append(',').append(20 + i).append(',').append(i % 2).append('\n');
        }
        Path people = write("people.csv", text.toString());
        assertEquals(people + ": column 1 (name) holds 30 different texts among 30 rows, such as \"person0\" and"
                + " \"person1\": an id or free text rather than categories? Ignore the column (--ignore-column name)",
                fails(Csv.classification(), people));
        for (Csv csv : new Csv[] {Csv.classification().ignoreColumns("name"), Csv.classification().ignoreColumns(0)}) {
            Examples read = csv.read(people);
            assertArrayEquals(new long[] {1}, read.featureShape());
            assertEquals(20 + 29, read.features()[29]);
            assertEquals(List.of(FeatureColumns.Column.ignored("name"), FeatureColumns.Column.number("age")),
                    read.featureColumns().orElseThrow().columns());
        }
        assertEquals(people + ": line 1: header has no column \"nom\" to ignore; columns are [name, age, survived]",
                fails(Csv.classification().ignoreColumns("nom"), people));
        assertEquals(people + ": column 2 (\"survived\") is the label column; it cannot be ignored",
                fails(Csv.classification().ignoreColumns("survived"), people));
        // a name the header gives twice is ambiguous, as it is for a label column; by index either one goes
        Path twice = write("twice.csv", "x,x,label\n1,10,0\n2,20,1\n3,30,0\n");
        assertEquals(twice + ": line 1: header names column \"x\" more than once; give the 0-based index of the one"
                + " to ignore", fails(Csv.classification().ignoreColumns("x"), twice));
        assertArrayEquals(new float[] {10, 20, 30}, Csv.classification().ignoreColumns(0).read(twice).features());
        assertEquals(people + ": ignored column index 3 is out of range: line 1 has 3 columns (indices 0 to 2)",
                fails(Csv.classification().ignoreColumns(3), people));
        assertEquals(people + ": every feature column is ignored; expected at least one that the model reads",
                fails(Csv.classification().ignoreColumns(0, 1), people));
        assertThrows(InvalidInputException.class, () -> Csv.classification().ignoreColumns(-1));
    }

    @Test
    void columnsRoundTripThroughTheJsonAModelSaves() {
        String json = "[{\"name\":\"island\",\"type\":\"category\",\"categories\":[\"Biscoe\",\"Dream\"]},"
                + "{\"name\":\"mass\",\"type\":\"number\"},{\"name\":\"year\",\"type\":\"ignored\"}]";
        FeatureColumns columns = FeatureColumns.fromJson(json);
        assertEquals(List.of(FeatureColumns.Column.category("island", List.of("Biscoe", "Dream")),
                FeatureColumns.Column.number("mass"), FeatureColumns.Column.ignored("year")), columns.columns());
        assertEquals(json, columns.toJson());
        assertEquals(3, columns.width());
        for (String bad : new String[] {"{}", "[{\"name\":\"a\",\"type\":\"text\"}]", "[{\"name\":\"a\"}]",
                "[{\"name\":\"a\",\"type\":\"category\",\"categories\":[]}]",
                "[{\"name\":\"a\",\"type\":\"category\",\"categories\":[\"x\",\"x\"]}]",
                "[{\"name\":\"a\",\"type\":\"ignored\"}]", "not json ["}) {
            assertThrows(InvalidInputException.class, () -> FeatureColumns.fromJson(bad), bad);
        }
    }

    @Test
    void encodingOneTypedRowNamesTheValue() {
        FeatureColumns columns = FeatureColumns.of(List.of(FeatureColumns.Column.category("island",
                List.of("Biscoe", "Dream", "Torgersen")), FeatureColumns.Column.number("mass"),
                FeatureColumns.Column.ignored("year")));
        assertArrayEquals(new float[] {0, 1, 0, 3.5f}, columns.encode(List.of("Dream", " 3.5", "anything"),
                c -> "--features value " + (c + 1)));
        String e = assertThrows(InvalidInputException.class, () -> columns.encode(List.of("Mars", "1", ""),
                c -> "--features value " + (c + 1))).getMessage();
        assertEquals("--features value 1: \"Mars\" is not one of the 3 categories (island) the model was trained on,"
                + " [Biscoe, Dream, Torgersen]", e);
        e = assertThrows(InvalidInputException.class, () -> columns.encode(List.of("Dream", "x", ""),
                c -> "--features value " + (c + 1))).getMessage();
        assertEquals("--features value 2: \"x\" is not a number", e);
        // the ignored column may be left out: a new row has no value for it
        assertArrayEquals(new float[] {0, 1, 0, 3.5f}, columns.encode(List.of("Dream", "3.5"), c -> "value " + c));
        e = assertThrows(InvalidInputException.class, () -> columns.encode(List.of("Dream"),
                c -> "value " + c)).getMessage();
        assertEquals("1 value given; expected 3, one per feature column, or 2 leaving out the ignored column \"year\""
                + " (island: Biscoe|Dream|Torgersen, mass, year: ignored)", e);
    }

    @Test
    void thePenguinsFileHasThePublishedIslandsAndSexes() {
        Examples penguins = Csv.classification().labelColumn("species").read(Path.of("data/penguins.csv"));
        assertEquals(333, penguins.size());
        assertEquals(List.of("Adelie", "Chinstrap", "Gentoo"), penguins.classNames());
        FeatureColumns columns = penguins.featureColumns().orElseThrow();
        assertEquals(List.of("island=Biscoe", "island=Dream", "island=Torgersen", "bill_length_mm", "bill_depth_mm",
                "flipper_length_mm", "body_mass_g", "sex=female", "sex=male", "year"), columns.inputNames());
        // counts from cut -d, -f2 data/penguins.csv | sort | uniq -c (and -f7, -f1)
        int[] islands = new int[3];
        int[] sexes = new int[2];
        float[] x = penguins.features();
        for (int i = 0; i < penguins.size(); i++) {
            for (int k = 0; k < 3; k++) {
                islands[k] += (int) x[i * 10 + k];
            }
            sexes[0] += (int) x[i * 10 + 7];
            sexes[1] += (int) x[i * 10 + 8];
            assertEquals(1, x[i * 10] + x[i * 10 + 1] + x[i * 10 + 2], "one island per row");
        }
        assertArrayEquals(new int[] {163, 123, 47}, islands);
        assertArrayEquals(new int[] {165, 168}, sexes);
        int[] species = new int[3];
        for (int label : penguins.labels()) {
            species[label]++;
        }
        assertArrayEquals(new int[] {146, 68, 119}, species);
        // the first penguin: Adelie, Torgersen, 39.1, 18.7, 181, 3750, male, 2007
        assertArrayEquals(new float[] {0, 0, 1, 39.1f, 18.7f, 181, 3750, 0, 1, 2007}, penguins.featureRow(0));
    }
}
