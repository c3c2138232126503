package dev.nntrain.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

import dev.nntrain.InvalidInputException;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.file.ModelFiles;
import dev.nntrain.model.weights.KerasWeights;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A Keras-style stack of layers, {@code Sequential.of(Dense.of(25, RELU), Dense.of(15, RELU),
 * Dense.of(10))}, computed by a DJL {@link SequentialBlock} of the layers' blocks: {@code Linear}
 * for {@link dev.nntrain.model.layer.Dense}, {@code Conv1d} and {@code Conv2d} for {@link
 * dev.nntrain.model.layer.Conv1D} and {@link dev.nntrain.model.layer.Conv2D}, pooling, flattening,
 * dropout and activation blocks.
 *
 * <p>A model is <em>built</em> once its input shape is known: given explicitly ({@link
 * #build(long...)}, {@link Builder#optInputShape(long...)}) or taken from the data at the first
 * fit. Building walks the shapes once, allocates the parameters in one {@link ParameterStorage}
 * and draws the initial weights from the model's seed. Close the model to free them. Training
 * lives in {@code dev.nntrain.train}; the summary, Keras-layout weights and files have classes of
 * their own ({@link ModelSummary}, {@link KerasWeights}, {@link ModelFiles}).
 */
public final class Sequential implements AutoCloseable {

    private final List<Layer> layers;
    private final List<String> names;
    private final Device device;
    private final DataType dataType;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Long seed;

    private Model model;
    private boolean closed;
    private SequentialBlock block;
    private ParameterStore store;
    private ParameterStorage storage;
    private LayerShapes shapes;
    /**
     * Each layer's blocks, in order: the same blocks as the sequential block's children, kept
     * here because DJL's {@code getChildren()} copies its list on every call.
     */
    private Block[][] layerBlocks;

    private Sequential(Builder builder) {
        if (builder.layers.isEmpty()) {
            throw new InvalidInputException("a Sequential model needs at least one layer");
        }
        this.layers = List.copyOf(builder.layers);
        this.names = assignNames(layers);
        this.device = builder.device;
        this.dataType = builder.dataType;
        this.seed = builder.seed;
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i).activation() == Activation.SOFTMAX) {
                throw new InvalidInputException(
                        "softmax is only allowed on the output layer, found on layer "
                                + (i + 1) + " (" + names.get(i) + ")");
            }
        }
        if (builder.inputShape != null) {
            build(builder.inputShape);
        }
    }

    /**
     * Creates a model from its layers; it is built at the first fit or {@link #build(long...)}.
     *
     * @param layers the layers, input to output
     * @return the model
     */
    public static Sequential of(Layer... layers) {
        Objects.requireNonNull(layers, "layers");
        return builder().addAll(layers).build();
    }

    /** @return a builder for a model with options (input shape, seed, device, data type) */
    public static Builder builder() {
        return new Builder();
    }

    private static List<String> assignNames(List<Layer> layers) {
        List<String> out = new ArrayList<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Layer layer : layers) {
            String base = snakeCase(layer.typeName());
            int n = counts.merge(base, 1, Integer::sum);
            String name = layer.name() != null ? layer.name() : base + "_" + n;
            if (out.contains(name)) {
                throw new InvalidInputException("two layers are named '" + name + "'");
            }
            out.add(name);
        }
        return Collections.unmodifiableList(out);
    }

    /** Keras' default layer names: {@code Dense} to {@code dense}, {@code MaxPooling2D} to {@code max_pooling2d}. */
    private static String snakeCase(String typeName) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < typeName.length(); i++) {
            char c = typeName.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(typeName.charAt(i - 1))) {
                sb.append('_');
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /**
     * Builds the model for an input shape with its seed (or a random seed when none was set).
     *
     * @param shape the shape of one example, e.g. {@code 784} or {@code 1, 28, 28}
     * @return this model
     */
    public Sequential build(long... shape) {
        Objects.requireNonNull(shape, "shape");
        return build(shape, seed != null ? seed : System.nanoTime());
    }

    /**
     * Builds the model for an input shape, drawing the initial weights from the model's own seed
     * when it has one, else from {@code fallbackSeed}. The same seed gives the same weights on any
     * engine, device and thread count.
     *
     * @param shape the shape of one example
     * @param fallbackSeed the seed of the weight initialisers when the model was given none
     * @return this model
     * @throws InvalidInputException if already built for another shape, or a layer cannot take
     *     its input
     */
    public Sequential build(long[] shape, long fallbackSeed) {
        Objects.requireNonNull(shape, "shape");
        requireOpen();
        if (isBuilt()) {
            if (!Arrays.equals(shape, shapes.input())) {
                throw new InvalidInputException(
                        "data has examples of shape " + Shapes.format(shape)
                                + " but the model was built for " + Shapes.format(shapes.input()));
            }
            return this;
        }
        Engines.prepareThread();
        LayerShapes walked = LayerShapes.walk(layers, names, shape);
        long initSeed = seed != null ? seed : fallbackSeed;
        SplittableRandom seeds = new SplittableRandom(initSeed);
        SequentialBlock seq = new SequentialBlock();
        Block[][] perLayer = new Block[layers.size()][];
        List<Parameter> parameters = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            long layerSeed = seeds.nextLong();
            Layer layer = layers.get(i);
            List<Block> blocks = layer instanceof WeightedLayer weighted
                    ? weighted.toBlocks(layerSeed, FlattenedRows.map(layers, walked, i))
                    : layer.toBlocks(layerSeed);
            perLayer[i] = blocks.toArray(new Block[0]);
            for (Block b : perLayer[i]) {
                // DJL's Linear and convolution blocks both name their arrays weight and bias
                if (!b.getParameters().isEmpty()) {
                    parameters.add(b.getParameters().get("weight"));
                    parameters.add(b.getParameters().get("bias"));
                }
                seq.add(b);
            }
        }
        Model m = device == null ? Model.newInstance("nntrain-sequential") : Model.newInstance("nntrain-sequential", device);
        try {
            m.setDataType(dataType);
            m.setBlock(seq);
            seq.initialize(m.getNDManager(), dataType, new Shape(Shapes.batched(1, shape)));
            this.storage = new ParameterStorage(m.getNDManager(), parameters, dataType);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        this.seed = initSeed;
        this.model = m;
        this.block = seq;
        this.shapes = walked;
        this.layerBlocks = perLayer;
        this.store = new ParameterStore(m.getNDManager(), false);
        return this;
    }

    /** @return whether the parameters exist (the input shape is known) */
    public boolean isBuilt() {
        return model != null;
    }

    /**
     * Refuses a model whose parameters have been freed, before anything would silently build it
     * afresh from its seed and lose its training.
     */
    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this model has been closed and its parameters freed (closing a"
                    + " CompiledModel closes its Sequential too); load or build a new model");
        }
    }

    void requireBuilt() {
        requireOpen();
        if (!isBuilt()) {
            throw new IllegalStateException(
                    "the model is not built yet: call build(inputShape) or fit it first");
        }
    }

    /** @return whether {@link #close} has freed the parameters; such a model cannot be used again */
    public boolean isClosed() {
        return closed;
    }

    /** @return the layers, input to output */
    public List<Layer> layers() {
        return layers;
    }

    /** @return the layers' names, e.g. {@code dense_1} */
    public List<String> layerNames() {
        return names;
    }

    /** @return the seed of the initial weights, or null if not built and none was given */
    public Long seed() {
        return seed;
    }

    /** @return the shape of one input example, or null before the model is built */
    public long[] inputShape() {
        return shapes == null ? null : shapes.input();
    }

    /** @return the shape of one output example (the output layer's width) */
    public long[] outputShape() {
        requireBuilt();
        return shapes.output(layers.size() - 1);
    }

    /** @return every layer's input, output and parameter shapes, walked once at build */
    public LayerShapes shapes() {
        requireBuilt();
        return shapes;
    }

    /** @return the output layer's activation */
    public Activation outputActivation() {
        return layers.get(layers.size() - 1).activation();
    }

    /** @return the model's floating-point type (FLOAT32 unless set) */
    public DataType dataType() {
        return dataType;
    }

    /** @return the device holding the parameters */
    public Device device() {
        requireBuilt();
        return model.getNDManager().getDevice();
    }

    /** @return the DJL model that owns the block and the parameters */
    public Model djlModel() {
        requireBuilt();
        return model;
    }

    /** @return the DJL block computing the network */
    public SequentialBlock block() {
        requireBuilt();
        return block;
    }

    /** @return the manager owning the parameters */
    public NDManager manager() {
        requireBuilt();
        return model.getNDManager();
    }

    /**
     * Free-form string properties saved with the model (the train package records the loss and
     * optimizer here).
     *
     * @return the mutable property map
     */
    public Map<String, String> properties() {
        return properties;
    }

    /** @return the one storage of the model's parameters, which DJL's blocks compute with */
    public ParameterStorage parameters() {
        requireBuilt();
        return storage;
    }

    /**
     * Returns the weights of the layers that have them (Dense, Conv1D, Conv2D) in Keras' layout,
     * to read or set layer by layer or for the whole model, as Keras' {@code get_weights} and
     * {@code set_weights} do; a dense layer after a Flatten of a feature map has its kernel's rows
     * in Keras' channels-last order (see {@link KerasWeights}).
     *
     * @return the weights, to read or set
     */
    public KerasWeights weights() {
        requireBuilt();
        return new KerasWeights(this);
    }

    /** @return the number of trainable parameters */
    public long parameterCount() {
        requireBuilt();
        return storage.size();
    }

    /** @return the estimated floating-point operations of one example's forward pass */
    public long forwardFlopsPerExample() {
        requireBuilt();
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            total += layers.get(i).forwardFlops(shapes.input(i));
        }
        return total;
    }

    /**
     * Checks that an input batch has this model's example shape.
     *
     * @param batchShape the shape of a batch, examples along the first axis
     * @throws InvalidInputException naming both shapes
     */
    public void checkInput(Shape batchShape) {
        Objects.requireNonNull(batchShape, "batchShape");
        requireBuilt();
        long[] example = batchShape.slice(1).getShape();
        long[] expected = shapes.input();
        if (!Arrays.equals(example, expected)) {
            String what = expected.length == 1 && example.length == 1
                    ? "data has " + example[0] + " features per example but the model expects " + expected[0]
                    : "data has examples of shape " + Shapes.format(example)
                            + " but the model expects " + Shapes.format(expected);
            throw new InvalidInputException(what);
        }
    }

    /**
     * Checks that a batch's values can be given to this model: numbers of any type, which {@link
     * #forward(NDArray)} converts to the model's {@link #dataType()}.
     *
     * @param type the batch's data type
     * @throws InvalidInputException for a type that holds no numbers (boolean, string), naming it
     *     and the model's type
     */
    public void checkInputType(DataType type) {
        Objects.requireNonNull(type, "type");
        if (type != dataType && !type.isFloating() && !type.isInteger()) {
            throw new InvalidInputException("data of type " + type + " given; the model computes in " + dataType
                    + " and takes numbers (a floating-point or integer type is converted to it)");
        }
    }

    /**
     * Runs the network on a batch for inference (dropout off). The result belongs to the batch's
     * manager; the layers' intermediate outputs are freed before this returns.
     *
     * @param x a batch, examples along the first axis, of any number type (converted to the
     *     model's {@link #dataType()})
     * @return the output layer's activations
     * @throws InvalidInputException if the batch's example shape is not the model's, or its type
     *     holds no numbers
     */
    public NDArray forward(NDArray x) {
        Objects.requireNonNull(x, "x");
        checkInput(x.getShape());
        checkInputType(x.getDataType());
        Engines.prepareThread();
        // Every operation puts its result on its input's manager: run the layers on a view of x
        // that belongs to a scope of its own, so that only the output outlives the call. Without
        // it each call left every layer's output on the caller's manager. A view, not x itself,
        // so that x never changes manager (other threads may be predicting on it).
        NDManager owner = x.getManager();
        try (NDManager scope = owner.newSubManager()) {
            // the model's type: DJL's arrays are float32 by default, and the engine refuses a mix
            NDArray in = x.getDataType() == dataType ? x.reshape(x.getShape()) : x.toType(dataType, true);
            in.attach(scope);
            NDArray out = forward(in, false);
            out.attach(owner);
            return out;
        }
    }

    /**
     * Runs the whole network through its DJL block.
     *
     * @param x a batch of the model's input shape
     * @param training true while training (dropout on)
     * @return the output layer's activations
     */
    public NDArray forward(NDArray x, boolean training) {
        Objects.requireNonNull(x, "x");
        return block.forward(store, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Runs one layer through its DJL blocks: the same computation as {@link #forward}, one layer
     * at a time, so that a written-out backward pass can keep each layer's input and output.
     *
     * @param layer the layer's position, from 0
     * @param x the layer's input batch
     * @param training true while training
     * @return the layer's output
     */
    public NDArray forwardLayer(int layer, NDArray x, boolean training) {
        Objects.requireNonNull(x, "x");
        NDList h = new NDList(x);
        for (Block b : layerBlocks[layer]) {
            h = b.forward(store, h, training);
        }
        return h.singletonOrThrow();
    }

    /**
     * Returns one layer's parameter arrays (views of the storage), weight then bias.
     *
     * @param layer the layer's position, from 0
     * @return the arrays; empty for a layer without parameters
     */
    public List<NDArray> layerParameters(int layer) {
        requireBuilt();
        int start = 0;
        for (int i = 0; i < layer; i++) {
            start += shapes.parameters(i).size();
        }
        return storage.arrays().subList(start, start + shapes.parameters(layer).size());
    }

    /**
     * Describes the model as a Keras-style table: layer, output shape, parameters, total.
     *
     * @return the table
     */
    public String summary() {
        return ModelSummary.of(this);
    }

    /**
     * Saves the model into a directory (see {@link ModelFiles}).
     *
     * @param dir the model directory (created or replaced)
     * @throws IOException if writing fails
     */
    public void save(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        requireBuilt();
        ModelFiles.save(this, dir);
    }

    /**
     * Checks that {@link #save(Path)} could write at a path, without writing anything: call it
     * before training so that a bad path does not throw the trained model away.
     *
     * @param dir the model directory
     * @throws ModelFormatException naming the path and what is wrong
     */
    public static void checkSaveTarget(Path dir) {
        Objects.requireNonNull(dir, "dir");
        ModelFiles.checkSaveTarget(dir, 0);
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto the default device, verifying its checksum.
     *
     * @param dir the model directory
     * @return the model, built and holding the saved weights
     * @throws ModelFormatException if a file is missing, corrupted, edited or out of bounds
     * @throws IOException if reading fails
     */
    public static Sequential load(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        return ModelFiles.load(dir, LoadOptions.defaults());
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto a device, verifying its checksum.
     *
     * @param dir the model directory
     * @param device the device, or null for the default
     * @return the model
     * @throws ModelFormatException if a file is missing, corrupted, edited or out of bounds
     * @throws IOException if reading fails
     */
    public static Sequential load(Path dir, Device device) throws IOException {
        Objects.requireNonNull(dir, "dir");
        return ModelFiles.load(dir, LoadOptions.builder().optDevice(device).build());
    }

    /**
     * Loads a model saved by {@link #save(Path)}.
     *
     * @param dir the model directory
     * @param options the device, and whether to verify the checksum
     * @return the model
     * @throws ModelFormatException if a file is missing, corrupted, edited or out of bounds
     * @throws IOException if reading fails
     */
    public static Sequential load(Path dir, LoadOptions options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        return ModelFiles.load(dir, options);
    }

    /**
     * Reads the parameters in DJL's encoding, as {@link #saveParameters} wrote them, into the
     * model's one parameter storage (DJL replaces the arrays; the storage binds the new ones).
     * {@link #load(Path)} reads a whole saved model; this is its parameter part.
     *
     * @param in the stream, positioned at the parameters
     * @throws IOException if reading fails
     * @throws MalformedModelException if the stream does not hold this architecture's parameters
     */
    public void loadParameters(DataInputStream in) throws IOException, MalformedModelException {
        Objects.requireNonNull(in, "in");
        try {
            block.loadParameters(model.getNDManager(), in);
        } finally {
            storage.bind();
        }
    }

    /**
     * Writes the parameters in DJL's encoding ({@code SequentialBlock.saveParameters}); {@link
     * #save(Path)} writes a whole model, with this as its parameter file.
     *
     * @param out the stream
     * @throws IOException if writing fails
     */
    public void saveParameters(DataOutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        block.saveParameters(out);
    }

    /**
     * Frees the parameters. The model can no longer be used: building, training, predicting or
     * saving it throws {@link IllegalStateException}. Closing twice does nothing.
     */
    @Override
    public void close() {
        closed = true;
        if (model != null) {
            storage.close();
            model.close();
            model = null;
            block = null;
        }
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }

    /** Builds a {@link Sequential} model with options. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private long[] inputShape;
        private Long seed;
        private Device device;
        private DataType dataType = DataType.FLOAT32;

        private Builder() {}

        /**
         * Appends a layer.
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder add(Layer layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /**
         * Appends layers.
         *
         * @param more the layers
         * @return this builder
         */
        public Builder addAll(Layer... more) {
            Objects.requireNonNull(more, "more");
            for (Layer l : more) {
                add(l);
            }
            return this;
        }

        /**
         * Gives the input shape, so the model is built at once.
         *
         * @param shape the shape of one example
         * @return this builder
         */
        public Builder optInputShape(long... shape) {
            Objects.requireNonNull(shape, "shape");
            this.inputShape = shape.clone();
            return this;
        }

        /**
         * Seeds the initial weights (default: the seed of the first fit, or a random seed when
         * built without one). A fit's own seed then decides only the shuffling and dropout.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Places the parameters on a device (default: DJL's default device, the GPU if any).
         *
         * @param device the device
         * @return this builder
         */
        public Builder optDevice(Device device) {
            this.device = device;
            return this;
        }

        /**
         * Sets the floating-point type (default FLOAT32; FLOAT64 for gradient checks).
         *
         * @param dataType FLOAT32 or FLOAT64
         * @return this builder
         */
        public Builder optDataType(DataType dataType) {
            Objects.requireNonNull(dataType, "dataType");
            if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
                throw new InvalidInputException(
                        "data type must be float32 or float64, got " + dataType);
            }
            this.dataType = dataType;
            return this;
        }

        /** @return the model (built if an input shape was given) */
        public Sequential build() {
            return new Sequential(this);
        }
    }
}
