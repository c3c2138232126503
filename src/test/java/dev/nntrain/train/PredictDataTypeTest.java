package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Standardizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * {@code predict(NDArray)} and {@code predictProbabilities(NDArray)} take a batch of any number
 * type, as {@code fit(NDArray, NDArray)} does, against outputs worked out by hand.
 */
class PredictDataTypeTest {

    /**
     * One Dense layer, kernel {{1, -1}, {0.5, 2}} (input by output), bias {0.25, -0.5}. By hand:
     * x = (2, 4): 2 + 2 + 0.25 = 4.25 and -2 + 8 - 0.5 = 5.5; x = (-1, 3): -1 + 1.5 + 0.25 = 0.75
     * and 1 + 6 - 0.5 = 6.5. Every value is exact in float32.
     */
    private static final double[][] X = {{2, 4}, {-1, 3}};
    private static final double[] OUT = {4.25, 5.5, 0.75, 6.5};

    private static CompiledModel model(DataType type, boolean classifier) {
        Sequential model = Sequential.builder().add(Dense.of(2)).optInputShape(2).optSeed(1).optDataType(type).build();
        model.weights().set(0, new LayerWeights("dense", new float[][] {{1, -1}, {0.5f, 2}}, new float[] {0.25f, -0.5f}));
        return CompiledModel.compile(model,
                classifier ? new SparseCategoricalCrossentropy(true) : new MeanSquaredError(), new Adam());
    }

    private static NDArray batch(NDManager manager, DataType type) {
        double[] flat = {X[0][0], X[0][1], X[1][0], X[1][1]};
        try (NDArray doubles = manager.create(flat, new Shape(2, 2))) {
            return doubles.toType(type, true);
        }
    }

    private static double[] values(NDArray a) {
        try (NDArray d = a.toType(DataType.FLOAT64, true)) {
            return d.toDoubleArray();
        }
    }

    private static double[] flat(float[][] rows) {
        double[] out = new double[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                out[i * rows[i].length + j] = rows[i][j];
            }
        }
        return out;
    }

    @Test
    void everyNumberTypeGivesTheHandWorkedOutputsInTheModelsType() {
        for (DataType modelType : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            try (CompiledModel net = model(modelType, false); NDManager manager = NDManager.newBaseManager()) {
                assertArrayEquals(OUT, flat(net.predict(X)), 0, modelType + " predict(double[][])");
                for (DataType given : List.of(DataType.FLOAT32, DataType.FLOAT64, DataType.INT32, DataType.INT64)) {
                    String what = modelType + " model, " + given + " batch";
                    try (NDArray x = batch(manager, given); NDArray out = net.predict(x)) {
                        assertEquals(modelType, out.getDataType(), what);
                        assertEquals(new Shape(2, 2), out.getShape(), what);
                        assertArrayEquals(OUT, values(out), 0, what);
                        assertEquals(given, x.getDataType(), what + ": the caller's array is left as it was");
                    }
                    try (NDArray x = batch(manager, given); NDArray out = net.model().forward(x)) {
                        assertArrayEquals(OUT, values(out), 0, what + ", Sequential.forward");
                    }
                }
            }
        }
    }

    /**
     * Softmax of the logits (4.25, 5.5) and (0.75, 6.5): class 1 has 1 / (1 + e^-1.25) and
     * 1 / (1 + e^-5.75).
     */
    @Test
    void probabilitiesToo() {
        double p0 = 1 / (1 + Math.exp(-1.25));
        double p1 = 1 / (1 + Math.exp(-5.75));
        double[] expected = {1 - p0, p0, 1 - p1, p1};
        for (DataType modelType : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            try (CompiledModel net = model(modelType, true); NDManager manager = NDManager.newBaseManager()) {
                for (DataType given : List.of(DataType.FLOAT32, DataType.FLOAT64, DataType.INT32)) {
                    try (NDArray x = batch(manager, given); NDArray p = net.predictProbabilities(x)) {
                        assertEquals(modelType, p.getDataType());
                        assertArrayEquals(expected, values(p), 1e-6, modelType + " model, " + given + " batch");
                    }
                }
                assertArrayEquals(expected, flat(net.predictProbabilities(X)), 1e-6, "the float[][] path");
            }
        }
    }

    /**
     * A model that standardises its inputs, mean (1, 2) and standard deviation (2, 4): x = (2, 4)
     * becomes (0.5, 0.5), giving 0.5 + 0.25 + 0.25 = 1 and -0.5 + 1 - 0.5 = 0; x = (-1, 3) becomes
     * (-1, 0.25), giving -1 + 0.125 + 0.25 = -0.625 and 1 + 0.5 - 0.5 = 1. An integer batch is
     * converted before it is scaled: scaled as integers, 0.5 would be 0.
     */
    @Test
    void aScaledModelConvertsBeforeScaling() {
        double[] expected = {1, 0, -0.625, 1};
        for (DataType modelType : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            try (CompiledModel net = model(modelType, false); NDManager manager = NDManager.newBaseManager()) {
                net.setInputScaling(Standardizer.of(new double[] {1, 2}, new double[] {4, 16}));
                assertArrayEquals(expected, flat(net.predict(X)), 1e-6, modelType + " predict(double[][])");
                for (DataType given : List.of(DataType.FLOAT32, DataType.FLOAT64, DataType.INT32)) {
                    try (NDArray x = batch(manager, given); NDArray out = net.predict(x)) {
                        assertEquals(modelType, out.getDataType());
                        assertArrayEquals(expected, values(out), 1e-6, modelType + " model, " + given + " batch");
                    }
                }
            }
        }
    }

    @Test
    void aBatchOfNoNumbersIsRefusedNamingBothTypes() {
        try (CompiledModel net = model(DataType.FLOAT64, false); NDManager manager = NDManager.newBaseManager();
                NDArray x = manager.create(new boolean[] {true, false, false, true}, new Shape(2, 2))) {
            for (Runnable call : List.<Runnable>of(() -> net.predict(x), () -> net.predictProbabilities(x),
                    () -> net.model().forward(x))) {
                InvalidInputException e = assertThrows(InvalidInputException.class, call::run);
                assertTrue(e.getMessage().contains(String.valueOf(DataType.BOOLEAN))
                        && e.getMessage().contains(String.valueOf(DataType.FLOAT64)), e.getMessage());
            }
            net.setInputScaling(Standardizer.of(new double[] {1, 2}, new double[] {4, 16}));
            InvalidInputException scaled = assertThrows(InvalidInputException.class, () -> net.predict(x));
            assertTrue(scaled.getMessage().contains(String.valueOf(DataType.BOOLEAN)), scaled.getMessage());
        }
    }
}
