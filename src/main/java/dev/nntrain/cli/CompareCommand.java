package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.plot.Charts;
import dev.nntrain.plot.RunsChart;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.History;
import dev.nntrain.train.callback.CsvLogger;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nntrain compare}: training runs side by side, from the logs {@code train --csv-log}
 * writes (or Keras' {@code CSVLogger}'s): a table of each run's best and last value of one metric,
 * and with {@code --plot} the metric per epoch, a line per run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare training runs from their CSV logs (train --csv-log, or Keras' CSVLogger): each run's"
                + " epochs, best and last value of a metric, and with --plot the metric per epoch, a line per run.",
            "A log whose epochs go back (a run restarted and appended to its log, as Keras' CSVLogger(append=True)"
                    + " writes) is read as the restarted run wrote it: its rows replace the earlier rows from that"
                    + " epoch on, and compare names the line."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "LOG.csv", arity = "1..*",
            description = "The runs' training logs; each run is named by its file name without .csv.")
    List<Path> logs;

    @Option(names = "--metric", paramLabel = "NAME",
            description = "loss, accuracy, mae, val_loss, val_accuracy, val_mae or learning_rate (default: val_loss"
                    + " when every log has it, loss otherwise).")
    String metric;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Also draw the metric per epoch, a line per run.")
    Path plot;

    @Override
    public Integer call() throws Exception {
        if (metric != null && !EpochLogs.NAMES.contains(metric)) {
            throw new InvalidInputException("--metric " + metric + ": expected one of " + String.join(", ", EpochLogs.NAMES));
        }
        Path chartFile = PlotFile.check("--plot", plot);
        Map<String, History> runs = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        List<String> restarts = new java.util.ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (Path log : logs) {
            if (!seen.add(OutputPaths.resolved(log))) {
                throw new InvalidInputException(log + " is given twice");
            }
            String name = runName(log);
            if (runs.containsKey(name)) {
                name = log.toString(); // two logs of one name in different folders: the paths tell them apart
            }
            CsvLogger.Log read = CsvLogger.readLog(log);
            runs.put(name, read.history());
            files.put(name, log);
            if (!read.restarts().isEmpty()) {
                restarts.add(restartNote(log, read.restarts()));
            }
        }
        String shown = metric != null ? metric
                : runs.values().stream().allMatch(h -> measured(h, "val_loss")) ? "val_loss" : "loss";
        List<String> notes = new java.util.ArrayList<>();
        if (metric == null && shown.equals("loss")) {
            List<String> without = new java.util.ArrayList<>();
            boolean infinite = false;
            for (Map.Entry<String, History> run : runs.entrySet()) {
                if (!measured(run.getValue(), "val_loss")) {
                    without.add(run.getKey());
                    java.util.Optional<String> where = infinite(run.getValue(), "val_loss");
                    if (where.isPresent()) {
                        // a run that diverged from its first epoch: its val_loss was measured, and is named
                        notes.add(files.get(run.getKey()) + ": val_loss is " + where.get() + "; no finite value is left");
                        infinite = true;
                    }
                }
            }
            notes.add("Comparing loss: " + String.join(", ", without) + (without.size() == 1 ? " has" : " have")
                    + (infinite ? " no finite val_loss" : " no val_loss") + " (give --metric to choose)");
        }
        // a classifier's log has an accuracy, a regression's a mean absolute error: their losses differ in kind
        List<String> classifiers = runs.entrySet().stream().filter(r -> measured(r.getValue(), "accuracy"))
                .map(Map.Entry::getKey).toList();
        List<String> regressions = runs.entrySet().stream().filter(r -> measured(r.getValue(), "mae"))
                .map(Map.Entry::getKey).toList();
        if (!classifiers.isEmpty() && !regressions.isEmpty() && shown.contains("loss")) {
            notes.add("Note: " + String.join(", ", classifiers) + " measured accuracy (a classifier's cross-entropy loss), "
                    + String.join(", ", regressions) + " a mean absolute error (a regression's squared error): their "
                    + shown + " values are not alike");
        }
        for (Map.Entry<String, History> run : runs.entrySet()) {
            if (!measured(run.getValue(), shown)) {
                String where = infinite(run.getValue(), shown).map(w -> " (" + files.get(run.getKey()) + ": " + shown
                        + " is " + w + ")").orElse("");
                throw new InvalidInputException("run " + run.getKey() + " has no " + (where.isEmpty() ? "" : "finite ")
                        + shown + where + (metric == null ? "" : "; choose another --metric"));
            }
            infiniteNote(files.get(run.getKey()), run.getValue(), shown, chartFile != null).ifPresent(notes::add);
        }
        BufferedImage chart = chartFile == null ? null : RunsChart.of(runs, shown); // before anything is printed
        PrintWriter out = spec.commandLine().getOut();
        restarts.forEach(out::println);
        notes.forEach(out::println);
        boolean higherIsBetter = shown.endsWith("accuracy");
        int width = Math.max(3, runs.keySet().stream().mapToInt(String::length).max().orElse(3));
        // a learning rate is set, not scored: its lowest, not a best
        String best = (shown.equals("learning_rate") ? "lowest " : "best ") + shown;
        out.printf(Locale.ROOT, "%-" + width + "s  %6s  %" + Math.max(12, best.length()) + "s  %8s  %12s%n", "run", "epochs",
                best, "at epoch", "last");
        for (Map.Entry<String, History> run : runs.entrySet()) {
            List<EpochLogs> epochs = run.getValue().epochs();
            EpochLogs top = null;
            for (EpochLogs e : epochs) {
                double v = e.get(shown);
                if (Double.isFinite(v) && (top == null || (higherIsBetter ? v > top.get(shown) : v < top.get(shown)))) {
                    top = e;
                }
            }
            out.printf(Locale.ROOT, "%-" + width + "s  %6d  %" + Math.max(12, best.length()) + ".4f  %8d  %12s%n",
                    run.getKey(), epochs.size(), top.get(shown), top.epoch(), value(epochs.get(epochs.size() - 1).get(shown)));
        }
        if (chart != null) {
            Charts.writePng(chart, chartFile);
            out.println("Chart written to " + chartFile);
        }
        return 0;
    }

    /**
     * One line on where a log's epochs went back: {@code runs/a.csv: line 5 goes back to epoch 2
     * (after epoch 3), a restarted run; its rows replace the earlier rows from epoch 2 on}.
     */
    static String restartNote(Path log, List<CsvLogger.Restart> restarts) {
        if (restarts.size() == 1) {
            CsvLogger.Restart r = restarts.get(0);
            return log + ": line " + r.line() + " goes back to epoch " + r.epoch() + " (after epoch " + r.after()
                    + "), a restarted run; its rows replace the earlier rows from epoch " + r.epoch() + " on";
        }
        StringBuilder b = new StringBuilder(log + ": the epochs go back at lines ");
        for (int k = 0; k < restarts.size(); k++) {
            CsvLogger.Restart r = restarts.get(k);
            b.append(k == 0 ? "" : k == restarts.size() - 1 ? " and " : ", ")
                    .append(r.line()).append(" (to epoch ").append(r.epoch()).append(')');
        }
        return b.append(", restarted runs; each one's rows replace the earlier rows from its epoch on").toString();
    }

    /**
     * One line on the epochs whose value is infinite, where there are any: {@code runs/a.csv:
     * val_loss is inf at epoch 3, -inf at epoch 5; passed over for the best and left out of the
     * chart} (the chart named where one is drawn). Like a NaN (not measured), such a value is no
     * best and cannot be drawn; unlike a NaN it was measured, a run that diverged, so leaving it
     * out is said rather than done silently.
     */
    static java.util.Optional<String> infiniteNote(Path log, History history, String name, boolean drawn) {
        return infinite(history, name).map(where -> log + ": " + name + " is " + where + "; passed over for the best"
                + (drawn ? " and left out of the chart" : ""));
    }

    /** The epochs whose value is infinite, {@code inf at epoch 3, -inf at epoch 5}, where there are any. */
    private static java.util.Optional<String> infinite(History history, String name) {
        List<String> where = new java.util.ArrayList<>();
        for (EpochLogs e : history.epochs()) {
            double v = e.get(name);
            if (Double.isInfinite(v)) {
                where.add(value(v) + " at epoch " + e.epoch());
            }
        }
        return where.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", where));
    }

    /** A value as the table shows it: four decimals, an infinite one as the notes and Python write it ({@code -inf}). */
    private static String value(double v) {
        return Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.4f", v);
    }

    private static boolean measured(History history, String name) {
        for (double v : history.get(name)) {
            if (Double.isFinite(v)) {
                return true;
            }
        }
        return false;
    }

    /** {@code runs/lr-0.001.csv} as {@code lr-0.001}. */
    static String runName(Path log) {
        String file = log.getFileName() == null ? log.toString() : log.getFileName().toString();
        return file.toLowerCase(Locale.ROOT).endsWith(".csv") ? file.substring(0, file.length() - 4) : file;
    }
}
