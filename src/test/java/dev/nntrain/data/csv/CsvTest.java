package dev.nntrain.data.csv;

import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {

    @TempDir Path dir;

    Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    DataFormatException fails(Csv csv, Path file) {
        return assertThrows(DataFormatException.class, () -> csv.read(file));
    }

    @Test
    void headerIsDetectedAndLastColumnIsTheLabel() throws IOException {
        Path file = write("iris.csv", "sepal_len,sepal_wid,species\n5.1,3.5,0\n\n  6.2 , 2.9 ,2\n7.0,3.2,1\n");
        Examples ex = Csv.classification().read(file);
        assertEquals(3, ex.size());
        assertArrayEquals(new long[] {2}, ex.featureShape());
        assertArrayEquals(new float[] {5.1f, 3.5f, 6.2f, 2.9f, 7.0f, 3.2f}, ex.features());
        assertArrayEquals(new int[] {0, 2, 1}, ex.labels());
        assertEquals(3, ex.numClasses());
    }

    @Test
    void featureRowsHaveNoLabelColumn() throws IOException {
        Path file = write("rows.csv", "sepal_len,sepal_wid,petal\n5.1,3.5,0.2\n\n  6.2 , 2.9 ,2e0\n");
        float[][] rows = Csv.classification().labelColumn(0).readFeatures(file); // label settings do not apply
        assertEquals(2, rows.length);
        assertArrayEquals(new float[] {5.1f, 3.5f, 0.2f}, rows[0]);
        assertArrayEquals(new float[] {6.2f, 2.9f, 2f}, rows[1]);
        assertArrayEquals(new float[] {7.5f}, Csv.regression().readFeatures(write("one.csv", "7.5\n"))[0],
                "one column is a feature, not a missing label");
        DataFormatException ragged = assertThrows(DataFormatException.class,
                () -> Csv.classification().readFeatures(write("ragged.csv", "1,2\n3\n")));
        assertTrue(ragged.getMessage().endsWith("ragged.csv: line 2 has 1 columns; expected 2"), ragged.getMessage());
        DataFormatException text = assertThrows(DataFormatException.class,
                () -> Csv.classification().readFeatures(write("text.csv", "1,2\n3,four\n")));
        assertTrue(text.getMessage().endsWith("text.csv: line 2, column 2: \"four\" is not a number"), text.getMessage());
        DataFormatException headerOnly = assertThrows(DataFormatException.class,
                () -> Csv.classification().readFeatures(write("header.csv", "a,b\n")));
        assertTrue(headerOnly.getMessage().contains("header but no data rows"), headerOnly.getMessage());
    }

    @Test
    void withoutHeaderTheFirstRowIsData() throws IOException {
        Path file = write("plain.csv", "1,2,0\n3,4,1\n");
        Examples ex = Csv.classification().read(file);
        assertEquals(2, ex.size());
        assertArrayEquals(new float[] {1, 2, 3, 4}, ex.features());
        assertEquals(2, ex.numClasses());

        // Forcing a header turns the first numeric row into column names.
        assertEquals(1, Csv.classification().header(true).read(file).size());
    }

    @Test
    void aFirstRowOfNumbersAndTextIsDataAndATypoThereIsNamed() throws IOException {
        // no header, and a typo in the first row: not a header to drop, nor a column of categories
        Path typo = write("typo.csv", "1.344,8.474x,0\n7.638,2.551,1\n4.954,4.495,0\n");
        DataFormatException e = fails(Csv.classification(), typo);
        assertTrue(e.getMessage().startsWith(typo + ": column 2 holds text in 1 row (line 1: \"8.474x\") and numbers"
                + " in 2 (line 2: \"2.551\")"), e.getMessage());
        // blank lines before it: the line is the file's
        Path later = write("later.csv", "\n\nx,2,label\n1,2,0\n");
        e = fails(Csv.classification(), later);
        assertTrue(e.getMessage().startsWith(later + ": column 1 holds text in 1 row (line 3: \"x\")"), e.getMessage());
        // a header with an unnamed first column (a spreadsheet's index) is still a header
        Examples indexed = Csv.classification().parse(",x,label\n0,1.5,1\n1,2.5,0\n", "indexed");
        assertEquals(2, indexed.size());
        assertArrayEquals(new float[] {0, 1.5f, 1, 2.5f}, indexed.features());
        // and header(true) still takes any first row as names
        assertEquals(2, Csv.classification().header(true).read(typo).size());
    }

    @Test
    void labelColumnByIndexOrNameAndOtherSeparators() throws IOException {
        Path file = write("houses.csv", "\"size; m2\";price;rooms\n50;100.5;2\n80;190.25;3\n");
        Examples byName = Csv.regression().separator(';').labelColumn("price").read(file);
        assertArrayEquals(new float[] {100.5f, 190.25f}, byName.targets());
        assertArrayEquals(new float[] {50, 2, 80, 3}, byName.features());
        assertEquals(0, byName.numClasses());
        assertArrayEquals(byName.features(),
                Csv.regression().separator(';').labelColumn(1).read(file).features());

        Examples tabs = Csv.classification().separator('\t').labelColumn(0).parse("1\t0.5\t-2e-1\n0\t1\t3\n", "t")
                .withNumClasses(2);
        assertArrayEquals(new float[] {0.5f, -0.2f, 1, 3}, tabs.features());
        assertArrayEquals(new int[] {1, 0}, tabs.labels());

        DataFormatException e = fails(Csv.regression().separator(';').labelColumn("cost"), file);
        assertTrue(e.getMessage().startsWith(file + ": line 1: header has no column \"cost\""),
                e.getMessage());
        e = fails(Csv.regression().labelColumn("price"), write("nohead.csv", "1,2\n"));
        assertTrue(e.getMessage().contains("is not a header row"), e.getMessage());
        e = fails(Csv.regression().labelColumn(5), write("narrow.csv", "1,2\n"));
        assertTrue(e.getMessage().contains("label column index 5 is out of range"), e.getMessage());
    }

    @Test
    void raggedRowNamesFileAndLine() throws IOException {
        Path file = write("ragged.csv", "a,b,c,label\n1,2,3,0\n\n1,2,3,1\n4,5,6,0\n1,2,3,1\n7,8,0\n");
        DataFormatException e = fails(Csv.classification(), file);
        assertEquals(file + ": line 7 has 3 columns; expected 4", e.getMessage());
    }

    @Test
    void nanAndInfinityAreRejectedWithLineAndColumn() throws IOException {
        Path nan = write("nan.csv", "x,y\n1,2\n3,NaN\n");
        DataFormatException e = fails(Csv.regression(), nan);
        assertEquals(nan + ": line 3, column 2: \"NaN\" is NaN or infinite; expected a finite number",
                e.getMessage());

        Path inf = write("inf.csv", "1,2\n-inf,0\n");
        e = fails(Csv.regression(), inf);
        assertTrue(e.getMessage().startsWith(inf + ": line 2, column 1:"), e.getMessage());

        // Finite in the file but not as a float.
        Path big = write("big.csv", "1e39,0\n");
        e = fails(Csv.regression(), big);
        assertTrue(e.getMessage().contains("infinite as a 32-bit float"), e.getMessage());
    }

    @Test
    void nonNumericCellIsQuoted() throws IOException {
        Path file = write("text.csv", "x,y,label\n1,2,0\n1,two,1\n");
        DataFormatException e = fails(Csv.classification(), file);
        assertEquals(file + ": line 3, column 2: \"two\" is not a number", e.getMessage());

        Path empty = write("hole.csv", "1,,0\n");
        e = fails(Csv.classification(), empty);
        assertEquals(empty + ": line 1, column 2: empty cell; expected a number", e.getMessage());

        // Java would read "1f" as 1.0; a CSV file does not mean that.
        e = fails(Csv.regression(), write("suffix.csv", "1,2\n1f,3\n"));
        assertTrue(e.getMessage().contains("\"1f\" is not a number"), e.getMessage());
    }

    @Test
    void emptyFileAndHeaderOnly() throws IOException {
        Path empty = write("empty.csv", "\n  \n");
        DataFormatException e = fails(Csv.regression(), empty);
        assertEquals(empty + ": the file is empty; expected CSV rows of numbers", e.getMessage());

        Path headerOnly = write("head.csv", "a,b\n");
        e = fails(Csv.regression(), headerOnly);
        assertEquals(headerOnly + ": the file has a header but no data rows", e.getMessage());

        Path missing = dir.resolve("missing.csv");
        e = fails(Csv.regression(), missing);
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void classificationLabelsMustBeNonNegativeIntegers() throws IOException {
        Path fraction = write("frac.csv", "1,0\n2,1.5\n");
        DataFormatException e = fails(Csv.classification(), fraction);
        assertTrue(e.getMessage().startsWith(fraction + ": line 2, column 2: label \"1.5\""),
                e.getMessage());

        Path negative = write("neg.csv", "x,label\n1,0\n2,1\n3,-1\n");
        e = fails(Csv.classification(), negative);
        assertTrue(e.getMessage().startsWith(negative + ": line 4, column 2: label \"-1\""),
                e.getMessage());

        // The same files are fine as regression targets; "2.0" is a valid class index.
        assertArrayEquals(new float[] {0, 1.5f}, Csv.regression().read(fraction).targets());
        assertEquals(3, Csv.classification().parse("1,2.0\n", "s").numClasses());
    }

    @Test
    void labelsAreWholeNumbersAsWrittenNotAsRoundedToFloat() throws IOException {
        // 0.99999999 is the float 1.0 and 1e-50 the float 0.0: neither is a whole number
        for (String label : new String[] {"0.99999999", "1e-50", "65535.5", "65536", "1e99999999999", "-0.5"}) {
            Path file = write("label.csv", "x,label\n1,0\n2," + label + "\n");
            DataFormatException e = fails(Csv.classification(), file);
            assertTrue(e.getMessage().startsWith(file + ": line 3, column 2: label \"" + label + "\" is not a class index"),
                    e.getMessage());
        }
        // whole numbers however written: 1.0, 2e0, 300e-2 is 3, 65535 the largest, -0 is 0
        Examples ok = Csv.classification().parse("x,label\n1,1.0\n2,2e0\n3,300e-2\n4,65535\n5,-0\n6,+4\n", "ok");
        assertArrayEquals(new int[] {1, 2, 3, 65_535, 0, 4}, ok.labels());
        assertEquals(65_536, ok.numClasses());
    }

    @Test
    void singleColumnHasNoFeatures() throws IOException {
        Path file = write("one.csv", "y\n1\n");
        DataFormatException e = fails(Csv.regression(), file);
        assertTrue(e.getMessage().startsWith(file + ": line 1 has 1 column;"), e.getMessage());

        Path semicolons = write("semi.csv", "1;2;0\n");
        e = fails(Csv.classification(), semicolons);
        assertTrue(e.getMessage().endsWith("(is the separator ';'? --separator ';' reads it)"), e.getMessage());
    }

    @Test
    void textLabelsAreClassNamesNumberedInSortedOrder() throws IOException {
        // by hand: the distinct names sorted are [Iris-setosa, Iris-virginica, versicolor]
        // (upper case before lower case, as String.compareTo and numpy's unique order them)
        Path withHeader = write("iris.csv", "sepal,petal,species\n5.1,1.4,versicolor\n4.9,1.3,Iris-setosa\n"
                + "6.3,6.0,Iris-virginica\n5.0,1.5,versicolor\n");
        Examples named = Csv.classification().read(withHeader);
        assertEquals(java.util.List.of("Iris-setosa", "Iris-virginica", "versicolor"), named.classNames());
        assertArrayEquals(new int[] {2, 0, 1, 2}, named.labels());
        assertEquals(3, named.numClasses());
        assertArrayEquals(new float[] {5.1f, 1.4f, 4.9f, 1.3f, 6.3f, 6.0f, 5.0f, 1.5f}, named.features());

        // no header: a row of numbers with a name in the label column is data, not a header
        Examples headless = Csv.classification().parse("1,2,cat\n3,4,dog\n5,6,cat\n", "pets");
        assertEquals(3, headless.size());
        assertEquals(java.util.List.of("cat", "dog"), headless.classNames());
        assertArrayEquals(new int[] {0, 1, 0}, headless.labels());

        // a label in another column, a name with the separator in it, and a name that looks like a number
        Examples first = Csv.classification().labelColumn(0)
                .parse("kind,x\n\"red, dark\",1\nblue,2\n7,3\n", "colours");
        assertEquals(java.util.List.of("7", "blue", "red, dark"), first.classNames());
        assertArrayEquals(new int[] {2, 1, 0}, first.labels());
        assertArrayEquals(new float[] {1, 2, 3}, first.features());

        // numbered labels carry no names
        assertEquals(java.util.List.of(), Csv.classification().parse("1,0\n2,1\n", "numbers").classNames());
    }

    @Test
    void givenClassNamesNumberTheLabelsAsAModelDoes() throws IOException {
        Path file = write("two.csv", "x,animal\n1,dog\n2,cat\n3,dog\n");
        // the model's order, and a class (bird) this file lacks: still three classes, dog still 2
        Examples e = Csv.classification().classNames(java.util.List.of("bird", "cat", "dog")).read(file);
        assertArrayEquals(new int[] {2, 1, 2}, e.labels());
        assertEquals(3, e.numClasses());
        assertEquals(java.util.List.of("bird", "cat", "dog"), e.classNames());

        DataFormatException unknown = fails(Csv.classification().classNames(java.util.List.of("cat", "dog")),
                write("fish.csv", "x,animal\n1,dog\n2,fish\n"));
        assertEquals(dir.resolve("fish.csv") + ": line 3, column 2: label \"fish\" is not one of the 2 classes"
                + " [cat, dog]; expected one of those names", unknown.getMessage());
        // given names read even a numbered label as a name, which none of them is
        DataFormatException number = fails(Csv.classification().classNames(java.util.List.of("cat", "dog")),
                write("number.csv", "1,0\n"));
        assertTrue(number.getMessage().contains("label \"0\" is not one of the 2 classes"), number.getMessage());

        assertThrows(dev.nntrain.InvalidInputException.class,
                () -> Csv.classification().classNames(java.util.List.of("cat", "cat")));
        assertThrows(dev.nntrain.InvalidInputException.class,
                () -> Csv.classification().classNames(java.util.List.of("cat", " ")));
        assertThrows(dev.nntrain.InvalidInputException.class, () -> Csv.regression().classNames(java.util.List.of("a")));
    }

    @Test
    void aLabelColumnIsNumbersOrNamesFromItsFirstRow() throws IOException {
        Path numbersThenName = write("mixed.csv", "x,label\n1,0\n2,1\n3,two\n");
        DataFormatException e = fails(Csv.classification(), numbersThenName);
        assertEquals(numbersThenName + ": line 4, column 2: \"two\" is not a number (the label column holds class"
                + " numbers: line 2's label is 0; a column of class names starts with a name)", e.getMessage());

        Path emptyName = write("hole.csv", "x,label\n1,cat\n2,\n");
        e = fails(Csv.classification(), emptyName);
        assertEquals(emptyName + ": line 3, column 2: empty label; expected a class name, as line 2's \"cat\"",
                e.getMessage());

        // regression targets stay numbers
        e = fails(Csv.regression(), write("price.csv", "x,price\n1,cheap\n"));
        assertTrue(e.getMessage().endsWith("line 2, column 2: \"cheap\" is not a number"), e.getMessage());

        // a column of distinct names per row (an id?) stops at the class limit, naming the line
        StringBuilder ids = new StringBuilder("x,id\n");
        for (int i = 0; i <= Csv.MAX_CLASSES; i++) {
            ids.append("1,row").append(i).append('\n');
        }
        e = assertThrows(DataFormatException.class, () -> Csv.classification().parse(ids.toString(), "ids"));
        assertEquals("ids: line " + (Csv.MAX_CLASSES + 2) + ", column 2: label \"row" + Csv.MAX_CLASSES
                + "\" would be class 65537; at most 65536 classes (is column 2 a class label?)", e.getMessage());
    }

    @Test
    void theLabelColumnIsFoundFromTheHeaderAlone() throws IOException {
        Path file = write("flowers.csv", "\n\"species\",length,width\nsetosa,1.4,0.2\n");
        assertEquals(0, Csv.classification().labelColumn("species").labelColumnIndex(file));
        assertEquals(2, Csv.classification().labelColumn("width").labelColumnIndex(file));
        assertEquals(2, Csv.classification().labelColumnIndex(file), "the last by default");
        assertEquals(1, Csv.classification().labelColumn(1).labelColumnIndex(file));
        DataFormatException wide = assertThrows(DataFormatException.class,
                () -> Csv.classification().labelColumn(3).labelColumnIndex(file));
        assertTrue(wide.getMessage().contains("label column index 3 is out of range: line 2 has 3 columns"), wide.getMessage());
        DataFormatException empty = assertThrows(DataFormatException.class,
                () -> Csv.classification().labelColumn("x").labelColumnIndex(write("blank.csv", "\n \n")));
        assertTrue(empty.getMessage().endsWith("the file is empty; expected CSV rows of numbers"), empty.getMessage());
    }
}
