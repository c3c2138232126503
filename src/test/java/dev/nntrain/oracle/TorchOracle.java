package dev.nntrain.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference numbers PyTorch computed for nntrain's semantics (Keras'), read from {@code
 * dev/nntrain/oracle/fixtures.json}, which {@code make_fixtures.py} next to it writes: an oracle
 * written apart from nntrain's own gradient engine ({@code dev.nntrain.backprop}), so that a
 * misreading of Keras shared by nntrain and that engine does not pass unseen. CI has no PyTorch;
 * the fixture is committed, and the script's header says how it was made.
 *
 * <p>Arrays are {@code {"shape": [...], "values": [...]}}, row-major; inputs are float32 values
 * held in float64, so that nntrain's float weight API takes them exactly.
 */
public final class TorchOracle {

    /** The fixture's resource path. */
    public static final String RESOURCE = "/dev/nntrain/oracle/fixtures.json";

    /** float64 on both sides: what is left is summation order, a few ulps of the largest term. */
    public static final double FLOAT64_RELATIVE = 1e-10;

    private static volatile JsonObject fixture;

    private TorchOracle() {}

    /** @return the whole fixture, parsed once */
    public static JsonObject fixture() {
        JsonObject f = fixture;
        if (f == null) {
            try (InputStream in = TorchOracle.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + RESOURCE);
                }
                f = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fixture = f;
        }
        return f;
    }

    /**
     * Returns the cases of one section.
     *
     * @param section {@code layers}, {@code losses} or {@code optimizers}
     * @return its cases, in the file's order
     */
    public static List<JsonObject> cases(String section) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : fixture().getAsJsonArray(section)) {
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    /**
     * Returns the cases of one section whose {@code key} has a value.
     *
     * @param section the section
     * @param key the field, e.g. {@code kind}
     * @param value the value, e.g. {@code dense}
     * @return the matching cases
     */
    public static List<JsonObject> cases(String section, String key, String value) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject c : cases(section)) {
            if (c.get(key).getAsString().equals(value)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            fail("no " + section + " case with " + key + " = " + value + " in " + RESOURCE);
        }
        return out;
    }

    /**
     * An array of the fixture.
     *
     * @param shape its shape
     * @param values its values, row-major
     */
    public record Array(long[] shape, double[] values) {

        /** @return the values as floats (exact: the fixture's inputs are float32 values) */
        public float[] floats() {
            float[] out = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
                if (out[i] != values[i]) {
                    throw new IllegalStateException("value " + values[i] + " is not a float32 value");
                }
            }
            return out;
        }

        /** @return a 2-D array's rows */
        public double[][] rows() {
            int cols = (int) shape[shape.length - 1];
            double[][] out = new double[values.length / cols][cols];
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(values, i * cols, out[i], 0, cols);
            }
            return out;
        }

        /** @return a 2-D array's rows as floats (exact, as {@link #floats}) */
        public float[][] floatRows() {
            double[][] rows = rows();
            float[][] out = new float[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                out[i] = new Array(new long[] {rows[i].length}, rows[i]).floats();
            }
            return out;
        }

        /** @return the shape without its first (batch) axis */
        public long[] exampleShape() {
            return java.util.Arrays.copyOfRange(shape, 1, shape.length);
        }
    }

    /**
     * Reads an array field.
     *
     * @param o the object holding it
     * @param key the field
     * @return the array
     */
    public static Array array(JsonObject o, String key) {
        JsonObject a = o.getAsJsonObject(key);
        if (a == null) {
            throw new IllegalStateException("no array '" + key + "' in " + o.keySet());
        }
        JsonArray shape = a.getAsJsonArray("shape");
        long[] s = new long[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i).getAsLong();
        }
        return new Array(s, doubles(a.getAsJsonArray("values")));
    }

    /**
     * Reads a list of numbers.
     *
     * @param values the JSON array
     * @return the numbers
     */
    public static double[] doubles(JsonArray values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).getAsDouble();
        }
        return v;
    }

    /**
     * Transposes a row-major matrix: Keras' dense kernel {@code (inputs, units)} to DJL's {@code
     * (units, inputs)} and back.
     *
     * @param values the matrix, row-major
     * @param rows its rows
     * @param cols its columns
     * @return the transpose, row-major
     */
    public static double[] transpose(double[] values, int rows, int cols) {
        double[] out = new double[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = values[i * cols + j];
            }
        }
        return out;
    }

    /**
     * Asserts that every value is within {@code relative} of the expected one, relative to the
     * larger of its magnitude and 1 (so values near zero are held to {@code relative} absolutely).
     *
     * @param expected the oracle's values
     * @param actual nntrain's values
     * @param relative the tolerance
     * @param what what is compared, for the message
     */
    public static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double tolerance = relative * Math.max(1, Math.abs(e));
            if (!(Math.abs(actual[i] - e) <= tolerance)) {
                fail(what + ": value " + i + " is " + actual[i] + ", PyTorch's oracle says " + e
                        + " (difference " + (actual[i] - e) + ", tolerance " + tolerance + ")");
            }
        }
    }

    /**
     * As {@link #assertClose(double[], double[], double, String)} for one value.
     *
     * @param expected the oracle's value
     * @param actual nntrain's value
     * @param relative the tolerance
     * @param what what is compared
     */
    public static void assertClose(double expected, double actual, double relative, String what) {
        assertClose(new double[] {expected}, new double[] {actual}, relative, what);
    }
}
