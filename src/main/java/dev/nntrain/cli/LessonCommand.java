package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Datasets;
import dev.nntrain.data.mnist.MnistSource;
import dev.nntrain.engine.Engines;
import dev.nntrain.lessons.ActivationsLesson;
import dev.nntrain.lessons.AdamLesson;
import dev.nntrain.lessons.BackpropLesson;
import dev.nntrain.lessons.ConvolutionLesson;
import dev.nntrain.lessons.Figures;
import dev.nntrain.lessons.KerasRecipeLesson;
import dev.nntrain.lessons.MultiLabelLesson;
import dev.nntrain.lessons.MulticlassSoftmaxLesson;
import dev.nntrain.lessons.RoundoffLesson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code nntrain lesson NAME}: runs one of the course's lessons and prints what it computes. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = {
            "Run one of the course's lessons (nntrain lesson --help lists them).",
            "Each is a class in dev.nntrain.lessons; NAME is one of (the course's section",
            "numbers in brackets):",
            "  keras-recipe  train a network, the three steps (1-2)",
            "  activations   ReLU, linear, sigmoid; choosing them; why they are needed (3-5)",
            "  softmax       multiclass, softmax, a softmax output layer (6-8)",
            "  roundoff      the numerically stable loss from logits (9)",
            "  multi-label   several sigmoid outputs (10)",
            "  adam          Adam against gradient descent (11)",
            "  convolution   convolutional layers: windows, parameters, a small CNN (12)",
            "  backprop      derivatives, computation graphs, backpropagation (13-15)"
        })
final class LessonCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The lessons, in the course's order. */
    private static final List<String> NAMES = List.of(
            "keras-recipe", "activations", "softmax", "roundoff", "multi-label", "adam", "convolution", "backprop");

    /** The lessons whose digit runs --epochs sets. */
    private static final List<String> WITH_EPOCHS = List.of("keras-recipe", "softmax", "adam", "convolution");

    /** The lessons that draw charts for --plots. */
    private static final List<String> WITH_CHARTS =
            List.of("keras-recipe", "activations", "softmax", "multi-label", "adam", "convolution");

    @Parameters(paramLabel = "NAME", description = "The lesson, as listed above.")
    String name;

    /** The most epochs a lesson's digit runs may take: the course's are at most a few dozen. */
    static final int MAX_EPOCHS = 10_000;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs of the digit runs in keras-recipe, softmax, adam and convolution (default: the course's"
                    + " 100 in keras-recipe and 40 in adam; 5 in softmax and 2 in convolution, for which the course"
                    + " names none).")
    Integer epochs;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Write the lesson's charts as PNG files to this folder (created if missing) and name each one"
                    + " (every lesson but roundoff and backprop draws charts).")
    Path plots;

    @Override
    public Integer call() {
        if (epochs != null && (epochs < 1 || epochs > MAX_EPOCHS)) {
            throw new InvalidInputException("--epochs must be 1 to " + MAX_EPOCHS + ", got " + epochs);
        }
        if (!NAMES.contains(name)) {
            throw new InvalidInputException("unknown lesson '" + name + "'; expected keras-recipe,"
                    + " activations, softmax, roundoff, multi-label, adam, convolution or backprop");
        }
        // an option the lesson would ignore is refused, as train refuses options its data set ignores
        if (epochs != null && !WITH_EPOCHS.contains(name)) {
            throw new InvalidInputException("--epochs sets the digit runs of " + String.join(", ", WITH_EPOCHS)
                    + "; lesson " + name + " trains no digits (leave --epochs out)");
        }
        if (plots != null && !WITH_CHARTS.contains(name)) {
            throw new InvalidInputException("--plots " + plots + ": lesson " + name
                    + " draws no chart (leave --plots out)");
        }
        Figures figures = plots != null ? Figures.in(plots) : Figures.none();
        Engines.setThreads(1); // the lessons' models are tiny: one thread trains them fastest
        java.io.PrintWriter out = spec.commandLine().getOut();
        // line by line as the lesson computes it: the digit runs take minutes, and a learner should
        // see the sections before them meanwhile, not a silent terminal
        try (PrintStream ps = new PrintStream(new LineForwarder(out), true, StandardCharsets.UTF_8)) {
            switch (name) {
                case "keras-recipe":
                    KerasRecipeLesson.run(ps, digits(), epochs(KerasRecipeLesson.COURSE_DIGIT_EPOCHS), figures);
                    break;
                case "activations":
                    ActivationsLesson.run(ps, figures);
                    break;
                case "softmax":
                    MulticlassSoftmaxLesson.run(ps, digits(), epochs(5), figures);
                    break;
                case "roundoff":
                    RoundoffLesson.run(ps);
                    break;
                case "multi-label":
                    MultiLabelLesson.run(ps, figures);
                    break;
                case "adam":
                    AdamLesson.run(ps, digits(), epochs(AdamLesson.COURSE_EPOCHS), figures);
                    break;
                case "convolution":
                    ConvolutionLesson.run(ps, digits(), epochs(ConvolutionLesson.DIGIT_EPOCHS), figures);
                    break;
                case "backprop":
                    BackpropLesson.run(ps);
                    break;
                default:
                    throw new IllegalStateException("lesson " + name + " is listed but not run");
            }
        }
        if (figures.enabled()) {
            out.println();
            out.println("Charts written:");
            for (Path file : figures.written()) {
                out.println("  " + file);
            }
        }
        out.flush();
        return 0;
    }

    /** Hands each complete line of UTF-8 bytes to a writer and flushes it (a newline byte never falls inside a character). */
    private static final class LineForwarder extends java.io.OutputStream {
        private final java.io.PrintWriter out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineForwarder(java.io.PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                forward();
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void close() {
            forward();
        }

        private void forward() {
            out.print(line.toString(StandardCharsets.UTF_8));
            out.flush();
            line.reset();
        }
    }

    private int epochs(int course) {
        return epochs != null ? epochs : course;
    }

    private static MnistSource digits() {
        return Datasets.source("mnist", null, false);
    }
}
