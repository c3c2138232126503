package dev.nntrain.train.callback;

import dev.nntrain.InvalidInputException;
import dev.nntrain.train.EpochLogs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.IntConsumer;

/**
 * Saves a training checkpoint every few epochs, like Keras' {@code BackupAndRestore}: everything
 * needed to continue the fit with {@code FitOptions.Builder#optResumeFrom} as if it had never
 * stopped. Each save replaces the directory atomically, so a process killed at any moment,
 * during a save included, leaves the last complete checkpoint. An epoch whose training diverged
 * ends the fit before this callback runs, so it never overwrites a good checkpoint with a bad one.
 *
 * <pre>{@code
 * FitOptions.builder().optEpochs(40).addCallback(new TrainingCheckpoint(dir, 5)).build();   // a first fit
 * FitOptions.builder().optEpochs(40).optResumeFrom(dir).addCallback(new TrainingCheckpoint(dir, 5)).build(); // after a crash
 * }</pre>
 */
public final class TrainingCheckpoint implements Callback {

    private final Path dir;
    private final int every;
    private final IntConsumer onSaved;
    private int savedEpoch;

    /**
     * Creates the callback.
     *
     * @param dir the checkpoint directory
     * @param everyEpochs how many epochs between two checkpoints, at least 1
     */
    public TrainingCheckpoint(Path dir, int everyEpochs) {
        this(dir, everyEpochs, epoch -> {});
    }

    /**
     * Creates the callback with a listener, for instance to print a line per checkpoint.
     *
     * @param dir the checkpoint directory
     * @param everyEpochs how many epochs between two checkpoints, at least 1
     * @param onSaved called with the epoch after each save
     */
    public TrainingCheckpoint(Path dir, int everyEpochs, IntConsumer onSaved) {
        if (everyEpochs < 1) {
            throw new InvalidInputException("checkpoints need at least 1 epoch between them, got " + everyEpochs);
        }
        this.dir = java.util.Objects.requireNonNull(dir, "dir");
        this.every = everyEpochs;
        this.onSaved = onSaved;
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        if (logs.epoch() % every != 0 && logs.epoch() != context.epochs()) {
            return;
        }
        try {
            context.saveCheckpoint(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + dir + ": " + reason(e), e);
        }
        savedEpoch = logs.epoch();
        onSaved.accept(savedEpoch);
    }

    /** @return the epoch last saved (0 if none) */
    public int savedEpoch() {
        return savedEpoch;
    }

    /**
     * Says why a write failed; some failures carry no message (a file channel closed by an
     * interrupt), which would otherwise read "null".
     */
    static String reason(IOException e) {
        if (e instanceof java.nio.channels.ClosedByInterruptException) {
            return "the thread was interrupted";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
