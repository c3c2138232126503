/**
 * MNIST-style image sets: {@link dev.nntrain.data.mnist.MnistSource} loads MNIST and Fashion-MNIST
 * through DJL's basicdataset from a local directory of IDX files (the subset embedded in the jar,
 * Debian's Fashion-MNIST) or from DJL's remote repository; {@link dev.nntrain.data.mnist.Idx}
 * reads, writes and validates IDX files before DJL, which skips their headers unread, sees them.
 */
package dev.nntrain.data.mnist;
