/**
 * Data for nntrain: everything here produces {@link dev.nntrain.data.Examples}, the in-memory
 * example sets the trainer consumes.
 *
 * <ul>
 *   <li>{@link dev.nntrain.data.Datasets}: a data set by the name the command line gives it,
 *       split into training and test examples;
 *   <li>{@link dev.nntrain.data.csv}: CSV files ({@link dev.nntrain.data.csv.Csv}), columns of text
 *       one-hot encoded as {@link dev.nntrain.data.csv.FeatureColumns} describe, missing values
 *       left out or filled in, one or several label columns;
 *   <li>{@link dev.nntrain.data.mnist}: MNIST and Fashion-MNIST through DJL's datasets
 *       ({@link dev.nntrain.data.mnist.MnistSource}), from a local directory of IDX files (the
 *       embedded subset in {@code data/mnist}, Debian's Fashion-MNIST) or DJL's remote repository;
 *   <li>{@link dev.nntrain.data.Synthetic}: the course's seeded toy data sets, with
 *       {@link dev.nntrain.data.Standardizer} to normalise inputs;
 *   <li>{@link dev.nntrain.data.Augmentation} and {@link dev.nntrain.data.RandomShift}: training
 *       digits moved a little every epoch;
 *   <li>{@link dev.nntrain.data.DigitImage}: a picture of a digit as MNIST-style input.
 * </ul>
 *
 * <p>Bad input is reported as {@link dev.nntrain.data.DataFormatException} with a one-line
 * message naming the file.
 */
package dev.nntrain.data;
