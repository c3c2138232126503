/**
 * Training: a {@link dev.nntrain.train.CompiledModel} is a model with its loss and optimiser, and
 * offers Keras' {@code fit}, {@code evaluate} and {@code predict}.
 *
 * <ul>
 *   <li>{@code TrainingLoop}: epochs, batches, validation, callbacks, the
 *       divergence guard; {@code WrittenBackprop}: the step without DJL's
 *       autograd tape, where every layer and the loss have written-out gradients;
 *   <li>{@link dev.nntrain.train.Tuner}: the CPU thread count and the device, chosen by timing a
 *       few steps;
 *   <li>{@link dev.nntrain.train.History}, {@link dev.nntrain.train.Evaluation},
 *       {@link dev.nntrain.train.ConfusionMatrix}: what training and evaluation report;
 *   <li>{@link dev.nntrain.train.Checkpoint}: a model with its optimiser state, to resume a killed
 *       run exactly.
 * </ul>
 *
 * <p>Sub-packages split it as DJL's {@code training} is split: {@code loss} (one table of every
 * loss's names, output activation, DJL loss and gradient), {@code optimizer} (each optimiser's
 * update of the flat parameter array, whose learning rate a fit may change between steps) and
 * {@code callback} (progress, checkpoints, early stopping, and the learning-rate callbacks {@code
 * LearningRateScheduler} and {@code ReduceLROnPlateau}).
 */
package dev.nntrain.train;
