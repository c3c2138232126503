package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.data.mnist.MnistSourceTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Datasets}: data sets by the names the command line uses, and a CSV's train/test split. */
class DatasetsTest {

    @TempDir Path tmp;

    /**
     * Twenty rows {@code i, 10 i, i mod 2}: the first column numbers the row, so that each part
     * can be traced back to the file, and the label is the row's parity (ten of each class).
     */
    private Path twentyRows() throws IOException {
        StringBuilder csv = new StringBuilder("row,tens,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(10 * i).append(',').append(i % 2).append('\n');
        }
        return Files.writeString(tmp.resolve("twenty.csv"), csv);
    }

    /** The row numbers (first feature) of a part, checking on the way that each kept its own label. */
    private static List<Integer> rows(Examples part) {
        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < part.size(); k++) {
            int row = (int) part.featureRow(k)[0];
            assertEquals(10f * row, part.featureRow(k)[1], "row " + row + "'s second column");
            assertEquals(row % 2, part.labels()[k], "row " + row + "'s label");
            rows.add(row);
        }
        return rows;
    }

    @Test
    void aCsvDataSetsFileIsTheTextAfterItsPrefixInAnyCase() {
        assertEquals(java.util.Optional.of("data/a.csv"), Datasets.csvFile("csv:data/a.csv"));
        assertEquals(java.util.Optional.of("x y.csv"), Datasets.csvFile("  CSV:  x y.csv "));
        assertEquals(java.util.Optional.of(""), Datasets.csvFile("Csv:   "));
        assertEquals(java.util.Optional.empty(), Datasets.csvFile("mnist"));
        assertEquals(java.util.Optional.empty(), Datasets.csvFile("csvdata.csv"));
        assertEquals(java.util.Optional.empty(), Datasets.csvFile("cs"));
    }

    @Test
    void csvHoldsOutAFifthOfEachClassByDefault() throws IOException {
        Path file = twentyRows();
        Datasets.TrainTest sets = Datasets.load(Datasets.Spec.of("csv:" + file, null));
        assertEquals(file.toString(), sets.name());
        // 20 % of ten rows per class: two of each class held out, eight of each left to train
        assertArrayEquals(new int[] {8, 8}, MnistSourceTest.classCounts(sets.train()));
        assertArrayEquals(new int[] {2, 2}, MnistSourceTest.classCounts(sets.test()));
        assertEquals(2, sets.train().featureSize(), "the last column is the label, not a feature");
        TreeSet<Integer> all = new TreeSet<>(rows(sets.train()));
        all.addAll(rows(sets.test()));
        assertEquals(20, all.size(), "the parts are disjoint and together hold every row");
        assertEquals(0, all.first());
        assertEquals(19, all.last());
    }

    @Test
    void theSeedDecidesTheSplit() throws IOException {
        Path file = twentyRows();
        List<Integer> once = rows(Datasets.load(spec("csv:" + file, false, -1, 0.25, 7)).test());
        List<Integer> again = rows(Datasets.load(spec("csv:" + file, false, -1, 0.25, 7)).test());
        List<Integer> other = rows(Datasets.load(spec("csv:" + file, false, -1, 0.25, 8)).test());
        assertEquals(once, again, "the same seed holds out the same rows");
        // per class, round(10 x (1 - 0.25)) = round(7.5) = 8 rows train: 2 of each class are held out
        assertEquals(4, once.size(), "held-out rows " + once);
        assertNotEquals(new TreeSet<>(once), new TreeSet<>(other), "another seed holds out other rows");
    }

    @Test
    void labelColumnPicksAnyColumn() throws IOException {
        // the label first: 'label,a,b' with label = 1 exactly when a > b
        Path file = Files.writeString(tmp.resolve("first.csv"),
                "label,a,b\n1,5,2\n0,1,4\n1,9,3\n0,2,8\n1,7,6\n0,3,5\n1,4,0\n0,0,9\n");
        Datasets.TrainTest sets = Datasets.load(spec("csv:" + file, false, 0, 0.5, 1));
        for (Examples part : List.of(sets.train(), sets.test())) {
            assertEquals(2, part.featureSize());
            for (int k = 0; k < part.size(); k++) {
                float[] ab = part.featureRow(k);
                assertEquals(ab[0] > ab[1] ? 1 : 0, part.labels()[k], "a = " + ab[0] + ", b = " + ab[1]);
            }
        }
        assertEquals(8, sets.train().size() + sets.test().size());
    }

    @Test
    void featuresAreNamedByTheirColumnInTheFile() {
        // 'label,a,b': feature 0 (a) is column 2 and feature 1 (b) column 3
        assertEquals("d.csv column 2", spec("csv:d.csv", false, 0, 0.2, 1).featureName(0));
        assertEquals("d.csv column 3", spec("csv:d.csv", false, 0, 0.2, 1).featureName(1));
        // 'a,label,b': a is column 1, b column 3; the label last: feature j is column j + 1
        assertEquals("d.csv column 1", spec("csv:d.csv", false, 1, 0.2, 1).featureName(0));
        assertEquals("d.csv column 3", spec("csv:d.csv", false, 1, 0.2, 1).featureName(1));
        assertEquals("d.csv column 2", spec(" csv: d.csv ", false, -1, 0.2, 1).featureName(1));
        assertEquals("mnist feature 785", Datasets.Spec.of("mnist", null).featureName(784));
    }

    @Test
    void regressionReadsRealValuedTargets() throws IOException {
        Path file = Files.writeString(tmp.resolve("sum.csv"), "1,2,3.5\n2,2,4.5\n3,1,4.5\n0,0,0.5\n5,1,6.5\n");
        Datasets.TrainTest sets = Datasets.load(spec("csv:" + file, true, -1, 0.4, 3));
        assertEquals(3, sets.train().size(), "round(5 x 0.6)");
        assertEquals(2, sets.test().size());
        for (Examples part : List.of(sets.train(), sets.test())) {
            assertFalse(part.isClassification());
            for (int k = 0; k < part.size(); k++) {
                float[] x = part.featureRow(k);
                assertEquals(x[0] + x[1] + 0.5f, part.targets()[k], "the target is a + b + 0.5");
            }
        }
    }

    @Test
    void aCsvOfOneRowLeavesNothingToTestOn() throws IOException {
        Path file = Files.writeString(tmp.resolve("one.csv"), "1,2,0\n");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Datasets.load(Datasets.Spec.of("csv:" + file, null)));
        assertTrue(e.getMessage().startsWith(file + ": only 1 row"), e.getMessage());
    }

    @Test
    void mnistByNameIsTheEmbeddedSubset() {
        Datasets.TrainTest sets = Datasets.load(Datasets.Spec.of(" MNIST ", Path.of("data/mnist")));
        assertEquals("mnist", sets.name(), "names are trimmed and case-blind");
        // the class counts data/README.md gives for the embedded 8,000 + 2,000 digits
        assertArrayEquals(MnistSourceTest.TRAIN_COUNTS, MnistSourceTest.classCounts(sets.train()));
        assertArrayEquals(MnistSourceTest.TEST_COUNTS, MnistSourceTest.classCounts(sets.test()));
    }

    /** Zalando's labels of Fashion-MNIST, as its README lists them; MNIST's are the digits. */
    @Test
    void theClassesHaveTheirDataSetsNames() {
        assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                "Ankle boot"), MnistSource.Variant.FASHION_MNIST.classNames());
        assertEquals("7", MnistSource.Variant.MNIST.classNames().get(7));
        assertEquals(10, MnistSource.Variant.MNIST.classNames().size());
        assertEquals(List.of(), new Datasets.TrainTest("rows", Examples.of(new float[][] {{1}}, new int[] {0}),
                Examples.of(new float[][] {{2}}, new int[] {0})).classNames(), "a CSV's classes have no names");
        assertEquals(MnistSource.Variant.MNIST.classNames(), Datasets.load(Datasets.Spec.of("mnist", null)).classNames());
        assertEquals(java.util.Optional.of(MnistSource.Variant.FASHION_MNIST), Datasets.variant(" FashionMNIST "));
        assertEquals(java.util.Optional.of(MnistSource.Variant.MNIST), Datasets.variant("mnist"));
        assertEquals(java.util.Optional.empty(), Datasets.variant("csv:data/coffee-roasts.csv"));
    }

    @Test
    void fashionMnistHasThreeSpellingsAndDebiansDirectory() {
        for (String name : new String[] {"fashion-mnist", "fashion_mnist", "FashionMNIST"}) {
            MnistSource source = Datasets.source(name, null, false);
            assertEquals(MnistSource.Variant.FASHION_MNIST, source.variant(), name);
            assertEquals(Path.of("/usr/share/datasets/fashion-mnist"), source.directory().orElseThrow(), name);
        }
        // tests run in the project's root, where data/mnist is
        assertEquals(Path.of("data", "mnist"), Datasets.defaultDirectory(MnistSource.Variant.MNIST));
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Datasets.load(Datasets.Spec.of("cifar10", null)));
        assertEquals("unknown dataset 'cifar10'; expected mnist, fashion-mnist or csv:PATH", e.getMessage());
    }

    private static Datasets.Spec spec(String name, boolean regression, int labelColumn, double testFraction, long seed) {
        return new Datasets.Spec(name, null, false, regression, labelColumn, testFraction, seed);
    }

    @Test
    void aCsvSplitReadsBackFromAModelsPropertiesAndABadOneIsNamed() {
        Map<String, String> properties = new HashMap<>();
        assertTrue(Datasets.CsvSplit.readFrom(properties).isEmpty(), "nothing recorded");
        new Datasets.CsvSplit(0.3, 7).writeTo(properties);
        assertEquals("7", properties.get("csv_split_seed"));
        assertEquals("0.3", properties.get("csv_test_fraction"));
        assertEquals(new Datasets.CsvSplit(0.3, 7), Datasets.CsvSplit.readFrom(properties).orElseThrow());
        properties.put("csv_test_fraction", "1.5");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Datasets.CsvSplit.readFrom(properties));
        assertEquals("the model records csv_split_seed '7' and csv_test_fraction '1.5'; expected an integer and a"
                + " fraction in (0, 1)", e.getMessage());
        properties.remove("csv_split_seed");
        assertThrows(InvalidInputException.class, () -> Datasets.CsvSplit.readFrom(properties));
    }
}
