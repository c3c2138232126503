package dev.nntrain.train.callback;

import dev.nntrain.train.EpochLogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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
 * checkpoint ({@link dev.nntrain.train.FitOptions.Builder#optResumeFrom}) keeps the lines of the
 * epochs the checkpoint kept and replaces the ones after it, which the run it continues may have
 * written before it was killed, so that the file again holds each epoch once.
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

    @Override
    public void onTrainBegin(TrainingContext context) {
        columns = null; // decided by this fit's first epoch
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        try {
            if (columns == null) {
                columns = columns(logs);
                start(logs.epoch());
            }
            Files.writeString(file, line(logs) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
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
     * Writes the header, and for a resumed fit whose file has the same header the lines of the
     * epochs before {@code firstEpoch}; replaces the file in one move, so that a reader never
     * sees it half-written.
     */
    private void start(int firstEpoch) throws IOException {
        String header = String.join(",", columns);
        List<String> kept = new ArrayList<>();
        kept.add(header);
        if (firstEpoch > 1 && Files.isRegularFile(file)) {
            List<String> old = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!old.isEmpty() && old.get(0).equals(header)) {
                for (String line : old.subList(1, old.size())) {
                    boolean whole = line.split(",", -1).length == columns.size(); // not cut short by a kill
                    if (whole && epochOf(line) >= 1 && epochOf(line) < firstEpoch) {
                        kept.add(line);
                    }
                }
            }
        }
        Path folder = file.toAbsolutePath().getParent();
        Path temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
        try {
            Files.write(temporary, kept, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
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
