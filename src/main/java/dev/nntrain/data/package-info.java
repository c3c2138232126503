/**
 * Data for nntrain: everything here produces {@link dev.nntrain.data.Examples}, the in-memory
 * example sets the trainer consumes.
 *
 * <ul>
 *   <li>{@link dev.nntrain.data.MnistSource}: MNIST and Fashion-MNIST through DJL's datasets, from
 *       a local directory of IDX files (the embedded subset in {@code data/mnist}, Debian's
 *       Fashion-MNIST) or DJL's remote repository;
 *   <li>{@link dev.nntrain.data.Idx}: reading, writing and validating IDX files;
 *   <li>{@link dev.nntrain.data.Csv}: CSV files, columns of text one-hot encoded as
 *       {@link dev.nntrain.data.FeatureColumns} describe, one or several label columns;
 *   <li>{@link dev.nntrain.data.Synthetic}: the course's seeded toy data sets, with
 *       {@link dev.nntrain.data.Standardizer} to normalise them;
 *   <li>{@link dev.nntrain.data.DigitImage}: a picture of a digit as MNIST-style input.
 * </ul>
 *
 * <p>Bad input is reported as {@link dev.nntrain.data.DataFormatException} with a one-line
 * message naming the file.
 */
package dev.nntrain.data;
