package dev.nntrain.train;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.file.ModelFiles;
import dev.nntrain.train.callback.CallbackState;
import dev.nntrain.train.optimizer.Optimizer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A fit's state between two epochs, enough to continue it as if it had never stopped: the model
 * (saved as a model directory, so {@code nntrain evaluate} reads it too), the optimiser's state
 * (Adam's moments and step count, and the current learning rate), the callbacks' states
 * (early stopping's, ReduceLROnPlateau's), the epochs done with their history, the state of the random
 * generator that shuffles and augments, and the current order of the examples. Written with the
 * model in one atomic step (see {@link ModelFiles}), so a process killed while writing leaves the
 * previous checkpoint whole.
 *
 * <p>A checkpoint also records what the fit was given (batch size, seed, shuffling, the training
 * data's size and checksum, the optimiser, the loss, the augmentation, the class weights), and
 * resuming refuses a fit that differs, since it could not give the same result.
 */
public final class Checkpoint {

    /** The model directory's attachment that holds the training state. */
    static final String ATTACHMENT = "training";

    private static final String MAGIC = "nntrain-checkpoint";
    /**
     * 2 added the callbacks' states, whether a callback had stopped the fit, and val_mae; 3 the
     * training mae; 4 the learning rate, the current one (a schedule changes it) and each epoch's.
     * 1 to 3 still read, their fits having run at the compiled rate. 5 the class weights (earlier
     * formats' fits had none). 6 a checksum of the sample weights (earlier formats' fits had none).
     */
    private static final int VERSION = 6;

    private final int epoch;
    private final Fit fit;
    private final ResumableRandom.State random;
    private final int[] order;
    private final List<EpochLogs> history;
    private final Optimizer.Updater.State optimizer;
    private final boolean stopped;
    private final List<CallbackState> callbacks;

    /**
     * What a fit was given that decides its result.
     *
     * @param batchSize the batch size
     * @param shuffle whether examples are reshuffled every epoch
     * @param seed the fit's seed
     * @param examples the number of training examples
     * @param data a checksum of the training examples' features and targets
     * @param optimizer the optimiser, as its {@code toString}
     * @param loss the loss's name
     * @param augmentation the augmentation, as its {@code toString}, or empty
     * @param validation a checksum of the validation examples (they decide early stopping), 0 for
     *     none, -1 when not recorded (format 1)
     * @param classWeights the class weights the fit trained with, class to weight in full
     *     precision ({@code {0=1.0, 1=5.0}}), or empty for none
     * @param sampleWeights a checksum of the training examples' own weights, 0 for none
     */
    record Fit(int batchSize, boolean shuffle, long seed, int examples, long data, String optimizer,
            String loss, String augmentation, long validation, String classWeights, long sampleWeights) {

        static Fit of(CompiledModel owner, FitOptions options, long seed, Examples train, Examples validation,
                ClassWeights.Resolved classWeights, float[] sampleWeights) {
            return new Fit(options.batchSize(), options.shuffle(), seed, train.size(), checksum(train),
                    owner.optimizer().toString(), owner.loss().name(),
                    options.augmentation() == null ? "" : options.augmentation().toString(),
                    validation == null ? 0 : checksum(validation),
                    // the resolved weights: balanced ones are the same for the same training data
                    classWeights == null ? "" : classWeights.weights().toString(),
                    sampleWeights == null ? 0 : checksum(sampleWeights));
        }

        /** Names the first setting in which another fit differs from this one's, or returns null. */
        String difference(Fit other) {
            String[][] pairs = {
                {"batch size", "" + batchSize, "" + other.batchSize},
                {"shuffling", "" + shuffle, "" + other.shuffle},
                {"seed", "" + seed, "" + other.seed},
                {"training examples", "" + examples, "" + other.examples},
                {"training data checksum", Long.toHexString(data), Long.toHexString(other.data)},
                {"optimizer", optimizer, other.optimizer},
                {"loss", loss, other.loss},
                {"augmentation", augmentation, other.augmentation},
                {"validation data checksum", Long.toHexString(validation),
                    Long.toHexString(validation == -1 ? -1 : other.validation)}, // format 1 recorded none
                {"class weights", classWeights.isEmpty() ? "none" : classWeights,
                    other.classWeights.isEmpty() ? "none" : other.classWeights},
                {"sample weights", sampleWeights == 0 ? "none" : "checksum " + Long.toHexString(sampleWeights),
                    other.sampleWeights == 0 ? "none" : "checksum " + Long.toHexString(other.sampleWeights)},
            };
            for (String[] p : pairs) {
                if (!p[1].equals(p[2])) {
                    String why = p[0] + " " + p[1] + " (this fit: " + p[2] + ")";
                    if (validation == -1 && p[0].startsWith("training data")) {
                        // format 1 came from an nntrain that standardised CSV rows in float, not double
                        why += ", which a checkpoint of an earlier nntrain gets for standardised CSV rows: its run"
                                + " cannot be continued exactly; start it afresh";
                    }
                    return why;
                }
            }
            return null;
        }
    }

    Checkpoint(int epoch, Fit fit, ResumableRandom.State random, int[] order, List<EpochLogs> history,
            Optimizer.Updater.State optimizer, boolean stopped, List<CallbackState> callbacks) {
        this.epoch = epoch;
        this.fit = fit;
        this.random = random;
        this.order = order;
        this.history = List.copyOf(history);
        this.optimizer = optimizer;
        this.stopped = stopped;
        this.callbacks = callbacks == null ? null : List.copyOf(callbacks);
    }

    /** @return false for a checkpoint of format 1, which kept no callback states (they start afresh) */
    boolean recordsCallbacks() {
        return callbacks != null;
    }

    /** @return whether a callback (early stopping) had ended the fit when this was saved */
    public boolean stopped() {
        return stopped;
    }

    /** @return the states of the fit's callbacks that keep one, in the fit's order */
    public List<CallbackState> callbackStates() {
        return callbacks == null ? List.of() : callbacks;
    }

    /** @return the number of epochs done */
    public int epoch() {
        return epoch;
    }

    /** @return the metrics of the epochs done */
    public List<EpochLogs> history() {
        return Collections.unmodifiableList(history);
    }

    /** @return the optimiser's steps taken */
    public long steps() {
        return optimizer.steps();
    }

    Fit fit() {
        return fit;
    }

    ResumableRandom.State random() {
        return random;
    }

    int[] order() {
        return order.clone();
    }

    Optimizer.Updater.State optimizer() {
        return optimizer;
    }

    /**
     * Writes the checkpoint with its model, replacing an earlier one atomically.
     *
     * @param dir the checkpoint directory
     * @param model the model being trained
     * @throws IOException if writing fails
     */
    void write(Path dir, Sequential model) throws IOException {
        ModelFiles.save(model, dir, Map.of(ATTACHMENT, encode()));
    }

    /**
     * Reads a checkpoint's training state (its checksum verified), without loading its model.
     *
     * @param dir the checkpoint directory
     * @return the checkpoint
     * @throws InvalidInputException if it is missing, damaged or not a checkpoint
     */
    public static Checkpoint read(Path dir) {
        byte[] bytes = ModelFiles.attachment(dir, ATTACHMENT, LoadOptions.defaults());
        try {
            return decode(bytes);
        } catch (java.io.EOFException e) {
            throw new ModelFormatException("checkpoint " + dir + " has a damaged training state: it ends before its last"
                    + " part (" + bytes.length + " bytes; truncated?)", e);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException("checkpoint " + dir + " has a damaged training state: "
                    + (e.getMessage() == null ? "unreadable" : e.getMessage()), e);
        }
    }

    private byte[] encode() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(epoch);
            out.writeInt(fit.batchSize());
            out.writeBoolean(fit.shuffle());
            out.writeLong(fit.seed());
            out.writeInt(fit.examples());
            out.writeLong(fit.data());
            out.writeUTF(fit.optimizer());
            out.writeUTF(fit.loss());
            out.writeUTF(fit.augmentation());
            out.writeLong(fit.validation());
            out.writeUTF(fit.classWeights());
            out.writeLong(fit.sampleWeights());
            out.writeLong(random.seed());
            out.writeBoolean(random.haveNextGaussian());
            out.writeDouble(random.nextGaussian());
            out.writeInt(order.length);
            for (int i : order) {
                out.writeInt(i);
            }
            out.writeInt(history.size());
            for (EpochLogs e : history) {
                out.writeInt(e.epoch());
                for (double d : new double[] {e.loss(), e.accuracy(), e.meanAbsoluteError(), e.valLoss(), e.valAccuracy(),
                    e.valMeanAbsoluteError(), e.learningRate(), e.seconds(), e.samplesPerSecond()}) {
                    out.writeDouble(d);
                }
            }
            out.writeLong(optimizer.steps());
            out.writeDouble(optimizer.learningRate());
            out.writeInt(optimizer.arrays().size());
            for (double[] a : optimizer.arrays()) {
                writeDoubles(out, a);
            }
            out.writeBoolean(stopped);
            out.writeInt(callbackStates().size());
            for (CallbackState c : callbackStates()) {
                out.writeUTF(c.callback());
                out.writeInt(c.names().size());
                for (String name : c.names()) {
                    out.writeUTF(name);
                    writeDoubles(out, c.get(name));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void writeDoubles(DataOutputStream out, double[] a) throws IOException {
        out.writeInt(a.length);
        ByteBuffer buffer = ByteBuffer.allocate(a.length * Double.BYTES);
        buffer.asDoubleBuffer().put(a);
        out.write(buffer.array());
    }

    private static double[] readDoubles(DataInputStream in, int fileSize, String what) throws IOException {
        double[] a = new double[bounded(in.readInt(), fileSize / 8, what)];
        byte[] raw = in.readNBytes(a.length * Double.BYTES);
        if (raw.length != a.length * Double.BYTES) {
            throw new IOException("the " + what + " is truncated");
        }
        ByteBuffer.wrap(raw).asDoubleBuffer().get(a);
        return a;
    }

    private static Checkpoint decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (!MAGIC.equals(in.readUTF())) {
            throw new IOException("not an nntrain checkpoint");
        }
        int version = in.readInt();
        if (version < 1 || version > VERSION) {
            throw new IOException("checkpoint format " + version + " is not one this nntrain reads (1 to " + VERSION + ")");
        }
        int epoch = in.readInt();
        Fit fit = new Fit(in.readInt(), in.readBoolean(), in.readLong(), in.readInt(), in.readLong(),
                in.readUTF(), in.readUTF(), in.readUTF(), version >= 2 ? in.readLong() : -1,
                version >= 5 ? in.readUTF() : "", // before format 5 no fit had class weights
                version >= 6 ? in.readLong() : 0); // nor sample weights before format 6
        ResumableRandom.State random = new ResumableRandom.State(in.readLong(), in.readBoolean(), in.readDouble());
        int[] order = new int[bounded(in.readInt(), bytes.length / 4, "order")];
        for (int i = 0; i < order.length; i++) {
            order[i] = in.readInt();
        }
        checkPermutation(order);
        List<EpochLogs> history = new ArrayList<>();
        int count = bounded(in.readInt(), bytes.length / 52, "history");
        for (int i = 0; i < count; i++) {
            int e = in.readInt();
            double loss = in.readDouble();
            double accuracy = in.readDouble();
            double mae = version >= 3 ? in.readDouble() : Double.NaN; // formats 1 and 2 had no training mae
            double valLoss = in.readDouble();
            double valAccuracy = in.readDouble();
            double valMae = version >= 2 ? in.readDouble() : Double.NaN; // format 1 had no val_mae
            double rate = version >= 4 ? in.readDouble() : Double.NaN; // formats 1 to 3 had no learning rate
            // NaN: an epoch of a format-3 checkpoint that a later one carried over, its rate not recorded
            if (!Double.isNaN(rate) && !(rate > 0 && rate < Double.POSITIVE_INFINITY)) {
                throw new IOException("epoch " + e + "'s learning rate " + rate + " is not a positive finite number");
            }
            history.add(new EpochLogs(e, loss, accuracy, mae, valLoss, valAccuracy, valMae, rate, in.readDouble(),
                    in.readDouble()));
        }
        long steps = in.readLong();
        // NaN before format 4: the fit ran at the compiled rate, which restoring puts back
        double learningRate = version >= 4 ? in.readDouble() : Double.NaN;
        if (version >= 4 && !(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IOException("its learning rate " + learningRate + " is not a positive finite number");
        }
        List<double[]> arrays = new ArrayList<>();
        int arrayCount = bounded(in.readInt(), 16, "optimizer arrays");
        for (int k = 0; k < arrayCount; k++) {
            arrays.add(readDoubles(in, bytes.length, "optimizer state"));
        }
        boolean stopped = false;
        List<CallbackState> callbacks = version >= 2 ? new ArrayList<>() : null;
        if (version >= 2) {
            stopped = in.readBoolean();
            int callbackCount = bounded(in.readInt(), bytes.length / 6, "callback states");
            for (int c = 0; c < callbackCount; c++) {
                String name = in.readUTF();
                Map<String, double[]> values = new LinkedHashMap<>();
                int valueCount = bounded(in.readInt(), bytes.length / 6, "callback values");
                for (int v = 0; v < valueCount; v++) {
                    values.put(in.readUTF(), readDoubles(in, bytes.length, "callback state"));
                }
                callbacks.add(new CallbackState(name, values));
            }
        }
        if (in.available() != 0 || epoch < 1 || count != epoch || order.length != fit.examples()) {
            throw new IOException("its parts do not agree (epoch " + epoch + ", " + count + " epochs of history, "
                    + order.length + " of " + fit.examples() + " examples ordered)");
        }
        return new Checkpoint(epoch, fit, random, order, history, new Optimizer.Updater.State(steps, arrays, learningRate), stopped,
                callbacks);
    }

    private static int bounded(int n, int max, String what) throws IOException {
        if (n < 0 || n > max) {
            throw new IOException(what + " length " + n + " is impossible in a file of this size");
        }
        return n;
    }

    private static void checkPermutation(int[] order) throws IOException {
        boolean[] seen = new boolean[order.length];
        for (int i : order) {
            if (i < 0 || i >= order.length || seen[i]) {
                throw new IOException("the order of the examples is not a permutation");
            }
            seen[i] = true;
        }
    }

    /** A checksum of a data set's features and targets, cheap next to an epoch. */
    static long checksum(Examples data) {
        CRC32C crc = new CRC32C();
        if (data.hasPixels()) {
            crc.update(data.pixels());
        } else {
            update(crc, data.features());
        }
        update(crc, data.targets());
        for (long d : data.featureShape()) {
            crc.update(ByteBuffer.allocate(8).putLong(d).flip());
        }
        return crc.getValue();
    }

    private static long checksum(float[] values) {
        CRC32C crc = new CRC32C();
        update(crc, values);
        return crc.getValue();
    }

    private static void update(CRC32C crc, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(4096 * Float.BYTES);
        for (int start = 0; start < values.length; start += 4096) {
            int n = Math.min(4096, values.length - start);
            buffer.clear();
            buffer.asFloatBuffer().put(values, start, n);
            buffer.limit(n * Float.BYTES);
            crc.update(buffer);
        }
    }
}
