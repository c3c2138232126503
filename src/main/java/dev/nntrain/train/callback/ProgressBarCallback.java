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
 */
public final class ProgressBarCallback implements Callback {

    private final PrintStream out;
    private final long refreshNanos;
    private ProgressBar bar;
    private long lastRefresh;

    /** Creates a bar on standard error, refreshed every 200 ms. */
    public ProgressBarCallback() {
        this(System.err, 200);
    }

    /**
     * Creates a bar.
     *
     * @param out where to draw it
     * @param refreshMillis how often to read the running loss
     */
    public ProgressBarCallback(PrintStream out, long refreshMillis) {
        this.out = out;
        this.refreshNanos = refreshMillis * 1_000_000L;
    }

    @Override
    public void onEpochBegin(int epoch, TrainingContext context) {
        bar = new ProgressBarBuilder()
                .setTaskName(String.format("Epoch %d/%d", epoch, context.epochs()))
                .setInitialMax(context.batchesPerEpoch())
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer(out))
                .setUpdateIntervalMillis((int) Math.max(50, refreshNanos / 1_000_000L))
                .continuousUpdate()
                .build();
        lastRefresh = System.nanoTime();
    }

    @Override
    public void onBatchEnd(int epoch, int batch, TrainingContext context) {
        bar.stepTo(batch);
        long now = System.nanoTime();
        if (now - lastRefresh >= refreshNanos) {
            lastRefresh = now;
            bar.setExtraMessage(String.format(" loss %.4f", context.runningLoss()));
        }
    }

    @Override
    public void onEpochEnd(EpochLogs logs, TrainingContext context) {
        bar.setExtraMessage(String.format(" loss %.4f", logs.loss()));
        bar.close();
        bar = null;
    }
}
