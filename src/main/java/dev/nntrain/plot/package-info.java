/**
 * Charts of the course, as {@link java.awt.image.BufferedImage}s drawn off screen (headless) with
 * <a href="https://knowm.org/open-source/xchart/">XChart</a> and Java2D, from plain Java data.
 *
 * <ul>
 *   <li>{@link dev.nntrain.plot.HistoryChart}: loss and accuracy per epoch, training and
 *       validation, and the learning rate per epoch when it changed;
 *   <li>{@link dev.nntrain.plot.ActivationCharts}: sigmoid, ReLU, linear and tanh, and softmax
 *       as bars;
 *   <li>{@link dev.nntrain.plot.DecisionCharts}: a multiclass model's decision regions and the
 *       coffee-roasting model's decision boundary;
 *   <li>{@link dev.nntrain.plot.DigitGridChart}: digits with true and predicted labels;
 *   <li>{@link dev.nntrain.plot.ConfusionMatrixChart}: a confusion-matrix heat map;
 *   <li>{@link dev.nntrain.plot.OptimizerCharts}: gradient descent against Adam, loss per step
 *       and parameter paths over the cost's contours;
 *   <li>{@link dev.nntrain.plot.SignalWindowChart}: the EKG signal with each convolutional
 *       unit's window, and a stretch of it marked (an abnormal trace's bump);
 *   <li>{@link dev.nntrain.plot.LinearCollapseChart}: two stacked linear layers against the one
 *       linear function they equal.
 * </ul>
 *
 * <p>Each chart has a default size and an overload taking a {@link dev.nntrain.plot.ChartSize};
 * {@link dev.nntrain.plot.Charts#writePng} writes any of them to a file. Bad data (empty or
 * mismatched series, NaN where a number is needed) is an {@link dev.nntrain.InvalidInputException} whose
 * message names the argument and the value received.
 */
package dev.nntrain.plot;
