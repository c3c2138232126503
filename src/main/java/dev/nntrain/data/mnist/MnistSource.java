package dev.nntrain.data.mnist;

import dev.nntrain.DjlCache;
import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.basicdataset.cv.classification.Mnist;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;
import ai.djl.util.Utils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads MNIST or Fashion-MNIST as {@link Examples} through DJL's {@code Mnist} and
 * {@code FashionMnist} datasets, from a local directory of IDX files or from DJL's own remote
 * repository.
 *
 * <p>A local directory must hold the four standard files {@value #TRAIN_IMAGES},
 * {@value #TRAIN_LABELS}, {@value #TEST_IMAGES} and {@value #TEST_LABELS} (each may also be
 * present uncompressed, without {@code .gz}). The repository's {@code data/mnist} and
 * Debian's Fashion-MNIST in {@code /usr/share/datasets/fashion-mnist} both qualify. The files are
 * validated with {@link Idx} first, because DJL skips the IDX headers without looking at them.
 *
 * <p>Loaded examples are classification examples with 10 classes and features of shape
 * {@code [784]}: the 28x28 pixels row by row, each exactly {@code byte / 255f}. Use
 * {@link #asImages(Examples)} to get shape {@code [1, 28, 28]} for convolutional models.
 *
 * <pre>{@code
 * MnistSource mnist = MnistSource.embedded();
 * Examples train = mnist.train();   // 8000 examples
 * Examples test = mnist.test();     // 2000 examples
 * Examples fashion = MnistSource.fashionMnist(MnistSource.DEBIAN_FASHION_MNIST).train();
 * }</pre>
 *
 * <p>Instances are immutable; loading needs the DJL engine (PyTorch).
 */
public final class MnistSource {

    /** The training images file name. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    /** The training labels file name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    /** The test images file name. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    /** The test labels file name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";
    /** The four files a local directory must hold, in the order listed in error messages. */
    public static final List<String> FILE_NAMES =
            List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);

    /**
     * The MNIST subset's folder in nntrain's repository, relative to its root: the source of
     * truth from which the build copies the files into the jar (see {@link #embedded()}).
     */
    public static final Path DEFAULT_DIR = Path.of("data", "mnist");
    /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** The side of an MNIST image; DJL's readers accept no other. */
    public static final int SIDE = 28;
    /** The number of classes. */
    public static final int NUM_CLASSES = 10;

    /** Examples read from DJL's dataset at a time. */
    private static final int READ_CHUNK = 4096;

    // DJL's item keys in the dataset metadata, by file.
    private static final Map<String, String> DJL_KEYS = Map.of(
            TRAIN_IMAGES, "train_data", TRAIN_LABELS, "train_labels",
            TEST_IMAGES, "test_data", TEST_LABELS, "test_labels");

    /** Which data set a source holds; it decides which DJL dataset class reads it. */
    public enum Variant {
        /** Handwritten digits, read by DJL's {@code Mnist}. */
        MNIST("mnist"),
        /** Zalando's article images, read by DJL's {@code FashionMnist}. */
        FASHION_MNIST("fashion-mnist");

        private final String id;

        Variant(String id) {
            this.id = id;
        }

        /** @return a short lower-case name, e.g. {@code fashion-mnist} */
        public String id() {
            return id;
        }

        /**
         * The names of the ten classes, by label: the digits for MNIST, Zalando's article
         * names for Fashion-MNIST (0 T-shirt/top, 1 Trouser, ... 9 Ankle boot).
         *
         * @return ten names
         */
        public List<String> classNames() {
            return this == MNIST
                    ? List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")
                    : List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                            "Ankle boot");
        }
    }

    private final Variant variant;
    private final Path directory; // null: DJL's remote repository
    private final Path cacheRoot;

    private MnistSource(Variant variant, Path directory, Path cacheRoot) {
        this.variant = variant;
        this.directory = directory;
        this.cacheRoot = cacheRoot;
    }

    /**
     * Returns the embedded MNIST subset, 8000 training and 2000 test digits, from any working
     * directory: nntrain's jar carries the four files, and the first call writes them into DJL's
     * cache directory ({@code nntrain-embedded} under {@code DJL_CACHE_DIR}, by default
     * {@code ~/.djl.ai}), where DJL's readers take them. Classes run without the build's copy of
     * the files (an IDE that skips resources) fall back to {@link #DEFAULT_DIR}.
     *
     * @return the source
     * @throws InvalidInputException if DJL's cache folder cannot be written (naming
     *     {@code DJL_CACHE_DIR})
     * @throws java.io.UncheckedIOException if the files cannot be written to the cache
     */
    public static MnistSource embedded() {
        DjlCache.requireUsable();
        Path cache = Utils.getCacheDir();
        Path extracted = EmbeddedMnist.directory(cache);
        return local(Variant.MNIST, extracted != null ? extracted : DEFAULT_DIR);
    }

    /**
     * Returns MNIST from a local directory.
     *
     * @param directory a directory holding the four IDX files
     * @return the source
     */
    public static MnistSource mnist(Path directory) {
        return local(Variant.MNIST, directory);
    }

    /**
     * Returns Fashion-MNIST from a local directory, e.g. {@link #DEBIAN_FASHION_MNIST}.
     *
     * @param directory a directory holding the four IDX files
     * @return the source
     */
    public static MnistSource fashionMnist(Path directory) {
        return local(Variant.FASHION_MNIST, directory);
    }

    /**
     * Returns a data set from a local directory of IDX files.
     *
     * @param variant which DJL dataset class reads the files
     * @param directory a directory holding the four IDX files
     * @return the source
     */
    public static MnistSource local(Variant variant, Path directory) {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(directory, "directory");
        return new MnistSource(variant, directory, null);
    }

    /**
     * Returns the full data set from DJL's remote repository, exactly as DJL's builders default
     * to: downloaded once into DJL's cache ({@code DJL_CACHE_DIR}, by default
     * {@code ~/.djl.ai}). Needs network access to DJL's dataset mirror.
     *
     * @param variant MNIST (60000/10000 digits) or Fashion-MNIST (60000/10000 images)
     * @return the source
     */
    public static MnistSource download(Variant variant) {
        Objects.requireNonNull(variant, "variant");
        return new MnistSource(variant, null, null);
    }

    /**
     * Returns a copy that keeps DJL's prepared copies and the generated repository metadata under
     * another root instead of DJL's cache directory. Has no effect on {@link #download} sources,
     * which always use DJL's cache.
     *
     * @param root a writable directory, laid out like DJL's cache ({@code cache/repo/...})
     * @return the new source
     */
    public MnistSource withCacheRoot(Path root) {
        Objects.requireNonNull(root, "root");
        return new MnistSource(variant, directory, root);
    }

    /** @return which data set this source holds */
    public Variant variant() {
        return variant;
    }

    /** @return the local directory, or empty for DJL's remote repository */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /** @return the root of the cache this source prepares local files into */
    public Path cacheRoot() {
        return cacheRoot != null ? cacheRoot : Utils.getCacheDir();
    }

    /**
     * Loads the training set.
     *
     * @return the examples, in file order, features {@code [784]} in {@code [0, 1]}, 10 classes
     * @throws DataFormatException if the directory or a file is missing or malformed
     * @throws UncheckedIOException if DJL cannot prepare or read the files
     */
    public Examples train() {
        return load(Dataset.Usage.TRAIN);
    }

    /**
     * Loads the test set.
     *
     * @return the examples, in file order, features {@code [784]} in {@code [0, 1]}, 10 classes
     * @throws DataFormatException if the directory or a file is missing or malformed
     * @throws UncheckedIOException if DJL cannot prepare or read the files
     */
    public Examples test() {
        return load(Dataset.Usage.TEST);
    }

    /**
     * Loads the training or the test set.
     *
     * @param usage {@code TRAIN} or {@code TEST}; MNIST has no validation set (use
     *     {@link Examples#split})
     * @return the examples, in file order, features {@code [784]} in {@code [0, 1]}, 10 classes
     * @throws DataFormatException if the directory or a file is missing or malformed
     * @throws UncheckedIOException if DJL cannot prepare or read the files
     */
    public Examples load(Dataset.Usage usage) {
        Objects.requireNonNull(usage, "usage");
        if (usage != Dataset.Usage.TRAIN && usage != Dataset.Usage.TEST) {
            throw new InvalidInputException(
                    variant.id() + " has only TRAIN and TEST sets; got " + usage
                            + " (split the training set for validation)");
        }
        return directory == null ? loadRemote(usage) : loadLocal(usage);
    }

    /**
     * Returns the same examples with features shaped {@code [1, 28, 28]} (channels, height, width)
     * for convolutional models.
     *
     * @param flat examples with 784 features each, as loaded
     * @return a view sharing the arrays
     */
    public static Examples asImages(Examples flat) {
        Objects.requireNonNull(flat, "flat");
        return flat.withFeatureShape(1, SIDE, SIDE);
    }

    private Examples loadLocal(Dataset.Usage usage) {
        Map<String, Path> files = locateFiles();
        boolean train = usage == Dataset.Usage.TRAIN;
        Validated wanted = validate(files, train);

        requireUsableCache();
        Map<String, Path> byKey = new LinkedHashMap<>();
        files.forEach((name, file) -> byKey.put(DJL_KEYS.get(name), file));
        IdxRepository.Described described =
                IdxRepository.describe(variant.id(), byKey, cacheRoot());
        if (!Files.isDirectory(described.preparedDirectory())) {
            // DJL is about to copy all four files; check the other pair too, so that a broken
            // file gets our message naming it rather than a bare gzip error from inside DJL.
            validate(files, !train);
        }
        Raw raw = readThroughDjl(
                usage, described.repository(), IdxRepository.GROUP_ID, described.artifactId());
        requireSameAsFiles(raw, wanted.images(), wanted.labels(), described);
        return toExamples(raw);
    }

    private Examples loadRemote(Dataset.Usage usage) {
        DjlCache.requireUsable();
        Raw raw;
        try {
            raw = readThroughDjl(usage, null, null, null);
        } catch (UncheckedIOException e) {
            throw unreachable(e.getCause() != null ? e.getCause() : e);
        }
        float[] labels = raw.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != Math.rint(labels[i]) || labels[i] < 0 || labels[i] >= NUM_CLASSES) {
                throw new DataFormatException(
                        variant.id() + " from DJL's repository: label " + labels[i]
                                + " of example " + i + " is outside [0, " + NUM_CLASSES + ")");
            }
        }
        return toExamples(raw);
    }

    // Without a network DJL's message is the bare host name ("mlrepo.djl.ai"): say what failed
    // and what to do instead.
    private DataFormatException unreachable(Throwable cause) {
        String why = cause instanceof java.net.UnknownHostException ? "unknown host " + cause.getMessage()
                : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new DataFormatException("cannot download " + variant.id() + ": DJL's dataset repository cannot be reached ("
                + why + "); without a network, put the four IDX files (" + String.join(", ", FILE_NAMES)
                + ") in a directory and use --data-dir DIR instead of --download", cause);
    }

    private record Validated(Idx.Images images, Idx.Labels labels) {}

    private static Validated validate(Map<String, Path> files, boolean train) {
        Idx.Images images = Idx.readImages(files.get(train ? TRAIN_IMAGES : TEST_IMAGES));
        Idx.Labels labels =
                Idx.readLabels(files.get(train ? TRAIN_LABELS : TEST_LABELS), NUM_CLASSES);
        if (images.rows() != SIDE || images.cols() != SIDE) {
            throw new DataFormatException(
                    images.file() + ": images are " + images.rows() + "x" + images.cols()
                            + "; expected " + SIDE + "x" + SIDE + " (DJL's MNIST readers need it)");
        }
        Idx.requireSameCount(images, labels);
        return new Validated(images, labels);
    }

    // Finds the four files, accepting each gzipped (the standard name) or plain; reports every
    // missing one at once together with the full list of expected names.
    private Map<String, Path> locateFiles() {
        if (!Files.isDirectory(directory)) {
            throw new DataFormatException(
                    variant.id() + " directory " + directory.toAbsolutePath() + " does not exist"
                            + (Files.exists(directory) ? " as a directory" : "")
                            + "; expected a directory holding " + String.join(", ", FILE_NAMES));
        }
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : FILE_NAMES) {
            Path gz = directory.resolve(name);
            Path plain = directory.resolve(name.substring(0, name.length() - 3));
            if (Files.isRegularFile(gz)) {
                found.put(name, gz);
            } else if (Files.isRegularFile(plain)) {
                found.put(name, plain);
            } else {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFormatException(
                    variant.id() + " directory " + directory.toAbsolutePath() + " lacks "
                            + String.join(", ", missing) + "; expected the four files "
                            + String.join(", ", FILE_NAMES) + " (each gzipped or plain)");
        }
        return found;
    }

    /** Pixels as bytes and labels, as DJL's dataset hands them out. */
    private record Raw(byte[] pixels, float[] labels) {}

    // Returns the pixels (as bytes: a quarter of the memory of floats) and labels exactly as
    // DJL's dataset hands them out. The
    // pipeline is emptied on purpose: DJL's default ToTensor would divide by 255 inside the
    // engine and reorder to (N, 1, 28, 28); doing the division here guarantees byte / 255f.
    // The set is read in chunks: one batch of everything would hold a second full copy on the
    // engine while the Java arrays fill, which sets the peak memory of a whole training run.
    private Raw readThroughDjl(
            Dataset.Usage usage, Repository repository, String groupId, String artifactId) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ArrayDataset dataset = buildDataset(usage, manager, repository, groupId, artifactId);
            dataset.prepare();
            int n = Math.toIntExact(dataset.size());
            byte[] pixels = new byte[n * SIDE * SIDE];
            float[] labels = new float[n];
            int filled = 0;
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    NDArray x = batch.getData().singletonOrThrow();
                    NDArray y = batch.getLabels().singletonOrThrow();
                    int m = Math.toIntExact(y.getShape().get(0));
                    if (!x.getShape().equals(new Shape(m, SIDE, SIDE, 1)) || filled + m > n) {
                        throw new IllegalStateException(
                                "DJL's " + variant.id() + " images came as " + x.getShape()
                                        + " after " + filled + " of " + n + "; expected (m, 28, 28, 1)");
                    }
                    // DJL's pixels are 0..255 floats from the file's bytes; the cast back to bytes
                    // on the engine is exact, and requireSameAsFiles compares every byte after.
                    // Reading bytes rather than floats keeps the garbage of a load small.
                    try (NDArray asBytes = x.toType(DataType.UINT8, false)) {
                        System.arraycopy(asBytes.toByteArray(), 0, pixels, filled * SIDE * SIDE, m * SIDE * SIDE);
                    }
                    System.arraycopy(y.toFloatArray(), 0, labels, filled, m);
                    filled += m;
                }
            }
            if (filled != n) {
                throw new IllegalStateException(
                        "DJL returned " + filled + " of the " + n + " " + variant.id() + " examples");
            }
            return new Raw(pixels, labels);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "DJL cannot prepare " + variant.id() + " " + usage + " from "
                            + (directory != null ? directory.toAbsolutePath()
                                    : "its remote repository")
                            + ": " + e.getMessage(), e);
        } catch (TranslateException e) {
            throw new IllegalStateException("DJL cannot batch " + variant.id() + ": " + e, e);
        }
    }

    private ArrayDataset buildDataset(Dataset.Usage usage, NDManager manager,
            Repository repository, String groupId, String artifactId) {
        // Chunks in file order.
        int everything = READ_CHUNK;
        if (variant == Variant.MNIST) {
            Mnist.Builder builder = Mnist.builder().optUsage(usage).optManager(manager)
                    .optPipeline(new Pipeline()).setSampling(everything, false);
            if (repository != null) {
                builder.optRepository(repository).optGroupId(groupId).optArtifactId(artifactId);
            }
            return builder.build();
        }
        FashionMnist.Builder builder = FashionMnist.builder().optUsage(usage).optManager(manager)
                .optPipeline(new Pipeline()).setSampling(everything, false);
        if (repository != null) {
            builder.optRepository(repository).optGroupId(groupId).optArtifactId(artifactId);
        }
        return builder.build();
    }

    // DJL's prepared copy is what we return; it must equal the files we validated. A mismatch
    // means the cache entry was altered after it was prepared.
    private static void requireSameAsFiles(Raw raw, Idx.Images images, Idx.Labels labels,
            IdxRepository.Described described) {
        float[] targets = raw.labels();
        boolean same = java.util.Arrays.equals(raw.pixels(), images.pixels())
                && targets.length == labels.count();
        for (int i = 0; same && i < targets.length; i++) {
            same = targets[i] == labels.label(i);
        }
        if (!same) {
            throw new IllegalStateException(
                    "DJL's prepared copy in " + described.preparedDirectory() + " differs from "
                            + images.file() + " / " + labels.file()
                            + "; delete that directory so that DJL prepares it again");
        }
    }

    private static Examples toExamples(Raw raw) {
        // kept as pixels: a quarter of the memory of floats, with the same feature values
        return Examples.ofPixels(raw.pixels(), new long[] {SIDE * SIDE}, raw.labels(), 1, NUM_CLASSES);
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return variant.id() + " from "
                + (directory != null ? directory.toAbsolutePath() : "DJL's remote repository");
    }

    // DJL's prepared copies and nntrain's metadata go under the cache root: say what is wrong with
    // it, naming DJL_CACHE_DIR when that sets it, before the JDK's bare "Not a directory".
    private void requireUsableCache() {
        if (cacheRoot == null) {
            DjlCache.requireUsable();
        } else {
            DjlCache.requireUsable(cacheRoot, "the cache root " + cacheRoot, "choose a folder you can write");
        }
    }
}
