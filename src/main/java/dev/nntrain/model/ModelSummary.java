package dev.nntrain.model;

import java.util.Objects;

/** Keras' {@code model.summary()}: a table of layers, output shapes and parameter counts. */
public final class ModelSummary {

    private ModelSummary() {}

    /**
     * Describes a built model.
     *
     * @param model the model
     * @return the table, one line per layer and the totals
     */
    public static String of(Sequential model) {
        Objects.requireNonNull(model, "model");
        LayerShapes shapes = model.shapes();
        int layers = model.layers().size();
        // Keras' column widths, the first widened when a label would run into the shapes
        int labelWidth = 28;
        for (int i = 0; i < layers; i++) {
            labelWidth = Math.max(labelWidth, label(model, i).length() + 2);
        }
        String row = " %-" + labelWidth + "s%-26s%s%n";
        String rule = "_".repeat(labelWidth + 37);
        String dbl = "=".repeat(labelWidth + 37);
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"sequential\"\n").append(rule).append('\n');
        sb.append(String.format(row, "Layer (type)", "Output Shape", "Param #"));
        sb.append(dbl).append('\n');
        long total = 0;
        for (int i = 0; i < layers; i++) {
            Layer layer = model.layers().get(i);
            long params = Shapes.parameterCount(shapes.parameters(i));
            total += params;
            sb.append(String.format(row, label(model, i), Shapes.formatBatched(shapes.output(i)), params));
            if (layer.activation() != Activation.LINEAR) {
                sb.append(String.format("   %-" + (labelWidth + 35) + "s%n", "activation: " + layer.activation().kerasName()));
            }
            if (layer instanceof WeightedLayer w && w.kernelRegularizer() != null) {
                sb.append(String.format("   %-" + (labelWidth + 35) + "s%n", "kernel_regularizer: " + w.kernelRegularizer()));
            }
            if (i < layers - 1) {
                sb.append('\n');
            }
        }
        sb.append(dbl).append('\n');
        sb.append(String.format("Total params: %,d%n", total));
        sb.append(String.format("Trainable params: %,d%n", total));
        sb.append("Non-trainable params: 0\n").append(rule).append('\n');
        return sb.toString();
    }

    private static String label(Sequential model, int i) {
        return model.layerNames().get(i) + " (" + model.layers().get(i).typeName() + ")";
    }
}
