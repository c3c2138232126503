/**
 * CSV files as examples. {@link dev.nntrain.data.csv.Csv} holds how a file is read (its label
 * columns, separator, header, ignored columns, what to do with missing values) and reads it;
 * {@link dev.nntrain.data.csv.FeatureColumns} describes its feature columns (a number, a category
 * one-hot encoded, an ignored column, each with the value that fills a missing cell), which a
 * trained model keeps so that new rows are read as the training rows were.
 */
package dev.nntrain.data.csv;
