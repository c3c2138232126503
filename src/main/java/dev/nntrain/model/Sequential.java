package dev.nntrain.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Keras-style stack of layers, {@code Sequential.of(Dense.of(25, RELU), Dense.of(15, RELU),
 * Dense.of(10, LINEAR))}, computed by a DJL {@link SequentialBlock} of the layers' blocks: {@code
 * Linear} for {@link Dense}, {@code Conv1d} and {@code Conv2d} for {@link Conv1D} and {@link
 * Conv2D}, pooling, flattening and activation blocks.
 *
 * <p>A model is <em>built</em> once its input shape is known: given explicitly ({@link
 * #build(long...)}, {@link Builder#optInputShape(long...)}) or inferred from the data at the
 * first fit. Building allocates the parameters in a DJL {@link Model}; close the model to free
 * them. Training lives in {@code dev.nntrain.train} (see {@code CompiledModel}); this class only
 * describes and computes the network.
 */
public final class Sequential implements AutoCloseable {

    private final List<Layer> layers;
    private final List<String> names;
    private final Device device;
    private final DataType dataType;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private Long seed;

    private Model model;
    private SequentialBlock block;
    private ParameterStore inferenceStore;
    private long[] inputShape;
    private long[][] outputShapes;
    /**
     * For each layer, the index among the block's children of the block holding its parameters
     * (a Linear or convolution block), or -1 for a layer without parameters.
     */
    private int[] parameterChild;

    private Sequential(Builder builder) {
        if (builder.layers.isEmpty()) {
            throw new IllegalArgumentException("a Sequential model needs at least one layer");
        }
        this.layers = List.copyOf(builder.layers);
        this.names = assignNames(layers);
        this.device = builder.device;
        this.dataType = builder.dataType;
        this.seed = builder.seed;
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i).activation() == Activation.SOFTMAX) {
                throw new IllegalArgumentException(
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
                throw new IllegalArgumentException("two layers are named '" + name + "'");
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
        if (seed == null) {
            seed = System.nanoTime();
        }
        return build(shape, seed);
    }

    /**
     * Builds the model for an input shape, drawing the initial weights from {@code seed}. The
     * same seed gives the same weights on any engine and device.
     *
     * @param shape the shape of one example
     * @param initSeed the seed of the weight initialisers
     * @return this model
     * @throws IllegalStateException if already built for another shape
     */
    public Sequential build(long[] shape, long initSeed) {
        if (isBuilt()) {
            if (!Arrays.equals(shape, inputShape)) {
                throw new IllegalArgumentException(
                        "data has examples of shape " + Shapes.format(shape)
                                + " but the model was built for " + Shapes.format(inputShape));
            }
            return this;
        }
        Engines.prepareThread();
        long[][] outs = new long[layers.size()][];
        long[] current = shape.clone();
        for (int i = 0; i < layers.size(); i++) {
            try {
                current = layers.get(i).outputShape(current);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "layer " + names.get(i) + " (" + layers.get(i).typeName() + "): " + e.getMessage(), e);
            }
            outs[i] = current;
        }
        this.seed = initSeed;
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(initSeed);
        SequentialBlock seq = new SequentialBlock();
        int[] owners = new int[layers.size()];
        int child = 0;
        for (int i = 0; i < layers.size(); i++) {
            owners[i] = -1;
            long layerSeed = seeds.nextLong();
            for (Block b : layers.get(i).toBlocks(layerSeed)) {
                if (!b.getParameters().isEmpty()) {
                    if (owners[i] >= 0) {
                        throw new IllegalStateException(
                                "layer " + names.get(i) + " has two blocks with parameters; nntrain"
                                        + " expects at most one per layer");
                    }
                    owners[i] = child;
                }
                seq.add(b);
                child++;
            }
        }
        Model m = device == null ? Model.newInstance("nntrain-sequential") : Model.newInstance("nntrain-sequential", device);
        try {
            m.setDataType(dataType);
            m.setBlock(seq);
            long[] withBatch = new long[shape.length + 1];
            withBatch[0] = 1;
            System.arraycopy(shape, 0, withBatch, 1, shape.length);
            seq.initialize(m.getNDManager(), dataType, new Shape(withBatch));
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        this.model = m;
        this.block = seq;
        this.inputShape = shape.clone();
        this.outputShapes = outs;
        this.parameterChild = owners;
        this.inferenceStore = new ParameterStore(m.getNDManager(), false);
        return this;
    }

    /** @return whether the parameters exist (the input shape is known) */
    public boolean isBuilt() {
        return model != null;
    }

    private void requireBuilt() {
        if (!isBuilt()) {
            throw new IllegalStateException(
                    "the model is not built yet: call build(inputShape) or fit it first");
        }
    }

    /** @return the layers, input to output */
    public List<Layer> getLayers() {
        return layers;
    }

    /** @return the layers' names, e.g. {@code dense_1} */
    public List<String> getLayerNames() {
        return names;
    }

    /** @return the seed of the initial weights, or null if not built and none was given */
    public Long getSeed() {
        return seed;
    }

    /** @return the shape of one input example, or null before the model is built */
    public long[] getInputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** @return the shape of one output example (the output layer's width) */
    public long[] getOutputShape() {
        requireBuilt();
        return outputShapes[outputShapes.length - 1].clone();
    }

    /** @return the output layer's activation */
    public Activation getOutputActivation() {
        return layers.get(layers.size() - 1).activation();
    }

    /** @return the model's floating-point type (FLOAT32 unless set) */
    public DataType getDataType() {
        return dataType;
    }

    /** @return the device holding the parameters */
    public Device getDevice() {
        requireBuilt();
        return model.getNDManager().getDevice();
    }

    /** @return the DJL model that owns the block and the parameters */
    public Model getDjlModel() {
        requireBuilt();
        return model;
    }

    /** @return the DJL block computing the network */
    public SequentialBlock getBlock() {
        requireBuilt();
        return block;
    }

    /** @return the manager owning the parameters */
    public NDManager getManager() {
        requireBuilt();
        return model.getNDManager();
    }

    /**
     * Free-form string properties saved with the model (the train package records the loss and
     * optimizer here).
     *
     * @return the mutable property map
     */
    public Map<String, String> getProperties() {
        return properties;
    }

    /**
     * Returns the trainable parameter arrays, input to output: for each layer with parameters its
     * weight, then its bias: {@code (units, inputs)} and {@code (units)} for a dense layer,
     * {@code (filters, channels, kernel...)} and {@code (filters)} for a convolution. These are
     * the live arrays.
     *
     * @return the parameters
     */
    public List<NDArray> getParameterArrays() {
        requireBuilt();
        List<NDArray> out = new ArrayList<>();
        for (Parameter p : getParameters()) {
            out.add(p.getArray());
        }
        return out;
    }

    /**
     * Returns the DJL parameters, input to output (weight then bias per layer with parameters).
     *
     * @return the parameters
     */
    public List<Parameter> getParameters() {
        requireBuilt();
        List<Parameter> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (parameterChild[i] >= 0) {
                // DJL's Linear and convolution blocks both name their arrays weight and bias
                Block owner = block.getChildren().get(parameterChild[i]).getValue();
                out.add(owner.getParameters().get("weight"));
                out.add(owner.getParameters().get("bias"));
            }
        }
        return out;
    }

    /** @return the number of trainable parameters */
    public long parameterCount() {
        requireBuilt();
        long total = 0;
        long[] current = inputShape;
        for (Layer layer : layers) {
            total += layer.parameterCount(current);
            current = layer.outputShape(current);
        }
        return total;
    }

    /** @return the estimated floating-point operations of one example's forward pass */
    public long forwardFlopsPerExample() {
        requireBuilt();
        long total = 0;
        long[] current = inputShape;
        for (Layer layer : layers) {
            total += layer.forwardFlops(current);
            current = layer.outputShape(current);
        }
        return total;
    }

    /**
     * Checks that an input batch has this model's example shape.
     *
     * @param batchShape the shape of a batch, examples along the first axis
     * @throws IllegalArgumentException naming both shapes
     */
    public void checkInput(Shape batchShape) {
        requireBuilt();
        long[] example = batchShape.slice(1).getShape();
        if (!Arrays.equals(example, inputShape)) {
            String what = inputShape.length == 1 && example.length == 1
                    ? "data has " + example[0] + " features per example but the model expects "
                            + inputShape[0]
                    : "data has examples of shape " + Shapes.format(example)
                            + " but the model expects " + Shapes.format(inputShape);
            throw new IllegalArgumentException(what);
        }
    }

    /**
     * Runs the network on a batch on the engine.
     *
     * @param x a batch, examples along the first axis
     * @return the output layer's activations
     */
    public NDArray forward(NDArray x) {
        checkInput(x.getShape());
        Engines.prepareThread();
        return block.forward(inferenceStore, new NDList(x), false).singletonOrThrow();
    }

    /**
     * Runs the network on plain arrays, in chunks so that large inputs stay within memory.
     *
     * @param x one row of features per example (flat; reshaped to the input shape)
     * @return one row of outputs per example
     */
    public float[][] output(float[][] x) {
        requireBuilt();
        Engines.prepareThread();
        int width = Math.toIntExact(Shapes.size(inputShape));
        int outWidth = Math.toIntExact(Shapes.size(getOutputShape()));
        float[][] result = new float[x.length][];
        int chunk = 4096;
        for (int start = 0; start < x.length; start += chunk) {
            int end = Math.min(x.length, start + chunk);
            float[] flat = new float[(end - start) * width];
            for (int i = start; i < end; i++) {
                if (x[i].length != width) {
                    throw new IllegalArgumentException(
                            "row " + i + " has " + x[i].length + " features but the model expects "
                                    + width);
                }
                System.arraycopy(x[i], 0, flat, (i - start) * width, width);
            }
            try (NDManager scope = model.getNDManager().newSubManager()) {
                long[] shape = new long[inputShape.length + 1];
                shape[0] = end - start;
                System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
                NDArray in = scope.create(flat, new Shape(shape)).toType(dataType, false);
                float[] out = forward(in).toType(DataType.FLOAT32, false).toFloatArray();
                for (int i = start; i < end; i++) {
                    result[i] = Arrays.copyOfRange(out, (i - start) * outWidth, (i - start + 1) * outWidth);
                }
            }
        }
        return result;
    }

    /**
     * Returns a dense layer's weights in Keras' layout.
     *
     * @param layerIndex the layer's position, from 0
     * @return a copy of the kernel {@code (inputs, units)} and bias
     * @throws IllegalArgumentException if the layer is not a {@link Dense} layer (a convolution's
     *     weights are read with {@link #getParameterValues()})
     */
    public LayerWeights getWeights(int layerIndex) {
        Parameter[] wb = denseParameters(layerIndex);
        NDArray w = wb[0].getArray();
        int units = Math.toIntExact(w.getShape().get(0));
        int inputs = Math.toIntExact(w.getShape().get(1));
        float[] flat = w.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] kernel = new float[inputs][units];
        for (int u = 0; u < units; u++) {
            for (int i = 0; i < inputs; i++) {
                kernel[i][u] = flat[u * inputs + i];
            }
        }
        float[] bias = wb[1].getArray().toType(DataType.FLOAT32, false).toFloatArray();
        return new LayerWeights(names.get(layerIndex), kernel, bias);
    }

    /**
     * Returns every dense layer's weights, input to output.
     *
     * @return copies of the weights
     * @throws IllegalArgumentException if the model has a convolutional layer, whose weights have
     *     no {@link LayerWeights} form (read them with {@link #getParameterValues()})
     */
    public List<LayerWeights> getWeights() {
        requireBuilt();
        List<LayerWeights> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            if (parameterChild[i] >= 0) {
                out.add(getWeights(i));
            }
        }
        return out;
    }

    /**
     * Sets a dense layer's weights from Keras' layout.
     *
     * @param layerIndex the layer's position, from 0
     * @param weights the kernel {@code (inputs, units)} and bias
     * @throws IllegalArgumentException if a shape does not match the layer, or the layer is not
     *     a {@link Dense} layer (set a convolution's weights with {@link #setParameterValues})
     */
    public void setWeights(int layerIndex, LayerWeights weights) {
        Parameter[] wb = denseParameters(layerIndex);
        Engines.prepareThread();
        NDArray w = wb[0].getArray();
        int units = Math.toIntExact(w.getShape().get(0));
        int inputs = Math.toIntExact(w.getShape().get(1));
        if (weights.kernel().length != inputs || weights.bias().length != units) {
            throw new IllegalArgumentException(
                    "layer " + names.get(layerIndex) + " needs a kernel of " + inputs + "x" + units
                            + " and " + units + " biases, got " + weights.kernel().length + "x"
                            + (weights.kernel().length == 0 ? 0 : weights.kernel()[0].length)
                            + " and " + weights.bias().length);
        }
        double[] flat = new double[units * inputs];
        for (int i = 0; i < inputs; i++) {
            if (weights.kernel()[i].length != units) {
                throw new IllegalArgumentException(
                        "kernel row " + i + " has " + weights.kernel()[i].length
                                + " values; expected " + units);
            }
            for (int u = 0; u < units; u++) {
                flat[u * inputs + i] = weights.kernel()[i][u];
            }
        }
        double[] bias = new double[units];
        for (int u = 0; u < units; u++) {
            bias[u] = weights.bias()[u];
        }
        copyInto(w, flat);
        copyInto(wb[1].getArray(), bias);
    }

    private static void copyInto(NDArray target, double[] values) {
        // NDArray.set(Buffer) makes PyTorch print a deprecation warning; an indexed set does not
        try (NDArray src = target.getManager().create(values, target.getShape());
                NDArray typed = src.toType(target.getDataType(), true)) {
            target.set(new NDIndex("..."), typed);
        }
    }

    /**
     * Copies every parameter's values, in {@link #getParameterArrays()} order (for snapshots such
     * as early stopping's best weights).
     *
     * @return one flat array per parameter
     */
    public List<double[]> getParameterValues() {
        List<double[]> out = new ArrayList<>();
        for (NDArray p : getParameterArrays()) {
            out.add(p.toType(DataType.FLOAT64, false).toDoubleArray());
        }
        return out;
    }

    /**
     * Overwrites every parameter from values taken by {@link #getParameterValues()}.
     *
     * @param values one flat array per parameter
     */
    public void setParameterValues(List<double[]> values) {
        List<NDArray> params = getParameterArrays();
        Engines.prepareThread();
        if (values.size() != params.size()) {
            throw new IllegalArgumentException(
                    values.size() + " parameter arrays given; the model has " + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            if (values.get(i).length != params.get(i).size()) {
                throw new IllegalArgumentException(
                        "parameter " + i + " has " + params.get(i).size() + " values, got "
                                + values.get(i).length);
            }
            copyInto(params.get(i), values.get(i));
        }
    }

    private Parameter[] denseParameters(int layerIndex) {
        requireBuilt();
        if (layerIndex < 0 || layerIndex >= layers.size()) {
            throw new IndexOutOfBoundsException(
                    "layer " + layerIndex + " of a model with " + layers.size() + " layers");
        }
        Layer layer = layers.get(layerIndex);
        if (!(layer instanceof Dense)) {
            String why = parameterChild[layerIndex] < 0
                    ? "has no weights"
                    : "has weights of shape " + block.getChildren().get(parameterChild[layerIndex]).getValue()
                            .getParameters().get("weight").getArray().getShape()
                            + ", which have no Keras (inputs, units) kernel layout; use"
                            + " getParameterValues/setParameterValues for them";
            throw new IllegalArgumentException(
                    "layer " + names.get(layerIndex) + " (" + layer.typeName() + ") " + why
                            + "; getWeights/setWeights take Dense layers only");
        }
        Block linear = block.getChildren().get(parameterChild[layerIndex]).getValue();
        return new Parameter[] {
            linear.getParameters().get("weight"), linear.getParameters().get("bias")
        };
    }

    /**
     * Describes the model as a Keras-style table: layer, output shape, parameters, total.
     *
     * @return the table
     */
    public String summary() {
        requireBuilt();
        // Keras' column widths, the first widened when a label would run into the shapes
        int labelWidth = 28;
        for (int i = 0; i < layers.size(); i++) {
            labelWidth = Math.max(labelWidth, names.get(i).length() + layers.get(i).typeName().length() + 5);
        }
        String row = " %-" + labelWidth + "s%-26s%s%n";
        StringBuilder sb = new StringBuilder();
        String rule = "_".repeat(labelWidth + 37);
        String dbl = "=".repeat(labelWidth + 37);
        sb.append("Model: \"sequential\"\n").append(rule).append('\n');
        sb.append(String.format(row, "Layer (type)", "Output Shape", "Param #"));
        sb.append(dbl).append('\n');
        long[] current = inputShape;
        long total = 0;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            long params = layer.parameterCount(current);
            current = layer.outputShape(current);
            total += params;
            String label = names.get(i) + " (" + layer.typeName() + ")";
            sb.append(String.format(row, label, Shapes.formatBatched(current), params));
            if (layer.activation() != Activation.LINEAR) {
                sb.append(String.format("   %-" + (labelWidth + 35) + "s%n", "activation: " + layer.activation().kerasName()));
            }
            if (i < layers.size() - 1) {
                sb.append('\n');
            }
        }
        sb.append(dbl).append('\n');
        sb.append(String.format("Total params: %,d%n", total));
        sb.append(String.format("Trainable params: %,d%n", total));
        sb.append("Non-trainable params: 0\n").append(rule).append('\n');
        return sb.toString();
    }

    /**
     * Saves the model into a directory: DJL's parameter file and a JSON description of the
     * layers, input shape and properties. The files are written under a temporary name and then
     * renamed, so a crash never leaves half a model behind.
     *
     * @param dir the model directory (created or replaced)
     * @throws IOException if writing fails
     */
    public void save(Path dir) throws IOException {
        requireBuilt();
        ModelFiles.save(this, dir);
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto the default device.
     *
     * @param dir the model directory
     * @return the model, built and holding the saved weights
     * @throws ModelFormatException if a file is missing or corrupted
     * @throws IOException if reading fails
     */
    public static Sequential load(Path dir) throws IOException {
        return ModelFiles.load(dir, null);
    }

    /**
     * Loads a model saved by {@link #save(Path)} onto a device.
     *
     * @param dir the model directory
     * @param device the device, or null for the default
     * @return the model
     * @throws ModelFormatException if a file is missing or corrupted
     * @throws IOException if reading fails
     */
    public static Sequential load(Path dir, Device device) throws IOException {
        return ModelFiles.load(dir, device);
    }

    void loadParameters(java.io.DataInputStream in) throws IOException, MalformedModelException {
        block.loadParameters(model.getNDManager(), in);
    }

    void saveParameters(java.io.DataOutputStream out) throws IOException {
        block.saveParameters(out);
    }

    /** Frees the parameters. The model can no longer be used. */
    @Override
    public void close() {
        if (model != null) {
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
            layers.add(java.util.Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /**
         * Appends layers.
         *
         * @param more the layers
         * @return this builder
         */
        public Builder addAll(Layer... more) {
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
            this.inputShape = shape.clone();
            return this;
        }

        /**
         * Seeds the initial weights (default: a random seed at build time).
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
            if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
                throw new IllegalArgumentException(
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
