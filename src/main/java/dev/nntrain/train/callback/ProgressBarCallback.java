package dev.nntrain.train.callback;

import dev.nntrain.train.EpochLogs;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * A console progress bar per epoch with the running loss, like Keras' {@code verbose=1}. The
 * running loss is read from the engine at most every {@code refreshMillis}, so the bar does not
 * slow training down.
 *
 * <p>The bar is drawn by {@code me.tongfei:progressbar} (0.10.1), which nntrain declares
 * optional: the command line uses it, a library's dependants do not get it. An application that
 * uses this callback adds that dependency itself; without it the constructor says so.
 */
public final class ProgressBarCallback implements Callback {

    /** The dependency an application must add, as the constructor's message names it. */
    static final String DEPENDENCY = "me.tongfei:progressbar:0.10.1";

    private final PrintStream out;
    private final long refreshNanos;
    private Bar bar;
    private long lastRefresh;

    /**
     * Creates a bar on standard error, refreshed every 200 ms.
     *
     * @throws IllegalStateException if {@code me.tongfei:progressbar} is not on the class path
     */
    public ProgressBarCallback() {
        this(System.err, 200);
    }

    /**
     * Creates a bar.
     *
     * @param out where to draw it
     * @param refreshMillis how often to read the running loss
     * @throws IllegalStateException if {@code me.tongfei:progressbar} is not on the class path
     */
    public ProgressBarCallback(PrintStream out, long refreshMillis) {
        requireProgressBarLibrary();
        this.out = out;
        this.refreshNanos = refreshMillis * 1_000_000L;
    }

    /**
     * Fails here, not with a NoClassDefFoundError at the first epoch: the library is optional, so
     * a project that depends on nntrain lacks it unless it adds it.
     */
    private static void requireProgressBarLibrary() {
        try {
            Class.forName("me.tongfei.progressbar.ProgressBar", false, ProgressBarCallback.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("ProgressBarCallback needs " + DEPENDENCY
                    + " on the class path (nntrain declares it optional): add it to the application's dependencies");
        }
    }

    @Override
    public void onEpochBegin(int epoch, TrainingContext context) {
        bar = new Bar(String.format("Epoch %d/%d", epoch, context.epochs()), context.batchesPerEpoch(), out,
                (int) Math.max(50, refreshNanos / 1_000_000L));
        lastRefresh = System.nanoTime();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, TrainingContext context) {
        bar.stepTo(batch);
        long now = System.nanoTime();
        if (now - lastRefresh >= refreshNanos) {
            lastRefresh = now;
            bar.message(String.format(" loss %.4f", context.runningLoss()));
        }
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        bar.message(String.format(" loss %.4f", logs.loss()));
        bar.close();
        bar = null;
    }

    /**
     * The progress bar library's objects, kept out of the callback's own class: the JVM verifies a
     * class's methods when it links it, and verifying code that builds a ProgressBar loads the
     * library's classes, so the callback could not be constructed (and say what is missing)
     * without them.
     */
    private static final class Bar {
        private final ProgressBar bar;

        Bar(String task, long max, PrintStream out, int updateMillis) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(max)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(out))
                    .setUpdateIntervalMillis(updateMillis)
                    .continuousUpdate()
                    .build();
        }

        void stepTo(long step) {
            bar.stepTo(step);
        }

        void message(String message) {
            bar.setExtraMessage(message);
        }

        void close() {
            bar.close();
        }
    }
}
