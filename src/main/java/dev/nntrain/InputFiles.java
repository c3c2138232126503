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
            return "cannot be read (" + reason(e) + ")";
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
     * Says in words why a file operation failed, without the exception's class name or the path
     * (which the caller's message already names): {@code permission denied}, {@code no space left
     * on device}, ...
     *
     * @param e the failure
     * @return a short phrase
     */
    public static String reason(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "it already exists";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "not a directory";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e instanceof java.io.EOFException ? "the data ends early" : "an input/output error";
        }
        // messages that embed their cause start with its class name: keep the words
        return m.replaceAll("\\b[a-z]+(\\.[a-z]+)*\\.[A-Z][A-Za-z]*(Exception|Error): ", "")
                .replaceAll("\\s*See https?://\\S+", "").replace('\n', ' ').strip();
    }
}
