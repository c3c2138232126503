package dev.nntrain.plot;

import dev.nntrain.InputFiles;
import dev.nntrain.InvalidInputException;
import dev.nntrain.OutputFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes charts to PNG files. Every chart of this package is a {@link BufferedImage}; this class
 * is where one becomes a file.
 */
public final class Charts {

    private Charts() {}

    /**
     * Writes an image as a PNG file. The image goes to a temporary file in the same folder first
     * and is then renamed over {@code file}, so a reader never sees half a picture and a failed
     * write leaves any earlier file in place. A JVM stopped by Ctrl-C or SIGTERM during the write
     * removes the temporary file as it exits. A link to a regular file is written through (the
     * link kept, the file it leads to replaced); a pipe, device, socket or a link to one is refused
     * ({@link OutputFiles}).
     *
     * @param image the chart
     * @param file the PNG file to write, a name ending in {@code .png}; its folder must exist
     * @return {@code file}, for naming what was written
     * @throws InvalidInputException if the name does not end in {@code .png}, the folder of
     *     {@code file} does not exist, or {@code file} is a folder or not a regular file
     * @throws IOException if the file cannot be written
     */
    public static Path writePng(BufferedImage image, Path file) throws IOException {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(file, "file");
        // PNG bytes under another name (h.jpg) would mislead every viewer; the command line's
        // --plot says the same
        Path name = file.getFileName();
        if (name == null || !name.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new InvalidInputException("cannot write the chart to " + file + ": expected a .png file name");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException("cannot write the chart to " + file
                    + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(
                    "cannot write the chart to " + file + ": it is a folder");
        }
        checkRegular(file);
        Path target = OutputFiles.target(file);
        Temporary temporary = Temporary.create(target.toAbsolutePath().getParent(), target.getFileName() + ".");
        try {
            try (ImageOutputStream out = new FileImageOutputStream(temporary.file())) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer for an image of type " + image.getType());
                }
            }
            temporary.renameTo(target);
        } finally {
            temporary.discard();
        }
        return file;
    }

    /**
     * Checks, before any work, that {@link #writePng} could write a file: its folder exists, it is
     * not a folder, not a pipe, device or other file that is not regular ({@link OutputFiles}), and
     * this process can create files in that folder. Call it before training or
     * reading data, so that a bad path costs nothing.
     *
     * @param file the PNG file to write
     * @throws InvalidInputException naming the file and what is wrong
     */
    public static void checkWritable(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidInputException("cannot write the chart to " + file
                    + ": the folder " + folder + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException("cannot write the chart to " + file + ": it is a folder");
        }
        checkRegular(file);
        String reason = cannotCreateFilesIn(folder);
        if (reason != null) {
            throw new InvalidInputException("cannot write the chart to " + file + ": cannot create files in "
                    + folder + " (" + reason + ")");
        }
    }

    /**
     * Checks, before any work, that {@link #writePng} could write files into a folder: it exists,
     * is a folder, and this process can create files in it.
     *
     * @param folder the folder the charts go to
     * @throws InvalidInputException naming the folder and what is wrong
     */
    public static void checkFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("cannot write charts to " + folder + ": it is not a folder");
        }
        String reason = cannotCreateFilesIn(folder);
        if (reason != null) {
            throw new InvalidInputException("cannot write charts to " + folder + ": cannot create files there ("
                    + reason + ")");
        }
    }

    private static void checkRegular(Path file) {
        String problem = OutputFiles.problem(file);
        if (problem != null) {
            throw new InvalidInputException("cannot write the chart to " + file + ": it " + problem);
        }
    }

    // Files.isWritable answers from the permission bits, which say nothing to root, about a
    // read-only mount or about /proc; creating a file says it all. The probe is removed at once.
    private static String cannotCreateFilesIn(Path folder) {
        try {
            Temporary.create(folder, ".nntrain-probe-").discard();
            return null;
        } catch (IOException e) {
            return InputFiles.reason(e);
        }
    }

    /**
     * A temporary file of a write, removed by a shutdown hook if the JVM exits before the file is
     * renamed into place: Ctrl-C (SIGINT) and SIGTERM run shutdown hooks, but not the writing
     * thread's {@code finally} block, so without the hook a {@code NAME.png.*.tmp} would stay for
     * good (SIGKILL runs nothing; that is left to the user).
     *
     * <p>One lock orders creating, renaming and discarding against the hook: a file is created and
     * opened only while the hook has not run, and renamed only while it has not run, so every
     * temporary file is either renamed or deleted. The set holds only the files being written, and
     * the hook is added once, so many writes cost nothing that grows (unlike {@code deleteOnExit}).
     */
    private static final class Temporary {

        private static final Object LOCK = new Object();
        private static final Set<Path> PENDING = new HashSet<>(); // guarded by LOCK
        private static boolean hooked; // guarded by LOCK
        private static boolean exiting; // guarded by LOCK

        private final Path path;
        private final RandomAccessFile file;

        private Temporary(Path path, RandomAccessFile file) {
            this.path = path;
            this.file = file;
        }

        /**
         * Creates and opens a new file in a folder, named the prefix, a random number and
         * {@code .tmp}, with the permissions any new file gets (not owner-only, as
         * {@code Files.createTempFile} would give the chart once renamed).
         */
        static Temporary create(Path folder, String prefix) throws IOException {
            synchronized (LOCK) {
                if (exiting) {
                    throw new IOException("the JVM is exiting");
                }
                if (!hooked) {
                    try {
                        Runtime.getRuntime().addShutdownHook(new Thread(Temporary::deleteAll, "nntrain-chart-temporaries"));
                    } catch (IllegalStateException e) {
                        throw new IOException("the JVM is exiting", e);
                    }
                    hooked = true;
                }
                Path path = OutputFiles.createTemporary(folder, prefix);
                PENDING.add(path);
                try {
                    return new Temporary(path, new RandomAccessFile(path.toFile(), "rw"));
                } catch (IOException | RuntimeException e) {
                    Files.deleteIfExists(path);
                    PENDING.remove(path);
                    throw e;
                }
            }
        }

        RandomAccessFile file() {
            return file;
        }

        /** Renames the file over {@code target}, unless the JVM is exiting and the hook deleted it. */
        void renameTo(Path target) throws IOException {
            synchronized (LOCK) {
                if (exiting) {
                    throw new IOException("the JVM is exiting; " + target + " was not written");
                }
                OutputFiles.moveOver(path, target);
                PENDING.remove(path);
            }
        }

        /** Closes and deletes the file if it was not renamed; harmless after {@link #renameTo}. */
        void discard() throws IOException {
            file.close();
            synchronized (LOCK) {
                try {
                    Files.deleteIfExists(path);
                } finally {
                    PENDING.remove(path);
                }
            }
        }

        private static void deleteAll() {
            synchronized (LOCK) {
                exiting = true;
                for (Path p : PENDING) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // nothing more can be done while the JVM exits
                    }
                }
                PENDING.clear();
            }
        }
    }
}
