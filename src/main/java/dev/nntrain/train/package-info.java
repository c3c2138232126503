/**
 * Training: a {@link dev.nntrain.train.CompiledModel} is a model with its loss and optimiser, and
 * offers Keras' {@code fit}, {@code evaluate} and {@code predict}.
 *
 * <ul>
 *   <li>{@code TrainingLoop}: epochs, batches, validation, callbacks, the
 *       divergence guard; {@code WrittenBackprop}: the step without DJL's
 *       autograd tape, where every layer and the loss have written-out gradients;
 *   <li>{@link dev.nntrain.train.History}: what a fit reports, epoch by epoch;
 *   <li>{@link dev.nntrain.train.Checkpoint}: a model with its optimiser state, to resume a killed
 *       run exactly.
 * </ul>
 *
 * <p>Sub-packages split it as DJL's {@code training} is split: {@code loss} (one table of every
 * loss's names, output activation, DJL loss and gradient), {@code optimizer} (each optimiser's
 * update of the flat parameter array, whose learning rate a fit may change between steps),
 * {@code metric} (DJL's {@code evaluator}: {@link dev.nntrain.train.metric.Evaluation}, {@link
 * dev.nntrain.train.metric.ConfusionMatrix} and the metrics a fit tallies), {@code callback}
 * (progress, checkpoints, early stopping, and the learning-rate callbacks {@code
 * LearningRateScheduler} and {@code ReduceLROnPlateau}) and {@code tune} (DJL's {@code
 * hyperparameter}: {@link dev.nntrain.train.tune.Tuner} chooses the thread count and the device by
 * timing a few steps, {@link dev.nntrain.train.tune.LearningRateFinder} runs the learning-rate
 * range test). The losses, optimisers and metrics know nothing of the core; the tuning drives fits
 * from above and the core never calls it.
 */
package dev.nntrain.train;
