import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingResult;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.tracker.Tracker;

import dev.nntrain.data.Examples;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Java side of bench/run.sh. Each call trains one contender on Fashion-MNIST and prints one
 * line of key=value pairs: the samples/s of each timed epoch, the test accuracy, and so on.
 *
 * <pre>
 *   java -cp target/nntrain.jar:target/bench Bench nntrain course   # nntrain's fit
 *   java -cp ... Bench djl course                                   # stock DJL: EasyTrain, ArrayDataset
 *   java -cp ... Bench matmul                                       # attainable float32 GEMM rate
 *   java -cp ... Bench leak course 20                               # RSS after each epoch
 *   java -cp ... Bench crossover                                    # CPU or GPU: measured, and --device auto's choice
 * </pre>
 */
public final class Bench {

    static final int WARMUP = 1;
    static final int TIMED = 3;

    record Spec(String name, int[] hidden, int batch) {
        boolean convolutional() {
            return name.equals("cnn");
        }

        long parameters() {
            if (convolutional()) {
                return 8 * 9 + 8 + 13L * 13 * 8 * 10 + 10;
            }
            long p = 0;
            int in = 784;
            for (int h : hidden) {
                p += (long) in * h + h;
                in = h;
            }
            return p + (long) in * 10 + 10;
        }
    }

    static Spec spec(String name) {
        switch (name) {
            case "course":
                return new Spec(name, new int[] {25, 15}, 32);
            case "wide":
                return new Spec(name, new int[] {256, 128}, 128);
            case "large":
                // for the GPU: big enough that the products, not the launches, take the time
                return new Spec(name, new int[] {1024, 1024}, 1024);
            case "cnn":
                // the convolution lesson's digit CNN: Conv2D(8, 3x3, relu), MaxPool2D(2), Dense(10)
                return new Spec(name, new int[0], 64);
            default:
                throw new IllegalArgumentException("unknown model " + name);
        }
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        String mode = args[0];
        if (args.length > 1) {
            System.setProperty("bench.model", args[1]);
        }
        switch (mode) {
            case "matmul":
                matmul();
                return;
            case "nntrain":
                nntrain(spec(args[1]));
                return;
            case "djl":
                stockDjl(spec(args[1]), args.length > 2 ? args[2] : "default");
                return;
            case "leak":
                leak(spec(args[1]), Integer.parseInt(args[2]));
                return;
            case "crossover":
                crossover();
                return;
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
    }

    static Path dataDir() {
        return Path.of(System.getProperty("bench.data", "/usr/share/datasets/fashion-mnist"));
    }

    /**
     * The training set, read with nntrain's own validating IDX reader (as the PyTorch script reads
     * the files with numpy). {@code -Dbench.loader=djl} reads it through DJL basicdataset's
     * FashionMnist instead, as {@code nntrain train --dataset fashion-mnist} does; DJL's reader
     * holds several copies of the images while it prepares them (see bench/README.md).
     */
    static Examples load(String part) {
        Examples flat = repeated(loadFlat(part), part.equals("train") ? Integer.getInteger("bench.repeat", 1) : 1);
        return "cnn".equals(System.getProperty("bench.model")) ? flat.withFeatureShape(1, 28, 28) : flat;
    }

    /**
     * The set {@code times} times over ({@code -Dbench.repeat}, BENCH_REPEAT in bench/gpu.sh): on a
     * GPU, 8,000 digits at batch 1,024 are 8 steps an epoch, too few for the epoch's fixed costs
     * (shuffle, the final synchronisation) not to weigh on samples/s; torch_bench.py repeats alike.
     */
    static Examples repeated(Examples set, int times) {
        if (times <= 1) {
            return set;
        }
        int[] indices = new int[set.size() * times];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = i % set.size();
        }
        return set.subset(indices);
    }

    static Examples loadFlat(String part) {
        if ("djl".equals(System.getProperty("bench.loader"))) {
            MnistSource source = MnistSource.fashionMnist(dataDir());
            return part.equals("train") ? source.train() : source.test();
        }
        String prefix = part.equals("train") ? "train" : "t10k";
        return dev.nntrain.data.mnist.Idx.read(dataDir().resolve(prefix + "-images-idx3-ubyte.gz"),
                dataDir().resolve(prefix + "-labels-idx1-ubyte.gz"));
    }

    static int threads(Spec s) {
        String t = System.getProperty("bench.threads", "auto");
        if (!t.equals("auto")) {
            return Integer.parseInt(t);
        }
        return 0; // measured by Tuner once the model is compiled
    }

    /** {@code -Dbench.device=gpu} trains nntrain on the first GPU (bench/gpu.sh). */
    static ai.djl.Device device() {
        return "gpu".equals(System.getProperty("bench.device")) ? ai.djl.Device.gpu() : ai.djl.Device.cpu();
    }

    static Sequential model(Spec s) {
        return model(s, device());
    }

    static Sequential model(Spec s, ai.djl.Device device) {
        if (s.convolutional()) {
            return Sequential.builder().optSeed(1).optInputShape(1, 28, 28).optDevice(device)
                    .add(dev.nntrain.model.layer.Conv2D.of(8, 3, Activation.RELU))
                    .add(dev.nntrain.model.layer.MaxPool2D.of(2))
                    .add(dev.nntrain.model.layer.Flatten.of())
                    .add(Dense.of(10))
                    .build();
        }
        Sequential.Builder b = Sequential.builder().optSeed(1).optInputShape(784).optDevice(device);
        for (int h : s.hidden()) {
            b.add(Dense.of(h, Activation.RELU));
        }
        return b.add(Dense.of(10)).build();
    }

    /** nntrain: CompiledModel.fit, warm-up epoch then timed epochs; samples/s from the History. */
    static void nntrain(Spec s) throws Exception {
        Examples train = load("train");
        Examples test = load("test");
        int threads = threads(s);
        boolean autograd = Boolean.getBoolean("bench.autograd"); // DJL's autograd instead of the written-out path
        try (CompiledModel net = CompiledModel.compile(model(s), new SparseCategoricalCrossentropy(true), new Adam(1e-3))) {
            net.setWrittenBackpropAllowed(!autograd);
            if (threads > 0) {
                Engines.setThreads(threads);
            } else {
                threads = dev.nntrain.train.tune.Tuner.threads(net, train, s.batch()); // as `nntrain train` does
            }
            History h = net.fit(train, FitOptions.builder().optEpochs(WARMUP + TIMED).optBatchSize(s.batch())
                    .optSeed(1).optTrainAccuracy(false).optVerbose(0).build());
            List<Double> rates = new ArrayList<>();
            for (EpochLogs e : h.epochs().subList(WARMUP, WARMUP + TIMED)) {
                rates.add(e.samplesPerSecond());
            }
            double acc = net.evaluate(test).accuracy();
            String who = (device().isGpu() ? "nntrain-gpu" : "nntrain") + (autograd ? "-autograd" : "");
            System.out.println(result(who, s, threads, rates, acc));
        }
    }

    /**
     * Stock DJL: EasyTrain over an ArrayDataset with the default training listeners. With {@code
     * default} it keeps DJL's own thread setting (2 intra-op threads on this machine), as a user
     * who changes nothing gets; with a number it uses that many threads.
     */
    static void stockDjl(Spec s, String threadSetting) throws Exception {
        Examples train = load("train");
        Examples test = load("test");
        int threads;
        if (threadSetting.equals("default")) {
            ai.djl.engine.Engine.getInstance();
            threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        } else {
            threads = Integer.parseInt(threadSetting);
            Engines.setThreads(threads);
        }
        String label = threadSetting.equals("default") ? "stock-djl" : "stock-djl-" + threads + "t";
        try (NDManager manager = NDManager.newBaseManager(); Model model = Model.newInstance("stock-djl")) {
            SequentialBlock block = new SequentialBlock();
            if (s.convolutional()) {
                block.add(ai.djl.nn.convolutional.Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3)).build())
                        .add(ai.djl.nn.Activation.reluBlock())
                        .add(ai.djl.nn.pooling.Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(ai.djl.nn.Blocks.batchFlattenBlock());
            }
            for (int h : s.hidden()) {
                block.add(Linear.builder().setUnits(h).build()).add(ai.djl.nn.Activation.reluBlock());
            }
            block.add(Linear.builder().setUnits(10).build());
            model.setBlock(block);
            ArrayDataset trainSet = dataset(manager, train, s.batch(), true);
            List<Double> rates = new ArrayList<>();
            long[] start = new long[1];
            DefaultTrainingConfig config = new DefaultTrainingConfig(ai.djl.training.loss.Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(ai.djl.training.optimizer.Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed(1e-3f)).build())
                    .addTrainingListeners(TrainingListener.Defaults.basic())
                    .addTrainingListeners(new TrainingListenerAdapter() {
                        @Override
                        public void onEpoch(Trainer trainer) {
                            long now = System.nanoTime();
                            rates.add(train.size() / ((now - start[0]) / 1e9));
                            start[0] = now;
                        }
                    });
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(s.convolutional() ? new Shape(s.batch(), 1, 28, 28) : new Shape(s.batch(), 784));
                start[0] = System.nanoTime();
                EasyTrain.fit(trainer, WARMUP + TIMED, trainSet, null);
                ArrayDataset testSet = dataset(manager, test, 1000, false);
                long right = 0;
                for (ai.djl.training.dataset.Batch batch : trainer.iterateDataset(testSet)) {
                    NDArray out = trainer.evaluate(batch.getData()).singletonOrThrow();
                    right += out.argMax(1).toType(ai.djl.ndarray.types.DataType.INT64, false)
                            .eq(batch.getLabels().singletonOrThrow().toType(ai.djl.ndarray.types.DataType.INT64, false))
                            .sum().getLong();
                    batch.close();
                }
                System.out.println(result(label, s, threads, rates.subList(WARMUP, WARMUP + TIMED),
                        right / (double) test.size()));
            }
        }
    }

    static ArrayDataset dataset(NDManager manager, Examples e, int batch, boolean shuffle) {
        long[] shape = new long[e.featureShape().length + 1];
        shape[0] = e.size();
        System.arraycopy(e.featureShape(), 0, shape, 1, shape.length - 1);
        return new ArrayDataset.Builder()
                .setData(manager.create(e.features(), new Shape(shape)))
                .optLabels(manager.create(e.targets(), new Shape(e.size())))
                .setSampling(batch, shuffle)
                .build();
    }

    /** RSS after every epoch of a long nntrain run: a leak shows as steady growth. */
    static void leak(Spec s, int epochs) throws Exception {
        Examples train = load("train");
        Engines.setThreads(Math.max(1, threads(s))); // a fixed count: the tuner's trial models would blur the RSS
        List<Long> rss = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void onEpochEnd(EpochLogs logs, TrainingContext context) {
                rss.add(rssKb());
            }
        };
        try (CompiledModel net = CompiledModel.compile(model(s), new SparseCategoricalCrossentropy(true), new Adam(1e-3))) {
            net.fit(train, FitOptions.builder().optEpochs(epochs).optBatchSize(s.batch()).optSeed(1)
                    .optTrainAccuracy(false).optVerbose(0).addCallback(probe).build());
        }
        StringBuilder sb = new StringBuilder("contender=nntrain-leak model=" + s.name() + " rss_kb_per_epoch=");
        for (int i = 0; i < rss.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(rss.get(i));
        }
        System.out.println(sb);
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return -1;
    }

    /**
     * Where the crossover between CPU and GPU lies, and whether {@code --device auto} finds it: for
     * the course model, the CNN and dense 784-W-W-10 models of growing width, the samples/s of two
     * epochs on each device (after a warm-up epoch, threads tuned on the CPU as {@code train} does)
     * beside the device {@code Tuner.device} chooses. One line per model; "-" where no GPU is seen.
     */
    static void crossover() throws Exception {
        List<Spec> specs = new ArrayList<>(List.of(spec("course"), spec("cnn")));
        for (int width : new int[] {64, 128, 256, 512, 1024, 2048}) {
            specs.add(new Spec("dense" + width, new int[] {width, width}, 128));
        }
        boolean gpu = Engines.gpuCount() > 0;
        for (Spec s : specs) {
            System.setProperty("bench.model", s.convolutional() ? "cnn" : s.name());
            Examples train = load("train");
            ai.djl.Device chosen;
            try (CompiledModel net = CompiledModel.compile(model(s, ai.djl.Device.cpu()), new SparseCategoricalCrossentropy(true), new Adam(1e-3))) {
                dev.nntrain.train.tune.Tuner.threads(net, train, s.batch());
                chosen = gpu ? dev.nntrain.train.tune.Tuner.device(net, train, s.batch()) : ai.djl.Device.cpu();
            }
            double cpu = epochRate(s, train, ai.djl.Device.cpu());
            String onGpu = gpu ? String.format("%.0f", epochRate(s, train, ai.djl.Device.gpu())) : "-";
            System.out.printf("contender=crossover model=%s batch=%d params=%d threads=%d cpu_samples_per_s=%.0f gpu_samples_per_s=%s auto=%s%n",
                    s.name(), s.batch(), s.parameters(), Engines.threads(), cpu, onGpu, chosen.isGpu() ? "gpu" : "cpu");
        }
    }

    /** The better of two epochs after a warm-up epoch, on one device. */
    static double epochRate(Spec s, Examples train, ai.djl.Device device) {
        try (CompiledModel net = CompiledModel.compile(model(s, device), new SparseCategoricalCrossentropy(true), new Adam(1e-3))) {
            History h = net.fit(train, FitOptions.builder().optEpochs(3).optBatchSize(s.batch()).optSeed(1)
                    .optTrainAccuracy(false).optVerbose(0).build());
            return Math.max(h.epochs().get(1).samplesPerSecond(), h.epochs().get(2).samplesPerSecond());
        }
    }

    /** The float32 matrix-multiply rate through DJL, on 1 thread and on all cores. */
    static void matmul() {
        int cores = Runtime.getRuntime().availableProcessors();
        StringBuilder sb = new StringBuilder("contender=matmul");
        for (int threads : new int[] {1, cores}) {
            Engines.setThreads(threads);
            try (NDManager m = NDManager.newBaseManager()) {
                int n = 1024;
                NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
                NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
                for (int i = 0; i < 3; i++) {
                    a.matMul(b).close();
                }
                double best = 0;
                for (int rep = 0; rep < 5; rep++) {
                    long t0 = System.nanoTime();
                    int iters = 10;
                    for (int i = 0; i < iters; i++) {
                        a.matMul(b).close();
                    }
                    double s = (System.nanoTime() - t0) / 1e9 / iters;
                    best = Math.max(best, 2.0 * n * n * n / s / 1e9);
                }
                sb.append(" gflops_").append(threads).append("t=").append(String.format("%.1f", best));
            }
        }
        System.out.println(sb);
    }

    static String result(String who, Spec s, int threads, List<Double> rates, double accuracy) {
        StringBuilder sb = new StringBuilder();
        sb.append("contender=").append(who).append(" model=").append(s.name()).append(" threads=").append(threads)
                .append(" params=").append(s.parameters()).append(" samples_per_s=");
        for (int i = 0; i < rates.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(String.format("%.0f", rates.get(i)));
        }
        sb.append(" accuracy=").append(String.format("%.4f", accuracy));
        return sb.toString();
    }
}
