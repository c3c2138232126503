package dev.nntrain.backprop.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.model.Activation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random models over every hidden activation, every loss and a few shapes: all three
 * comparisons stay within their bounds. The worst relative errors seen are printed at the end.
 */
class RandomSuiteTest {

    /** Inputs and hidden widths; the output width comes from the loss. */
    private record Shape(String name, int batch, int... widths) {}

    private static final List<Shape> SHAPES = List.of(
            new Shape("one hidden layer", 8, 3, 4),
            new Shape("batch of 1", 1, 3, 4),
            new Shape("1-unit hidden layer", 8, 3, 1),
            new Shape("wide hidden layer", 8, 3, 64),
            new Shape("two hidden layers", 6, 3, 5, 4),
            new Shape("no hidden layer", 5, 4));

    private static final Activation[] HIDDEN = {
        Activation.LINEAR, Activation.SIGMOID, Activation.RELU, Activation.TANH, Activation.LEAKY_RELU
    };

    private static final Map<Comparison, double[]> WORST = new EnumMap<>(Comparison.class);

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        long seed = 1;
        for (Shape shape : SHAPES) {
            for (Activation activation : HIDDEN) {
                for (String loss : LOSSES) {
                    cases.add(Arguments.of(shape, activation, loss, seed++));
                }
            }
        }
        return cases.stream();
    }

    /** A width that suits the loss: one output for bce, three classes or labels otherwise. */
    static int outputsFor(String loss) {
        return switch (loss) {
            case "bce", "bce-probs" -> 1;
            case "mse" -> 2;
            default -> 3;
        };
    }

    /** Every loss of the table, from logits and from probabilities, by the gradient check's names. */
    private static final List<String> LOSSES = List.of(
            "sparse-ce", "sparse-ce-probs", "ce", "ce-probs", "bce", "bce-probs", "multilabel-bce", "mse");

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void allWithinBounds(Shape shape, Activation activation, String loss, long seed) {
        int[] widths = new int[shape.widths().length + 1];
        System.arraycopy(shape.widths(), 0, widths, 0, shape.widths().length);
        widths[widths.length - 1] = outputsFor(loss);

        GradientCheckReport report = GradientCheck.builder()
                .setLayers(widths)
                .optActivation(activation)
                .setLoss(dev.nntrain.train.loss.Loss.parse(loss))
                .optBatch(shape.batch())
                .optSeed(seed)
                .build()
                .run();

        assertEquals(List.of(Comparison.DJL_FLOAT64, Comparison.FINITE_DIFFERENCES, Comparison.DJL_FLOAT32),
                report.comparisons());
        assertEquals(2 * (widths.length - 1), report.rows().size());
        for (Comparison c : report.comparisons()) {
            double worst = report.worstRelative(c);
            synchronized (WORST) {
                double[] seen = WORST.computeIfAbsent(c, k -> new double[1]);
                seen[0] = Math.max(seen[0], worst);
            }
        }
        assertTrue(report.passed(), report::format);
        assertTrue(report.format().contains("values near a kink (ReLU |z| < 1e-03, or the probability clip): 0 "),
                report::format);
    }

    @AfterAll
    static void printWorst() {
        StringBuilder s = new StringBuilder("worst relative error over the random suite:");
        WORST.forEach((c, w) -> s.append(String.format(Locale.ROOT, " %s %.2e;", c.label(), w[0])));
        System.out.println(s);
    }
}
