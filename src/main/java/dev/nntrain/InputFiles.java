package dev.nntrain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks that a path names a regular file before nntrain opens it. A named pipe would block a
 * reader forever and a device such as {@code /dev/zero} never ends; neither can be a data set or a
 * model. Links are followed: a link to a regular file is read, a link to a pipe is not.
 */
public final class InputFiles {

    private InputFiles() {}

    /**
     * Says what is wrong with a path that should be a regular file.
     *
     * @param file the path
     * @return null for a readable regular file, else a phrase such as {@code "does not exist"}
     *     that completes a sentence starting with the path
     */
    public static String problem(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException e) {
            return Files.isSymbolicLink(file) ? "is a link to a missing file" : "does not exist";
        } catch (IOException e) {
            return "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        if (attributes.isDirectory()) {
            return "is a directory, not a file";
        }
        if (!attributes.isRegularFile()) {
            return "is not a regular file (a pipe, socket or device)";
        }
        if (!Files.isReadable(file)) {
            return "is not readable (permission denied)";
        }
        return null;
    }

    /**
     * Returns a regular file's size, refusing anything else.
     *
     * @param file the path
     * @param what what the file should be, for the message, e.g. {@code "a CSV file"}
     * @return the size in bytes
     * @throws InvalidInputException naming the path and the problem
     */
    public static long requireRegular(Path file, String what) {
        String problem = problem(file);
        if (problem != null) {
            throw new InvalidInputException(file + " " + problem + "; expected " + what);
        }
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + " cannot be read: " + e.getMessage() + "; expected " + what, e);
        }
    }
}
