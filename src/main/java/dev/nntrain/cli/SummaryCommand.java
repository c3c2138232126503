package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.plot.Charts;
import dev.nntrain.plot.WeightImagesChart;
import dev.nntrain.train.CompiledModel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code nntrain summary}: what a saved model is (its layers and parameters, the loss and optimiser
 * it was compiled with, its input scaling, the train command that made it) and, with {@code
 * --plot}, what its first layer's units respond to.
 */
@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Describe a saved model: its layers, loss, optimizer, input scaling and the train command that"
                + " made it.",
            "With --plot, also draw what each unit of its first layer responds to (its weights on the input image)."})
final class SummaryCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SavedModelOptions model = new SavedModelOptions();

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the first layer's weights as images of the input: what each unit (Dense) or filter"
                    + " (Conv2D) responds to. For models whose input is a one-channel image (mnist, fashion-mnist).")
    Path plot;

    @Override
    public Integer call() throws Exception {
        model.checkChartFile("--plot", plot);
        PrintWriter out = spec.commandLine().getOut();
        try (CompiledModel net = model.load()) {
            BufferedImage chart = null;
            if (plot != null) {
                try {
                    chart = WeightImagesChart.of(net.model()); // refused before anything is printed
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("--plot: model " + model.dir + ": " + e.getMessage(), e);
                }
            }
            out.print(net.model().summary());
            out.println("Loss: " + net.loss());
            out.println("Optimizer: " + net.optimizer());
            EvaluateCommand.printClasses(out, net.classNames());
            EvaluateCommand.printOutputs(out, net.outputNames());
            EvaluateCommand.printFeatureColumns(out, net.featureColumns());
            net.featureColumns().filter(dev.nntrain.data.csv.FeatureColumns::hasFills).ifPresent(c -> out.println(
                    "Missing values: filled in with the training rows' values, as evaluate and predict apply them: "
                            + c.describeFills(List.of())));
            out.println("Input scaling: " + (net.inputScaling().isPresent()
                    ? "standardised with the training rows' mean and variance, as evaluate and predict apply it"
                    : "none"));
            Optional<List<String>> trainedWith = RecordedTraining.arguments(net.model().properties());
            out.println("Trained with: " + trainedWith.map(SummaryCommand::commandLine)
                    .orElse("not recorded (saved by the library, or by an older nntrain)"));
            out.println("Files: " + model.dir + (model.noVerify ? " (checksum not verified: --no-verify)"
                    : " (checksum verified)"));
            if (chart != null) {
                Charts.writePng(chart, plot);
                out.println("First layer's weights drawn to " + plot);
            }
        }
        return 0;
    }

    /**
     * The train options that only say where results go or how much is printed: the model is the
     * same without them, so "Trained with" leaves them out (the model's folder is on the Files line).
     */
    static final Set<String> OUTPUT_ONLY = Set.of("--output", "--plot", "--csv-log", "--quiet", "--checkpoint-every",
            "--checkpoint-dir", "--verbose");

    /**
     * The recorded train options that determine the model, as a command line to copy: arguments
     * with spaces or quotes in single quotes. The output-only options ({@link #OUTPUT_ONLY}) are
     * left out, each with its value, so the line trains the same model into train's default folder.
     * The record holds each option by its long name followed by its value, if it takes one; a name
     * this nntrain does not know is kept as it is.
     */
    static String commandLine(List<String> args) {
        CommandLine.Model.CommandSpec train = RecordedTraining.commandLine().getCommandSpec();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            CommandLine.Model.OptionSpec option = train.findOption(args.get(i));
            int values = option == null || option.arity().max() == 0 ? 0 : 1;
            if (option == null || !OUTPUT_ONLY.contains(option.longestName())) {
                kept.addAll(args.subList(i, Math.min(args.size(), i + 1 + values)));
            }
            i += values;
        }
        return "nntrain train" + kept.stream()
                .map(a -> a.isEmpty() || a.matches(".*[\\s'\"$`\\\\;&|<>()*?].*") ? "'" + a.replace("'", "'\\''") + "'" : a)
                .map(a -> " " + a)
                .collect(Collectors.joining());
    }
}
