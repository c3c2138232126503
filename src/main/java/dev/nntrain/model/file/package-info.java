/**
 * Saving and loading models: {@link dev.nntrain.model.file.ModelFiles} writes a model directory
 * (the architecture as JSON, the parameters, their checksums) in one atomic step and reads it back
 * with the limits and checks a file from elsewhere needs ({@link dev.nntrain.model.file.LoadOptions});
 * a malformed directory is a {@link dev.nntrain.model.ModelFormatException} naming the file.
 * {@link dev.nntrain.model.Sequential#save} and {@link dev.nntrain.model.Sequential#load} call it.
 */
package dev.nntrain.model.file;
