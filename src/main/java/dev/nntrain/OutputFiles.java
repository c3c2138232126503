package dev.nntrain;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one rule for the files nntrain writes (training logs, charts, range-test logs, {@code .npz}
 * weights): each is written to a new file beside its target and renamed over it, so a reader never
 * sees it half-written, and only where a regular file may go.
 *
 * <ul>
 *   <li>A path that does not exist, or names a regular file, is written (the file replaced).
 *   <li>A symbolic link to a regular file is written through: the link is kept and the file it
 *       leads to is replaced.
 *   <li>Anything else is refused: a folder, a named pipe, a socket, a device, a link to one of
 *       these or a link to nothing. Renaming a file over such a path would replace it with a
 *       regular file (a pipe or {@code /dev/stdout}, say), which is never what was meant.
 * </ul>
 *
 * <p>The new file is made with {@code Files.createFile}, so it gets the permissions of any new
 * file (the umask's), not the owner-only ones of {@code Files.createTempFile}.
 */
public final class OutputFiles {

    private OutputFiles() {}

    /** What writes the contents of a new file. */
    @FunctionalInterface
    public interface Contents {
        /**
         * Writes the contents.
         *
         * @param file the new, empty file to fill
         * @throws IOException if writing fails
         */
        void writeTo(Path file) throws IOException;
    }

    /**
     * Says what is wrong with a path as a place to write a file.
     *
     * @param file the path
     * @return null for a path that does not exist, a regular file or a link to one; else a
     *     phrase that completes a sentence starting with the path, such as {@code "is a named pipe
     *     (FIFO), not a regular file"}
     */
    public static String problem(Path file) {
        Objects.requireNonNull(file, "file");
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null; // nothing there (or nothing to see): creating the file will tell
        }
        if (own.isRegularFile()) {
            return null;
        }
        if (own.isDirectory()) {
            return "is a folder, not a regular file";
        }
        if (!own.isSymbolicLink()) {
            return "is " + kind(file) + ", not a regular file";
        }
        BasicFileAttributes target;
        Path real;
        try {
            target = Files.readAttributes(file, BasicFileAttributes.class);
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            return "is a link to a missing file, not a regular file";
        } catch (IOException e) {
            return "is a link that cannot be followed (" + InputFiles.reason(e) + "), not a regular file";
        }
        if (target.isRegularFile()) {
            return null;
        }
        return "is a link to " + real + ", " + (target.isDirectory() ? "a folder" : kind(real)) + ", not a regular file";
    }

    /**
     * Refuses a path that is not a place to write a file (see {@link #problem}).
     *
     * @param what what names the path in the message, such as {@code "--csv-log"}, or an empty
     *     string for the path alone
     * @param file the path
     * @throws InvalidInputException naming the path and what it is
     */
    public static void check(String what, Path file) {
        String problem = problem(file);
        if (problem != null) {
            throw new InvalidInputException((what == null || what.isEmpty() ? "" : what + " ") + file + " " + problem);
        }
    }

    /**
     * The file a write to {@code file} replaces: {@code file} itself, or for a link the regular
     * file it leads to, so that the link is kept.
     *
     * @param file a path that {@link #check} accepts
     * @return the path to rename the new file over
     * @throws IOException if a link cannot be followed
     */
    public static Path target(Path file) throws IOException {
        return Files.isSymbolicLink(file) ? file.toRealPath() : file;
    }

    /**
     * Creates a new empty file in a folder, named the prefix, a random number and {@code .tmp},
     * with the permissions any new file gets there.
     *
     * @param folder the folder
     * @param prefix the start of the name
     * @return the new file
     * @throws IOException if it cannot be created
     */
    public static Path createTemporary(Path folder, String prefix) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path path = folder.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                return Files.createFile(path);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * Renames a file over another, atomically where the file system can.
     *
     * @param source the new file
     * @param target the file it replaces
     * @throws IOException if the rename fails
     */
    public static void moveOver(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Writes a file in one move: checks the path ({@link #check}), writes the contents to a new
     * file beside the file to replace ({@link #target}), and renames it over that file. A failure
     * leaves the file as it was and no new file behind.
     *
     * @param what what names the path in a refusal, such as {@code "training log"}
     * @param file the file to write; its folder must exist
     * @param contents what writes the contents
     * @return {@code file}
     * @throws InvalidInputException if the path is not a place to write a file
     * @throws IOException if writing fails
     */
    public static Path write(String what, Path file, Contents contents) throws IOException {
        Objects.requireNonNull(contents, "contents");
        check(what, file);
        Path target = target(file);
        Path folder = target.toAbsolutePath().getParent();
        Path temporary = createTemporary(folder, "." + target.getFileName() + ".");
        try {
            contents.writeTo(temporary);
            moveOver(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    /** A file that is not regular, a folder or a link, in words: "a named pipe (FIFO)", ... */
    private static String kind(Path file) {
        try {
            Object mode = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer m) {
                switch (m & 0170000) {
                    case 0010000:
                        return "a named pipe (FIFO)";
                    case 0020000:
                        return "a character device";
                    case 0060000:
                        return "a block device";
                    case 0140000:
                        return "a socket";
                    default:
                        break;
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view: say what it may be
        }
        return "a pipe, socket or device";
    }
}
