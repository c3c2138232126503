package dev.nntrain.train.callback;

import dev.nntrain.InvalidInputException;
import dev.nntrain.OutputFiles;
import dev.nntrain.train.EpochLogs;
import dev.nntrain.train.History;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes each epoch's metrics to a CSV file as the epoch ends, as Keras' {@code CSVLogger} does,
 * for a spreadsheet, pandas or a plot of several runs:
 *
 * <pre>
 * epoch,loss,accuracy,val_loss,val_accuracy,learning_rate,seconds
 * 1,0.7261,0.7934,0.4121,0.8825,0.001,0.41
 * </pre>
 *
 * <p>The columns are the epoch (from 1, as the epoch lines count; Keras' logger counts from 0),
 * the metrics of {@link EpochLogs#NAMES} that the first epoch measured (a classifier's accuracies,
 * a regression's {@code mae}, the validation ones when there is validation data), and the epoch's
 * training time in seconds. Numbers are written in full precision ({@code Double.toString}), a
 * metric that stops being finite as {@code NaN}. Each line is flushed as its epoch ends, so that
 * the file can be followed while training runs and a killed run leaves the epochs it finished.
 *
 * <p>A fit starts the file afresh (a file already there is replaced). A fit resumed from a
 * checkpoint ({@link dev.nntrain.train.FitOptions.Builder#optResumeFrom}) writes the epochs the
 * checkpoint kept from the history it restored ({@link TrainingContext#history()}), whatever the
 * file holds by then (cut short, removed or replaced), and replaces the epochs after them, which
 * the run it continues may have written before it was killed: the file again holds each epoch
 * once, as the run that was never stopped wrote it. (An epoch of a checkpoint too old to record
 * its learning rate keeps the file's line for it, when the file has one.)
 *
 * <p>The file is replaced in one move ({@link OutputFiles}): a link to a regular file is written
 * through, and a pipe, device or other file that is not regular is refused as the fit begins.
 */
public final class CsvLogger implements Callback {

    private final Path file;
    private List<String> columns;

    /**
     * Logs to a file.
     *
     * @param file the CSV file; its folder must exist
     */
    public CsvLogger(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** @return the file written */
    public Path file() {
        return file;
    }

    /**
     * Starts afresh, and refuses a log path that is a pipe, device or other file that is not
     * regular before any epoch trains.
     *
     * @throws InvalidInputException naming the file and what it is
     */
    @Override
    public void onTrainBegin(TrainingContext context) {
        columns = null; // decided by this fit's first epoch
        OutputFiles.check("training log", file);
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        try {
            if (columns == null) {
                columns = columns(logs);
                start(logs.epoch(), context);
            }
            Files.writeString(file, line(logs) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training log " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the log of a fit that ran no epoch of its own, a fit resumed from a checkpoint of its
     * last epoch: the history it restored, so that the file again holds every epoch.
     */
    @Override
    public void onTrainEnd(History history, TrainingContext context) {
        if (columns != null || history.size() == 0) {
            return;
        }
        try {
            columns = columns(history.last());
            start(history.last().epoch() + 1, context);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the training log " + file + ": " + e.getMessage(), e);
        }
    }

    /** The epoch, the metrics this epoch measured, the seconds. */
    private static List<String> columns(EpochLogs logs) {
        List<String> names = new ArrayList<>();
        names.add("epoch");
        for (String name : EpochLogs.NAMES) {
            if (!Double.isNaN(logs.get(name))) {
                names.add(name);
            }
        }
        names.add("seconds");
        return names;
    }

    private String line(EpochLogs logs) {
        StringBuilder b = new StringBuilder().append(logs.epoch());
        for (String name : columns.subList(1, columns.size() - 1)) {
            b.append(',').append(logs.get(name));
        }
        return b.append(',').append(logs.seconds()).toString();
    }

    /**
     * Writes the header, and for a resumed fit the epochs before {@code firstEpoch}: from the
     * history the fit restored, when it holds each of them; otherwise (a context that keeps no
     * history) the file's lines of those epochs if its header is this one. Replaces the file in
     * one move, so that a reader never sees it half-written.
     */
    private void start(int firstEpoch, TrainingContext context) throws IOException {
        String header = String.join(",", columns);
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (firstEpoch > 1) {
            Map<Integer, String> old = oldLines(header, firstEpoch);
            List<EpochLogs> earlier = context.history().epochs().stream().filter(e -> e.epoch() < firstEpoch).toList();
            boolean whole = earlier.size() == firstEpoch - 1;
            for (int k = 0; whole && k < earlier.size(); k++) {
                whole = earlier.get(k).epoch() == k + 1;
            }
            if (whole) {
                for (EpochLogs e : earlier) {
                    String line = old.get(e.epoch());
                    boolean rateUnknown = Double.isNaN(e.learningRate()) && columns.contains("learning_rate");
                    kept.add(rateUnknown && line != null ? line : line(e));
                }
            } else {
                kept.addAll(old.values());
            }
        }
        OutputFiles.write("training log", file, temporary -> Files.write(temporary, kept, StandardCharsets.UTF_8));
    }

    /**
     * The whole lines of the epochs before {@code firstEpoch} in the file, if it is a log with this
     * header; by epoch, in the file's order (the last line of an epoch that repeats).
     */
    private Map<Integer, String> oldLines(String header, int firstEpoch) {
        Map<Integer, String> kept = new java.util.TreeMap<>();
        if (!Files.isRegularFile(file)) {
            return kept;
        }
        List<String> old;
        try {
            old = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return kept; // not a text file: nothing to keep
        }
        if (!old.isEmpty() && old.get(0).equals(header)) {
            for (String line : old.subList(1, old.size())) {
                boolean whole = line.split(",", -1).length == columns.size(); // not cut short by a kill
                if (whole && epochOf(line) >= 1 && epochOf(line) < firstEpoch) {
                    kept.put(epochOf(line), line);
                }
            }
        }
        return kept;
    }

    /**
     * A place where a training log's epochs go back: a run restarted from an earlier epoch and
     * appended to the same file, as Keras' {@code CSVLogger(append=True)} does after a restart.
     *
     * @param line the file's line (from 1, the header's being 1) whose epoch goes back
     * @param epoch that line's epoch (counted from 1, as {@link #read} counts them)
     * @param after the epoch of the row before it
     */
    public record Restart(int line, int epoch, int after) {
        /**
         * Checks the numbers.
         *
         * @param line the line, at least 2
         * @param epoch the epoch it goes back to, at least 1
         * @param after the epoch before it, at least {@code epoch}
         */
        public Restart {
            if (line < 2 || epoch < 1 || after < epoch) {
                throw new IllegalArgumentException("not a restart: line " + line + ", epoch " + epoch + " after " + after);
            }
        }
    }

    /**
     * A training log read back.
     *
     * @param history the epochs, in order, each once: after a restart, the rows the restarted
     *     run wrote
     * @param restarts where the file's epochs went back, in the file's order; empty for a log
     *     whose epochs only go up
     */
    public record Log(History history, List<Restart> restarts) {
        /**
         * Copies the list.
         *
         * @param history the epochs
         * @param restarts where the epochs went back
         */
        public Log {
            Objects.requireNonNull(history, "history");
            restarts = List.copyOf(restarts);
        }
    }

    /**
     * Reads a training log back: this logger's, or a Keras {@code CSVLogger}'s (its epochs count
     * from 0 and are shifted to count from 1; its {@code nan} and {@code inf} are read as Python
     * writes them; columns other than the epoch, {@link EpochLogs#NAMES} and {@code seconds}, such
     * as a metric of one's own, are passed over). A metric the file lacks is NaN in every epoch.
     * The same as {@link #readLog}{@code (file).history()}.
     *
     * @param file the CSV file, comma-separated, with a header row that starts with {@code epoch}
     * @return the epochs, in order, each once (see {@link #readLog} for a log whose epochs go back)
     * @throws InvalidInputException naming the file, and the line and value where one is wrong:
     *     a missing or unreadable file, no {@code epoch} or {@code loss} column, a row with
     *     another number of values than the header, a value that is not a number, no epoch at all
     */
    public static History read(Path file) {
        return readLog(file).history();
    }

    /**
     * Reads a training log back as {@link #read} does, and says where its epochs went back.
     *
     * <p>A row whose epoch is not above the row before it (the same epoch again, or an earlier one)
     * is where a run restarted from that epoch and went on appending to the file, as Keras'
     * {@code CSVLogger(append=True)} does when a run is restarted: the restarted run's rows
     * replace the earlier rows of that epoch and after it (the rows kept so far whose epoch is at
     * least the row's are dropped, then the row is added). So the history holds each epoch once,
     * in order, as the last run wrote it. Epochs may skip (a log from epoch 5 on, or a gap), as
     * {@link History#of} allows.
     *
     * @param file the CSV file, comma-separated, with a header row that starts with {@code epoch}
     * @return the epochs, and the lines where they went back
     * @throws InvalidInputException as {@link #read} does
     */
    public static Log readLog(Path file) {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(file + " is a folder; expected a CSV training log");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(file + ": cannot read it as a UTF-8 text file (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new InvalidInputException(file + ": empty; expected a header row such as epoch,loss,...");
        }
        String[] header = lines.get(0).replace("\uFEFF", "").trim().split(",", -1);
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            at.putIfAbsent(header[i].trim(), i);
        }
        for (String needed : List.of("epoch", "loss")) {
            if (!at.containsKey(needed)) {
                throw new InvalidInputException(file + ":1: no '" + needed + "' column in the header "
                        + lines.get(0).trim() + "; expected a training log such as epoch,loss,...");
            }
        }
        List<EpochLogs> epochs = new ArrayList<>();
        List<Restart> restarts = new ArrayList<>();
        boolean first = true;
        int shift = 0;
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] values = line.split(",", -1);
            String where = file + ":" + (n + 1);
            if (values.length != header.length) {
                throw new InvalidInputException(where + ": " + values.length + " values, expected " + header.length
                        + " as the header has");
            }
            double epochValue = number(values[at.get("epoch")], "epoch", where);
            int epoch = (int) epochValue;
            if (epoch != epochValue || epoch < 0) {
                throw new InvalidInputException(where + ": epoch is '" + values[at.get("epoch")].trim()
                        + "', expected a whole number of at least 0");
            }
            if (first && epoch == 0) {
                shift = 1; // Keras counts epochs from 0
            }
            first = false;
            if (epoch + shift < 1) {
                throw new InvalidInputException(where + ": epoch is 0, but the first row counts epochs from 1");
            }
            double[] metric = new double[EpochLogs.NAMES.size() + 1];
            for (int k = 0; k < metric.length; k++) {
                String name = k < EpochLogs.NAMES.size() ? EpochLogs.NAMES.get(k) : "seconds";
                Integer column = at.get(name);
                metric[k] = column == null ? Double.NaN : number(values[column], name, where);
            }
            EpochLogs logs = new EpochLogs(epoch + shift, metric[0], metric[1], metric[2], metric[3], metric[4], metric[5],
                    metric[6], metric[7], Double.NaN);
            if (!epochs.isEmpty() && logs.epoch() <= epochs.get(epochs.size() - 1).epoch()) {
                restarts.add(new Restart(n + 1, logs.epoch(), epochs.get(epochs.size() - 1).epoch()));
                epochs.removeIf(e -> e.epoch() >= logs.epoch());
            }
            epochs.add(logs);
        }
        if (epochs.isEmpty()) {
            throw new InvalidInputException(file + ": a header and no epoch; expected one row per epoch");
        }
        return new Log(History.of(epochs), restarts);
    }

    /**
     * A number as Java or Python writes it (Python's {@code nan}, {@code inf}), or as Python's
     * {@code float} reads it: any case, a sign before {@code nan}, {@code inf} or {@code infinity}
     * ({@code +inf}, {@code -nan}, which is a NaN).
     */
    private static double number(String text, String column, String where) {
        String t = text.trim();
        String lower = t.toLowerCase(Locale.ROOT);
        boolean negative = lower.startsWith("-");
        String unsigned = negative || lower.startsWith("+") ? lower.substring(1) : lower;
        switch (unsigned) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(where + ": " + column + " is '" + t + "', expected a number", e);
                }
        }
    }

    /** A line's epoch, or -1 for a line that does not start with one (cut short by a kill). */
    private static int epochOf(String line) {
        int comma = line.indexOf(',');
        try {
            return Integer.parseInt(comma < 0 ? line : line.substring(0, comma));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
