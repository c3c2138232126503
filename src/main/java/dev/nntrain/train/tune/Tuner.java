package dev.nntrain.train.tune;

import ai.djl.Device;

import dev.nntrain.data.Examples;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses the engine's CPU thread count, and between the CPU and a GPU, for a model by measuring:
 * a few dozen training steps of a throwaway copy of the model with each candidate, alternated, the
 * fastest kept.
 *
 * <p>Why measure: whether a second thread pays depends on the model, the batch, the machine and
 * what else runs on it. On 2 cores the course's small dense model trains faster on one thread
 * (waking the second costs more than its share of the arithmetic), a wide dense model faster on
 * two, and a small convolutional network either way depending on the load; an estimate from
 * operation counts got the last one wrong. Likewise a GPU trains the course's tiny model several
 * times slower than two CPU cores (each step is a few dozen kernel launches of almost no work)
 * and large models much faster. The copy has the same layers, loss and optimiser, so the trained
 * model and its optimiser state are untouched.
 */
public final class Tuner {

    /** Steps timed per candidate and round: the fewest, and all of the warm-up pass and the device trials. */
    private static final int STEPS = 24;
    /** The most steps timed per candidate and round. */
    private static final int MAX_STEPS = 96;
    /** The time a thread-count trial aims at. */
    private static final double TRIAL_SECONDS = 0.5;
    /** Rounds; each candidate's best round counts, so one noisy moment does not decide. */
    private static final int ROUNDS = 2;
    /** How much faster a candidate with more threads must be than the one chosen so far. */
    static final double MARGIN = 0.05;

    private Tuner() {}

    /**
     * Measures the candidate thread counts (1, 2, 4, ... up to the available processors) and
     * sets the fastest on the engine. On a GPU the thread count does not matter: nothing is
     * measured and the current setting stays.
     *
     * @param net the compiled model (its layers, loss, optimiser, data type and device)
     * @param data training examples to time on (only the first few batches are used)
     * @param batchSize the batch size training will use
     * @return the chosen thread count
     */
    public static int threads(CompiledModel net, Examples data, int batchSize) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(data, "data");
        Sequential model = net.model();
        if (model.isBuilt() && !model.device().equals(Device.cpu())) {
            return Engines.threads();
        }
        List<Integer> candidates = new ArrayList<>();
        for (int t = 1; t <= Runtime.getRuntime().availableProcessors(); t *= 2) {
            candidates.add(t);
        }
        if (candidates.size() == 1) {
            Engines.setThreads(1);
            return 1;
        }
        // One pass first, its time not compared: the JIT and the engine warm up over the first few
        // hundred steps, and without it whichever candidate ran last looked fastest (a wide model
        // measured 27,500 then 39,100 samples/s on 1 thread, in the first round and the second).
        // Its rate sizes the trials to about half a second (24 to 96 steps): 24 steps of the wide
        // model took 0.06 s, too short to show what a second thread gives it.
        Engines.setThreads(candidates.get(candidates.size() - 1));
        double rate = samplesPerSecond(net, data.slice(0, Math.min(data.size(), STEPS * batchSize)), batchSize, null);
        long steps = Math.max(STEPS, Math.min(MAX_STEPS, Math.round(TRIAL_SECONDS * rate / batchSize)));
        Examples sample = data.slice(0, (int) Math.min(data.size(), steps * batchSize));
        double[] best = new double[candidates.size()];
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < candidates.size(); c++) {
                // alternate the order, so that neither count always meets the warmer machine
                int i = round % 2 == 0 ? c : candidates.size() - 1 - c;
                Engines.setThreads(candidates.get(i));
                best[i] = Math.max(best[i], samplesPerSecond(net, sample, batchSize, null));
            }
        }
        int fastest = choose(best);
        Engines.setThreads(candidates.get(fastest));
        return candidates.get(fastest);
    }

    /**
     * Picks among candidates ordered from the fewest threads up: a candidate with more threads
     * must beat the one chosen so far by more than {@value #MARGIN} to replace it. Two short
     * timings on a shared machine differ by several percent with nothing changed (a benchmark's
     * CNN once went to 2 threads this way and trained 20 % slower), and a thread that does not
     * clearly pay is better left to the rest of the machine.
     *
     * @param samplesPerSecond each candidate's best rate, fewest threads first
     * @return the index of the chosen candidate
     */
    static int choose(double[] samplesPerSecond) {
        int chosen = 0;
        for (int i = 1; i < samplesPerSecond.length; i++) {
            if (samplesPerSecond[i] > samplesPerSecond[chosen] * (1 + MARGIN)) {
                chosen = i;
            }
        }
        return chosen;
    }

    /**
     * Chooses where to train: the CPU when no GPU is visible; otherwise whichever of the CPU (with
     * its best thread count) and the first GPU trains a copy of the model faster. The model itself
     * is not moved: build it on the returned device.
     *
     * @param net the compiled model
     * @param data training examples to time on (only the first few batches are used)
     * @param batchSize the batch size training will use
     * @return {@link Device#cpu()} or {@link Device#gpu()}
     */
    public static Device device(CompiledModel net, Examples data, int batchSize) {
        return deviceChoice(net, data, batchSize).device();
    }

    /**
     * As {@link #device}, with the rates measured on each device, for saying why.
     *
     * @param net the compiled model
     * @param data training examples to time on (only the first few batches are used)
     * @param batchSize the batch size training will use
     * @return the device and the two rates (NaN when no GPU is visible and nothing was measured)
     */
    public static DeviceChoice deviceChoice(CompiledModel net, Examples data, int batchSize) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(data, "data");
        if (Engines.gpuCount() == 0) {
            return new DeviceChoice(Device.cpu(), Double.NaN, Double.NaN);
        }
        Examples sample = data.slice(0, Math.min(data.size(), STEPS * batchSize));
        threads(net, data, batchSize);
        double cpu = 0;
        double gpu = 0;
        for (int round = 0; round < ROUNDS; round++) {
            cpu = Math.max(cpu, samplesPerSecond(net, sample, batchSize, Device.cpu()));
            gpu = Math.max(gpu, samplesPerSecond(net, sample, batchSize, Device.gpu()));
        }
        return new DeviceChoice(gpu > cpu ? Device.gpu() : Device.cpu(), cpu, gpu);
    }

    /**
     * Where {@link #deviceChoice} chose to train, and what it measured.
     *
     * @param device the chosen device
     * @param cpuSamplesPerSecond the better of the CPU trials, NaN when not measured
     * @param gpuSamplesPerSecond the better of the GPU trials, NaN when not measured
     */
    public record DeviceChoice(Device device, double cpuSamplesPerSecond, double gpuSamplesPerSecond) {

        /**
         * Requires the device.
         *
         * @param device the device chosen
         * @param cpuSamplesPerSecond the CPU's measured speed, NaN when not measured
         * @param gpuSamplesPerSecond the GPU's measured speed, NaN when not measured
         */
        public DeviceChoice {
            Objects.requireNonNull(device, "device");
        }

        /** @return "measured: ... samples/s on the GPU, ... on the CPU", or "" when nothing was measured */
        public String describe() {
            if (Double.isNaN(cpuSamplesPerSecond) || Double.isNaN(gpuSamplesPerSecond)) {
                return "";
            }
            return String.format(java.util.Locale.ROOT, "measured: %,.0f samples/s on the GPU, %,.0f on the CPU",
                    gpuSamplesPerSecond, cpuSamplesPerSecond);
        }
    }

    /** One epoch of a fresh copy of the model over the sample: samples per second. */
    private static double samplesPerSecond(CompiledModel net, Examples sample, int batchSize, Device device) {
        Sequential original = net.model();
        Sequential.Builder copy = Sequential.builder()
                .addAll(original.layers().toArray(Layer[]::new))
                .optDataType(original.dataType())
                .optSeed(0);
        if (device != null) {
            copy.optDevice(device);
        } else if (original.isBuilt()) {
            copy.optDevice(original.device());
        }
        if (original.isBuilt()) {
            copy.optInputShape(original.inputShape()); // a convolutional model's, which flat rows are given
        }
        try (CompiledModel trial = CompiledModel.compile(copy.build(), net.loss(), net.optimizer())) {
            trial.setInputScaling(net.inputScaling().orElse(null)); // raw rows, scaled as the real fit scales them
            // one warm-up step, so that the engine's first-call setup is not timed
            trial.fit(sample.slice(0, Math.min(sample.size(), batchSize)), FitOptions.builder().optEpochs(1)
                    .optBatchSize(batchSize).optSeed(0).optTrainAccuracy(false).optVerbose(0).build());
            History h = trial.fit(sample, FitOptions.builder().optEpochs(1).optBatchSize(batchSize).optSeed(0)
                    .optTrainAccuracy(false).optVerbose(0).build());
            return h.last().samplesPerSecond();
        }
    }
}
