package dev.nntrain.data.mnist;

import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.dataset.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class MnistSourceTest {

    /** Per-class counts of the embedded subset, as written down in data/README.md. */
    public static final int[] TRAIN_COUNTS = {801, 902, 793, 826, 784, 690, 811, 856, 755, 782};
    public static final int[] TEST_COUNTS = {200, 225, 198, 206, 196, 173, 203, 214, 189, 196};

    // One cache for the whole class: later tests hit what earlier ones prepared, as in real use.
    @TempDir static Path cache;
    @TempDir Path tmp;

    public static int[] classCounts(Examples ex) {
        int[] counts = new int[ex.numClasses()];
        for (int label : ex.labels()) {
            counts[label]++;
        }
        return counts;
    }

    /** Writes a small MNIST-shaped set whose pixels and labels depend on the seed. */
    static void writeSmallSet(Path dir, int nTrain, int nTest, long seed) throws IOException {
        Files.createDirectories(dir);
        Idx.writeImages(dir.resolve(MnistSource.TRAIN_IMAGES), 28, 28,
                IdxTest.randomBytes(nTrain * 784, seed));
        Idx.writeImages(dir.resolve(MnistSource.TEST_IMAGES), 28, 28,
                IdxTest.randomBytes(nTest * 784, seed + 1));
        Idx.writeLabels(dir.resolve(MnistSource.TRAIN_LABELS), labels(nTrain, seed + 2));
        Idx.writeLabels(dir.resolve(MnistSource.TEST_LABELS), labels(nTest, seed + 3));
    }

    static byte[] labels(int n, long seed) {
        byte[] b = IdxTest.randomBytes(n, seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((b[i] & 0xff) % 10);
        }
        return b;
    }

    static List<Path> preparedArtifacts(Path cacheRoot) throws IOException {
        Path idx = cacheRoot.resolve("cache/repo/dataset/cv/dev/nntrain/idx");
        if (!Files.isDirectory(idx)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(idx)) {
            return s.sorted().collect(Collectors.toList());
        }
    }

    @Test
    void embeddedSubsetLoadsWithRecordedCountsAndExactPixels() {
        MnistSource source = MnistSource.embedded().withCacheRoot(cache);
        Examples train = source.train();
        Examples test = source.test();

        assertEquals(8000, train.size());
        assertEquals(2000, test.size());
        assertArrayEquals(TRAIN_COUNTS, classCounts(train));
        assertArrayEquals(TEST_COUNTS, classCounts(test));
        assertArrayEquals(new long[] {784}, train.featureShape());
        assertEquals(10, train.numClasses());

        // What came through DJL equals our own reader's byte / 255f, value for value and in order.
        Path dir = MnistSource.DEFAULT_DIR;
        Examples own = Idx.read(dir.resolve(MnistSource.TRAIN_IMAGES),
                dir.resolve(MnistSource.TRAIN_LABELS));
        assertArrayEquals(own.features(), train.features());
        assertArrayEquals(own.targets(), train.targets());
        Examples ownTest = Idx.read(dir.resolve(MnistSource.TEST_IMAGES),
                dir.resolve(MnistSource.TEST_LABELS));
        assertArrayEquals(ownTest.features(), test.features());
        assertArrayEquals(ownTest.targets(), test.targets());

        // Real digits, not noise: strokes are bright on a dark background, and both extremes occur.
        float max = 0;
        double mean = 0;
        for (float v : train.features()) {
            max = Math.max(max, v);
            mean += v;
        }
        assertEquals(1f, max);
        mean /= train.features().length;
        assertTrue(mean > 0.1 && mean < 0.17, "mean pixel " + mean);
        // Shuffled: the first 100 training labels are not all one class.
        assertTrue(java.util.Arrays.stream(train.slice(0, 100).labels()).distinct().count() > 5);

        Examples images = MnistSource.asImages(test);
        assertArrayEquals(new long[] {1, 28, 28}, images.featureShape());
        assertEquals(test.features()[5 * 28 + 7], images.featureRow(0)[5 * 28 + 7]);
    }

    @Test
    void loadingTheSameDirectoryTwiceHitsTheCache() throws IOException {
        Path dir = tmp.resolve("same");
        writeSmallSet(dir, 12, 5, 100);
        Path root = tmp.resolve("cache");
        MnistSource source = MnistSource.mnist(dir).withCacheRoot(root);

        Examples first = source.train();
        List<Path> prepared = preparedArtifacts(root);
        assertEquals(1, prepared.size(), prepared.toString());
        Path copy = prepared.get(0).resolve("1.0/train-images-idx3-ubyte");
        assertTrue(Files.isRegularFile(copy), "DJL's gunzipped copy " + copy);
        assertEquals(16 + 12 * 784, Files.size(copy));
        FileTime preparedAt = Files.getLastModifiedTime(copy);

        Examples second = MnistSource.mnist(dir).withCacheRoot(root).train();
        assertEquals(prepared, preparedArtifacts(root));
        assertEquals(preparedAt, Files.getLastModifiedTime(copy));
        assertArrayEquals(first.features(), second.features());
        assertArrayEquals(first.targets(), second.targets());
        assertEquals(5, source.test().size());
        assertEquals(1, preparedArtifacts(root).size());
    }

    @Test
    void differentDirectoriesNeverShareCachedData() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeSmallSet(a, 10, 4, 1);
        writeSmallSet(b, 10, 4, 2); // same names and sizes, different content
        Path root = tmp.resolve("cache");

        Examples fromA = MnistSource.mnist(a).withCacheRoot(root).train();
        Examples fromB = MnistSource.mnist(b).withCacheRoot(root).train();
        Examples fromAAgain = MnistSource.mnist(a).withCacheRoot(root).train();

        Examples ownA = Idx.read(a.resolve(MnistSource.TRAIN_IMAGES), a.resolve(MnistSource.TRAIN_LABELS));
        Examples ownB = Idx.read(b.resolve(MnistSource.TRAIN_IMAGES), b.resolve(MnistSource.TRAIN_LABELS));
        assertArrayEquals(ownA.features(), fromA.features());
        assertArrayEquals(ownB.features(), fromB.features());
        assertArrayEquals(ownB.targets(), fromB.targets());
        assertArrayEquals(ownA.features(), fromAAgain.features());
        assertFalse(java.util.Arrays.equals(fromA.features(), fromB.features()));
        assertEquals(2, preparedArtifacts(root).size());

        // Rewriting a directory in place is a new source too: no stale cache entry is served.
        writeSmallSet(a, 10, 4, 3);
        Examples rewritten = MnistSource.mnist(a).withCacheRoot(root).train();
        assertNotEquals(fromA.features()[0] + "," + fromA.features()[1],
                rewritten.features()[0] + "," + rewritten.features()[1]);
        assertArrayEquals(Idx.read(a.resolve(MnistSource.TRAIN_IMAGES),
                a.resolve(MnistSource.TRAIN_LABELS)).features(), rewritten.features());
        assertEquals(3, preparedArtifacts(root).size());
    }

    @Test
    void plainUncompressedFilesWork() throws IOException {
        Path dir = tmp.resolve("plain");
        Files.createDirectories(dir);
        Idx.writeImages(dir.resolve("train-images-idx3-ubyte"), 28, 28, IdxTest.randomBytes(3 * 784, 9));
        Idx.writeLabels(dir.resolve("train-labels-idx1-ubyte"), new byte[] {3, 1, 4});
        Idx.writeImages(dir.resolve(MnistSource.TEST_IMAGES), 28, 28, new byte[784]);
        Idx.writeLabels(dir.resolve(MnistSource.TEST_LABELS), new byte[] {5});
        Examples train = MnistSource.mnist(dir).withCacheRoot(tmp.resolve("cache")).train();
        assertArrayEquals(new int[] {3, 1, 4}, train.labels());
    }

    @Test
    void alteredCacheEntryIsDetected() throws IOException {
        Path dir = tmp.resolve("src");
        writeSmallSet(dir, 4, 2, 7);
        Path root = tmp.resolve("cache");
        MnistSource.mnist(dir).withCacheRoot(root).train();
        Path copy = preparedArtifacts(root).get(0).resolve("1.0/train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(copy);
        bytes[100] ^= 1;
        Files.write(copy, bytes);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MnistSource.mnist(dir).withCacheRoot(root).train());
        assertTrue(e.getMessage().contains(preparedArtifacts(root).get(0).toString()), e.getMessage());
    }

    @Test
    void invalidFilesAreRejectedBeforeDjlSeesThem() throws IOException {
        Path dir = tmp.resolve("bad");
        writeSmallSet(dir, 6, 2, 11);
        Idx.writeLabels(dir.resolve(MnistSource.TRAIN_LABELS), new byte[] {1, 2, 3, 4, 5});
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> MnistSource.mnist(dir).withCacheRoot(tmp.resolve("cache")).train());
        assertTrue(e.getMessage().contains("holds 6 images"), e.getMessage());

        Idx.writeImages(dir.resolve(MnistSource.TEST_IMAGES), 14, 56, new byte[2 * 784]);
        e = assertThrows(DataFormatException.class,
                () -> MnistSource.mnist(dir).withCacheRoot(tmp.resolve("cache")).test());
        assertTrue(e.getMessage().contains("images are 14x56; expected 28x28"), e.getMessage());
    }

    @Test
    void aBrokenFileOfTheOtherSetIsNamedBeforeDjlCopiesIt() throws IOException {
        Path dir = tmp.resolve("half-broken");
        writeSmallSet(dir, 6, 20, 13);
        Path testImages = dir.resolve(MnistSource.TEST_IMAGES);
        byte[] gz = Files.readAllBytes(testImages);
        Files.write(testImages, java.util.Arrays.copyOf(gz, gz.length / 2));
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> MnistSource.mnist(dir).withCacheRoot(tmp.resolve("cache")).train());
        assertTrue(e.getMessage().startsWith(testImages + ": the gzip stream ends early"),
                e.getMessage());
    }

    @Test
    void missingDirectoryOrFileNamesPathAndExpectedFiles() throws IOException {
        Path nowhere = tmp.resolve("does-not-exist");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> MnistSource.mnist(nowhere).train());
        assertTrue(e.getMessage().contains(nowhere.toAbsolutePath().toString()), e.getMessage());
        for (String name : MnistSource.FILE_NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }

        Path partial = tmp.resolve("partial");
        writeSmallSet(partial, 2, 2, 5);
        Files.delete(partial.resolve(MnistSource.TEST_LABELS));
        e = assertThrows(DataFormatException.class, () -> MnistSource.mnist(partial).train());
        assertTrue(e.getMessage().contains("lacks " + MnistSource.TEST_LABELS + ";"), e.getMessage());
        assertTrue(e.getMessage().contains(MnistSource.TRAIN_IMAGES), e.getMessage());
    }

    @Test
    void validationUsageIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> MnistSource.embedded().load(Dataset.Usage.VALIDATION));
    }

    @Test
    void fashionMnistFromDebianPackage() {
        Assumptions.assumeTrue(Files.isDirectory(MnistSource.DEBIAN_FASHION_MNIST),
                "dataset-fashion-mnist is not installed");
        MnistSource source = MnistSource.fashionMnist(MnistSource.DEBIAN_FASHION_MNIST)
                .withCacheRoot(cache);
        Examples train = source.train();
        Examples test = source.test();
        assertEquals(60000, train.size());
        assertEquals(10000, test.size());
        int[] trainCounts = new int[10];
        java.util.Arrays.fill(trainCounts, 6000);
        int[] testCounts = new int[10];
        java.util.Arrays.fill(testCounts, 1000);
        assertArrayEquals(trainCounts, classCounts(train));
        assertArrayEquals(testCounts, classCounts(test));
        assertArrayEquals(new long[] {784}, test.featureShape());
    }

    /** A DJL_CACHE_DIR under a file is named, with the variable, before the JDK says "Not a directory". */
    @Test
    void aCacheFolderUnderAFileIsNamedWithItsVariable(@TempDir Path tmp) throws IOException {
        Assumptions.assumeTrue(System.getenv("DJL_CACHE_DIR") == null, "DJL_CACHE_DIR is set in the environment");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String before = System.getProperty("DJL_CACHE_DIR");
        System.setProperty("DJL_CACHE_DIR", file.resolve("cache").toString());
        try {
            dev.nntrain.InvalidInputException e = assertThrows(dev.nntrain.InvalidInputException.class, MnistSource::embedded);
            assertTrue(e.getMessage().contains("DJL_CACHE_DIR") && e.getMessage().contains(file + " is a file"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("DJL_CACHE_DIR");
            } else {
                System.setProperty("DJL_CACHE_DIR", before);
            }
        }
    }
}
