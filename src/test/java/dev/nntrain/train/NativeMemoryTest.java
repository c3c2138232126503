package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.InvalidInputException;
import dev.nntrain.backprop.check.GradientCheck;
import dev.nntrain.data.Examples;
import dev.nntrain.data.Standardizer;
import dev.nntrain.data.Synthetic;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.EarlyStopping;
import dev.nntrain.train.callback.LearningRateScheduler;
import dev.nntrain.train.callback.ModelCheckpoint;
import dev.nntrain.train.callback.ReduceLROnPlateau;
import dev.nntrain.train.callback.TrainingCheckpoint;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;
import dev.nntrain.train.optimizer.RMSprop;
import dev.nntrain.train.optimizer.SGD;
import dev.nntrain.train.tune.Tuner;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rule "every per-batch array belongs to a scope that closes", held to DJL's own bookkeeping:
 * every engine array alive in the process is attached to a manager under the engine's system
 * manager, so counting what that tree holds ({@link NDManager#getManagedArrays()}, and the
 * managers themselves through {@link BaseNDManager#debugDump}) before and after calling a public
 * operation many times shows whether it leaves anything behind. Counts must not move at all: a
 * leak of one array per call is a leak, however small the array.
 */
class NativeMemoryTest {

    /** Calls per operation; a leak shows as at least this many arrays. */
    private static final int CALLS = 25;

    @TempDir
    Path tmp;

    /** What DJL holds now: arrays and managers reachable from the engine's system manager. */
    record Live(int arrays, int managers) {
        static Live now() {
            NDManager probe = NDManager.newBaseManager();
            NDManager system = probe.getParentManager();
            probe.close();
            int arrays = system.getManagedArrays().size();
            // debugDump prints one line per manager of the tree: the only public way to list them
            ByteArrayOutputStream lines = new ByteArrayOutputStream();
            PrintStream out = System.out;
            System.setOut(new PrintStream(lines, true, StandardCharsets.UTF_8));
            try {
                ((BaseNDManager) system).debugDump(0);
            } finally {
                System.setOut(out);
            }
            int managers = (int) lines.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("NDManager(")).count();
            return new Live(arrays, managers);
        }
    }

    interface Call {
        void run() throws Exception;
    }

    /** Runs an operation twice to settle (lazily made caches), then {@value #CALLS} times: nothing may remain. */
    private static void assertNoGrowth(String what, Call call) throws Exception {
        assertNoGrowth(what, CALLS, call);
    }

    private static void assertNoGrowth(String what, int calls, Call call) throws Exception {
        call.run();
        call.run();
        Live before = Live.now();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        Live after = Live.now();
        assertEquals(before.arrays(), after.arrays(), what + ": live engine arrays after " + calls + " calls");
        assertEquals(before.managers(), after.managers(), what + ": live managers after " + calls + " calls");
    }

    private static Sequential dense(DataType type) {
        return Sequential.builder().addAll(Dense.of(8, Activation.RELU), Dense.of(4))
                .optInputShape(2).optSeed(1).optDataType(type).build();
    }

    private static CompiledModel denseNet() {
        return CompiledModel.compile(dense(DataType.FLOAT32), new SparseCategoricalCrossentropy(true), new Adam());
    }

    private static FitOptions.Builder quick() {
        return FitOptions.builder().optEpochs(2).optBatchSize(16).optSeed(1).optVerbose(0);
    }

    private static final Examples BLOBS = Synthetic.blobs(48, 1);

    @Test
    void fittingAgainAndAgainLeavesNothingOnEveryPath() throws Exception {
        try (CompiledModel net = denseNet()) {
            assertNoGrowth("fit, written-out backprop", () -> net.fit(BLOBS, quick().build()));
            assertTrue(net.usesWrittenBackprop());
            assertNoGrowth("fit with validation data", () -> net.fit(BLOBS, quick().optValidationData(BLOBS).build()));
            assertNoGrowth("fit with a validation split", () -> net.fit(BLOBS, quick().optValidationSplit(0.25).build()));
        }
        try (CompiledModel net = denseNet()) {
            net.setWrittenBackpropAllowed(false);
            assertNoGrowth("fit, autograd", () -> net.fit(BLOBS, quick().build()));
            assertFalse(net.usesWrittenBackprop());
        }
        Sequential cnn = Sequential.builder()
                .addAll(Conv2D.of(2, 3, Activation.RELU), MaxPool2D.of(2), Flatten.of(), Dense.of(4))
                .optInputShape(1, 6, 6).optSeed(1).build();
        byte[] pixels = new byte[BLOBS.size() * 36];
        new java.util.Random(1).nextBytes(pixels);
        Examples images = Examples.ofPixels(pixels, new long[] {1, 6, 6}, BLOBS.targets(), 1, 4);
        try (CompiledModel net = CompiledModel.compile(cnn, new SparseCategoricalCrossentropy(true), new Adam())) {
            assertNoGrowth("fit, convolutional", () -> net.fit(images, quick().build()));
            assertTrue(net.usesWrittenBackprop());
            assertNoGrowth("evaluate, convolutional", () -> net.evaluate(images));
        }
    }

    @Test
    void checkpointCallbacksLeaveNothing() throws Exception {
        try (CompiledModel net = denseNet()) {
            // fewer calls: each writes and syncs model files
            assertNoGrowth("fit with ModelCheckpoint", 8, () -> net.fit(BLOBS, quick().optValidationData(BLOBS)
                    .addCallback(new ModelCheckpoint(tmp.resolve("best"), "val_loss", false)).build()));
            assertNoGrowth("fit with TrainingCheckpoint", 8, () -> net.fit(BLOBS, quick()
                    .addCallback(new TrainingCheckpoint(tmp.resolve("every"), 1)).build()));
            assertNoGrowth("fit resumed from a checkpoint", 8, () -> net.fit(BLOBS, quick().optEpochs(3)
                    .optResumeFrom(tmp.resolve("every")).build()));
        }
    }

    /**
     * A rate changed at every epoch replaces its engine scalar (and Adam's precomputed step sizes)
     * rather than adding to them, on every optimiser and both gradient paths.
     */
    @Test
    void changingTheLearningRateLeavesNothing() throws Exception {
        List<Supplier<Optimizer>> optimizers = List.of(Adam::new, RMSprop::new, () -> new SGD(0.01, 0.9),
                () -> new GradientDescent(0.01));
        for (Supplier<Optimizer> optimizer : optimizers) {
            for (boolean written : new boolean[] {true, false}) {
                try (CompiledModel net = CompiledModel.compile(dense(DataType.FLOAT32), new SparseCategoricalCrossentropy(true),
                        optimizer.get())) {
                    net.setWrittenBackpropAllowed(written);
                    String what = optimizer.get().name() + (written ? "" : ", autograd");
                    // a rate that keeps falling: every epoch of every call sets one never set before
                    assertNoGrowth("fit with LearningRateScheduler, " + what, () -> net.fit(BLOBS, quick()
                            .addCallback(LearningRateScheduler.of((epoch, rate) -> rate * 0.9)).build()));
                }
            }
        }
        try (CompiledModel net = denseNet()) {
            // halved after each of the 2nd and 3rd epochs of all 27 calls: 1e-3 / 2^54 = 5.6e-20, above float32's
            // smallest rate, so every reduction sets a new rate (at 0.1 per reduction it stayed at the floor,
            // 1.2e-38, from the 18th call on, and Adam's step sizes for the next 512 steps were cached then)
            assertNoGrowth("fit with ReduceLROnPlateau", () -> net.fit(BLOBS, quick().optEpochs(3)
                    .addCallback(ReduceLROnPlateau.builder().optMonitor("loss").optPatience(0).optFactor(0.5).optMinDelta(10)
                            .build()).build()));
        }
    }

    /**
     * Early stopping that keeps the best weights snapshots them at every better epoch; each
     * snapshot used to leave a float64 copy of all the parameters on the model's manager.
     */
    @Test
    void earlyStoppingWithBestWeightsLeavesNoCopies() throws Exception {
        try (CompiledModel net = denseNet()) {
            assertNoGrowth("fit with EarlyStopping(restore_best_weights)", () -> net.fit(BLOBS, quick().optEpochs(3)
                    .addCallback(new EarlyStopping("loss", 5, 0, true)).build()));
            assertNoGrowth("parameters().snapshot()", () -> net.model().parameters().snapshot());
        }
        try (Sequential model = dense(DataType.FLOAT64)) {
            assertNoGrowth("parameters().snapshot(), float64", () -> model.parameters().snapshot());
        }
    }

    @Test
    void aFitThatThrowsLeavesNothing() throws Exception {
        Callback failsMidEpoch = new Callback() {
            @Override
            public void onBatchEnd(int epoch, int batch, TrainingContext context) {
                throw new IllegalStateException("a callback failed");
            }
        };
        Callback failsAtEpochEnd = new Callback() {
            @Override
            public void onEpochEnd(EpochLogs logs, TrainingContext context) {
                throw new IllegalStateException("a callback failed");
            }
        };
        try (CompiledModel net = denseNet()) {
            assertNoGrowth("a callback throwing mid-epoch", () -> assertThrows(IllegalStateException.class,
                    () -> net.fit(BLOBS, quick().optValidationData(BLOBS).addCallback(failsMidEpoch).build())));
            assertNoGrowth("a callback throwing at the end of an epoch", () -> assertThrows(IllegalStateException.class,
                    () -> net.fit(BLOBS, quick().addCallback(failsAtEpochEnd).build())));
            assertNoGrowth("rows of the wrong width", () -> assertThrows(InvalidInputException.class,
                    () -> net.fit(new float[][] {{1, 2, 3}}, new int[] {0}, quick().build())));
            assertNoGrowth("a label out of range", () -> assertThrows(InvalidInputException.class,
                    () -> net.fit(new float[][] {{1, 2}}, new int[] {9}, quick().build())));
        }
        try (CompiledModel net = denseNet()) {
            net.setWrittenBackpropAllowed(false);
            assertNoGrowth("a callback throwing mid-epoch, autograd", () -> assertThrows(IllegalStateException.class,
                    () -> net.fit(BLOBS, quick().addCallback(failsMidEpoch).build())));
        }
        try (CompiledModel net = CompiledModel.compile(dense(DataType.FLOAT32), new SparseCategoricalCrossentropy(true),
                new GradientDescent(1e30))) {
            // the weights blow up at the first step and the fit stops at the second; each call
            // starts from them again, so each diverges
            double[] initial = net.model().parameters().snapshot();
            assertNoGrowth("a fit that diverges", () -> {
                net.model().parameters().restore(initial);
                assertThrows(TrainingDivergedException.class, () -> net.fit(BLOBS, quick().optBatchSize(8).build()));
            });
        }
    }

    @Test
    void evaluatingAndPredictingOnJavaArraysLeaveNothing() throws Exception {
        float[][] x = new float[20][2];
        double[][] xd = new double[20][2];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = i;
            xd[i][1] = -i;
        }
        try (CompiledModel net = denseNet()) {
            net.fit(BLOBS, quick().build());
            assertNoGrowth("evaluate", () -> net.evaluate(BLOBS));
            assertNoGrowth("predict(float[][])", () -> net.predict(x));
            assertNoGrowth("predict(double[][])", () -> net.predict(xd));
            assertNoGrowth("predictProbabilities(float[][])", () -> net.predictProbabilities(x));
            assertNoGrowth("predictProbabilities(double[][])", () -> net.predictProbabilities(xd));
            assertNoGrowth("predictClasses(float[][])", () -> net.predictClasses(x));
            assertNoGrowth("predictClasses(double[][])", () -> net.predictClasses(xd));
            assertNoGrowth("save", 8, () -> net.save(tmp.resolve("saved")));
            assertNoGrowth("load and close", 8, () -> CompiledModel.load(tmp.resolve("saved")).close());
        }
        // a damaged parameter file, read without the checksum: the model is built, then refused
        Path damaged = tmp.resolve("saved");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(damaged)) {
            Path params = files.filter(f -> f.toString().endsWith(".params")).findFirst().orElseThrow();
            byte[] bytes = java.nio.file.Files.readAllBytes(params);
            bytes[0] ^= 0x7f;
            java.nio.file.Files.write(params, bytes);
        }
        LoadOptions unverified = LoadOptions.builder().optVerify(false).build();
        assertNoGrowth("loading a damaged model", 8, () -> {
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> CompiledModel.load(damaged, unverified));
            assertTrue(e.getMessage().contains("is corrupted or does not match"), e.getMessage()); // refused after building
        });
    }

    /**
     * Predicting on the engine hands back one array, which the caller closes; every layer's
     * output used to stay on the caller's manager (two more arrays per call for this model, three
     * with the probabilities, more with input scaling) until the caller closed that manager.
     */
    @Test
    void predictingOnTheEngineLeavesOnlyTheResult() throws Exception {
        try (CompiledModel net = denseNet(); NDManager caller = NDManager.newBaseManager()) {
            net.fit(BLOBS, quick().build());
            NDArray x = caller.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2));
            float[][] rows = {{1, 2}, {3, 4}, {5, 6}};
            float[][] fromRows = net.predictProbabilities(rows);
            float[] expected = new float[3 * 4];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(fromRows[i], 0, expected, 4 * i, 4);
            }
            assertNoGrowth("predict(NDArray)", () -> net.predict(x).close());
            assertNoGrowth("predictProbabilities(NDArray)", () -> net.predictProbabilities(x).close());
            assertNoGrowth("Sequential.forward(NDArray)", () -> net.model().forward(x).close());
            try (NDArray p = net.predictProbabilities(x)) {
                assertArrayEquals(expected, p.toFloatArray(), 1e-6f, "the same probabilities as from Java rows");
                assertEquals(caller, p.getManager(), "the result belongs to the caller's manager");
            }
            assertEquals(1, caller.getManagedArrays().size(), "the caller's manager holds its input alone");
            net.setInputScaling(Standardizer.of(new float[] {1, 1}, new float[] {4, 4}));
            assertNoGrowth("predict(NDArray), input scaling", () -> net.predict(x).close());
            assertEquals(1, caller.getManagedArrays().size(), "the caller's manager holds its input alone");
        }
    }

    /**
     * Reading arrays of another type than float32 (class labels as integers, a float64 model's
     * weights, a float64 batch to standardise) converts them; each converted copy used to stay on
     * the array's manager.
     */
    @Test
    void convertingArraysLeavesNoCopies() throws Exception {
        try (CompiledModel net = denseNet(); NDManager caller = NDManager.newBaseManager()) {
            NDArray x = caller.create(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(4, 2));
            NDArray labels = caller.create(new int[] {0, 1, 2, 3});
            assertNoGrowth("fit(NDArray, NDArray) with float64 rows and integer labels",
                    () -> net.fit(x, labels, quick().optEpochs(1).build()));
            assertEquals(2, caller.getManagedArrays().size(), "the caller's manager holds its two arrays alone");

            Standardizer scaling = Standardizer.of(new float[] {1, 2}, new float[] {4, 16});
            try (NDArray scaled = scaling.apply(x)) {
                assertEquals(DataType.FLOAT64, scaled.getDataType());
                assertArrayEquals(new double[] {0, 0, 1, 0.5, 2, 1, 3, 1.5}, scaled.toDoubleArray(), 1e-6);
            }
            assertNoGrowth("Standardizer.apply(NDArray), float64", () -> scaling.apply(x).close());
            assertEquals(2, caller.getManagedArrays().size(), "the caller's manager holds its two arrays alone");
        }
        try (Sequential model = dense(DataType.FLOAT64)) {
            assertNoGrowth("weights().get on a float64 model", () -> model.weights().get(1));
            assertNoGrowth("weights().all() and set on a float64 model", () -> model.weights().set(0, model.weights().all().get(0)));
        }
    }

    @Test
    void tunerAndGradientCheckLeaveNothing() throws Exception {
        try (CompiledModel net = denseNet()) {
            Live before = Live.now();
            Tuner.threads(net, BLOBS, 16);
            Live after = Live.now();
            assertEquals(before, after, "Tuner.threads");
        } finally {
            Engines.setThreads(1); // the suite's setting, whatever the tuner chose
        }
        assertNoGrowth("GradientCheck.checkGenerated", () ->
                GradientCheck.checkGenerated(new int[] {2, 4, 3}, "relu", "sparse-ce", 4, 1, true));
        try (Sequential model = dense(DataType.FLOAT64)) {
            assertNoGrowth("GradientCheck.check on a model", () -> GradientCheck.check(
                    model, new SparseCategoricalCrossentropy(true), new double[][] {{0.5, -0.25}, {1, 2}}, new float[] {1, 3}));
        }
    }

    /**
     * The same rule held to the operating system's count instead of DJL's: the resident memory of
     * a fresh process (Linux's {@code /proc/self/status}) that predicts on the engine again and
     * again. Each call used to keep two 8 MiB layer outputs: 40 calls grew it by 655 MB; now it
     * stays within a few hundred KB once the allocator has warmed up. The Java heap is fixed and
     * touched at start, and collected before each reading (arrays made from Java data hold
     * direct buffers until then), so what grows is native memory.
     */
    @Test
    void predictingOnTheEngineKeepsResidentMemoryFlat() throws Exception {
        Assumptions.assumeTrue(java.nio.file.Files.isReadable(STATUS), "Linux's /proc/self/status");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms96m", "-Xmx96m", "-XX:+AlwaysPreTouch",
                "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                PredictLoop.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        java.util.regex.Matcher grew = java.util.regex.Pattern.compile("grew (-?[0-9]+) kB").matcher(out);
        assertTrue(grew.find(), out);
        long kb = Long.parseLong(grew.group(1));
        // a leak of the two layer outputs is 16 MiB a call; allocator noise measured at most 0.2 MB
        assertTrue(kb < 128 * 1024, "resident memory grew by " + kb + " kB over " + PredictLoop.CALLS + " calls: " + out);
    }

    private static final Path STATUS = Path.of("/proc/self/status");

    /** The child process of {@link #predictingOnTheEngineKeepsResidentMemoryFlat}. */
    static final class PredictLoop {
        static final int CALLS = 40;

        public static void main(String[] args) throws Exception {
            int n = 2048;
            int d = 256;
            float[] x = new float[n * d];
            java.util.Random random = new java.util.Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            Sequential model = Sequential.builder().addAll(Dense.of(1024, Activation.RELU), Dense.of(10))
                    .optInputShape(d).optSeed(1).build();
            try (CompiledModel net = CompiledModel.compile(model, new SparseCategoricalCrossentropy(true), new Adam());
                    NDManager caller = NDManager.newBaseManager()) {
                NDArray batch = caller.create(x, new Shape(n, d));
                for (int i = 0; i < 20; i++) { // the allocator's warm-up
                    net.predict(batch).close();
                }
                long before = residentKb();
                for (int i = 0; i < CALLS; i++) {
                    net.predict(batch).close();
                }
                System.out.println("grew " + (residentKb() - before) + " kB");
            }
        }

        private static long residentKb() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(20);
            }
            for (String line : java.nio.file.Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
                }
            }
            throw new IllegalStateException("no VmRSS in " + STATUS);
        }
    }

    /** Closing frees everything the model ever made: afterwards DJL holds what it held before. */
    @Test
    void closingFreesTheModelsManager() throws Exception {
        Live before = Live.now();
        CompiledModel net = denseNet();
        NDManager manager = net.model().manager();
        net.fit(BLOBS, quick().optValidationData(BLOBS).addCallback(new EarlyStopping("val_loss", 1, 0, true)).build());
        net.predictProbabilities(new float[][] {{1, 2}});
        net.evaluate(BLOBS);
        assertTrue(Live.now().arrays() > before.arrays(), "the model holds arrays while open");
        net.close();
        assertFalse(manager.isOpen());
        assertEquals(before, Live.now(), "after CompiledModel.close");

        Sequential model = dense(DataType.FLOAT32);
        model.close();
        assertEquals(before, Live.now(), "after Sequential.close");
    }
}
