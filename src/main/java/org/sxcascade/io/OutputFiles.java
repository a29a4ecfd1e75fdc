package org.sxcascade.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.sxcascade.model.InvalidInputException;

/**
 * Output files written whole or not at all. A regular file is written to a temporary file beside
 * it and moved into place, so a failure never leaves a partial file; a symbolic link is followed
 * to the file it names; a device or pipe (/dev/stdout) is written to directly. Directories, an
 * empty name and the command's own input file are refused. Used by the commands' outputs and by
 * the sweep's files ({@link #checkTarget}, {@link #writeAtomically}).
 */
public final class OutputFiles {
    /** Writes the content. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where the content goes (closing it only flushes)
         * @throws IOException what writing threw
         */
        void writeTo(Writer out) throws IOException;
    }

    /** Writes binary content. */
    @FunctionalInterface
    public interface BinaryContent {
        /**
         * @param out where the content goes
         * @throws IOException what writing threw
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** How this program's temporary files begin: the process id and a dash follow. */
    static final String STALE_PREFIX = ".sxcascade-";
    private static final String TEMP_PREFIX = STALE_PREFIX + ProcessHandle.current().pid() + "-";
    private static final String TEMP_SUFFIX = ".tmp";
    /** A temporary file younger than this is left alone even when its process is not seen (another machine). */
    private static final java.time.Duration STALE_AGE = java.time.Duration.ofMinutes(1);

    private OutputFiles() {
    }

    /**
     * Deletes this program's temporary files in a folder ({@code .sxcascade-PID-….tmp}) that a killed
     * run left: those whose process is not running on this machine and that are older than a
     * minute (a file on a shared folder may be another machine's, being written). Best effort:
     * what cannot be listed or deleted is left.
     *
     * @param dir the folder
     */
    static void deleteStaleTemporaries(Path dir) {
        long now = System.currentTimeMillis();
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(dir, STALE_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dash = name.indexOf('-', STALE_PREFIX.length());
                long pid;
                try {
                    pid = Long.parseLong(name.substring(STALE_PREFIX.length(), Math.max(dash, STALE_PREFIX.length())));
                } catch (NumberFormatException e) {
                    continue; // not named by this version
                }
                boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!running && now - Files.getLastModifiedTime(f).toMillis() > STALE_AGE.toMillis()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a folder that cannot be listed is written all the same
        }
    }

    /**
     * Refuses an output name that cannot be a file: an empty name, a directory, or a file in a
     * folder that does not exist.
     *
     * @param option the command-line option that named the file, for error messages
     * @param target the output file
     * @throws InvalidInputException naming the option, the file and what is allowed
     */
    public static void checkTarget(String option, Path target) {
        if (target.toString().isBlank()) {
            throw new InvalidInputException(option, "(empty)", "a file name");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(option, target, "a file name, not a directory");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(option, target, "a file in an existing directory");
        }
    }

    /**
     * Checks, before anything is computed, that the output can be written: {@link #checkTarget},
     * not the command's input file, an existing regular file that is not read-only (no owner write
     * permission: it is not replaced, although its folder would allow it), and a folder that takes
     * a new file (tried by creating and deleting an empty temporary file). A device or a pipe
     * (/dev/stdout) is only checked to be writable.
     *
     * @param option the command-line option that named the file, for error messages
     * @param target the output file
     * @param input  the command's input file, or {@code null}
     * @throws InvalidInputException naming the option, the file and why it cannot be written
     */
    public static void checkWritable(String option, Path target, Path input) {
        checkTarget(option, target);
        try {
            if (Files.exists(target) && input != null && Files.exists(input) && Files.isSameFile(target, input)) {
                throw new InvalidInputException(option, target, "a file other than the input case file");
            }
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                if (!Files.isWritable(target)) {
                    throw new InvalidInputException(option, target, "a file that can be written (permission denied)");
                }
                return;
            }
            Path real = Files.exists(target) ? target.toRealPath() : target.toAbsolutePath();
            if (Files.exists(real) && (!Files.isWritable(real) || readOnly(real))) {
                throw new InvalidInputException(option, target, "a file that can be written (it is read-only)");
            }
            Path probe = Files.createTempFile(real.getParent(), TEMP_PREFIX, TEMP_SUFFIX);
            Files.delete(probe);
        } catch (IOException e) {
            throw new InvalidInputException(option, target, "a file in a folder that can be written ("
                    + target.toAbsolutePath().getParent() + ": " + reason(e) + ")");
        }
    }

    /** Whether a POSIX file lacks its owner's write permission (false elsewhere). */
    private static boolean readOnly(Path file) throws IOException {
        try {
            return !Files.getPosixFilePermissions(file).contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** Why a file operation failed, in words ("permission denied", "read-only file system"), without class names. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Replaces a regular file's text whole or not at all: written to a temporary file beside it
     * (permissions rw-r--r--) and moved into place atomically.
     *
     * @param file the file (its folder must exist)
     * @param text its new content, in UTF-8
     * @throws IOException what writing or moving threw (the file is then unchanged)
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        replace(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes the bytes, whole or not at all (see the class comment). */
    public static void write(String option, Path target, Path input, byte[] bytes) throws IOException {
        writeBinary(option, target, input, out -> out.write(bytes));
    }

    /**
     * @param option the command-line option that named the file, for error messages
     * @param input  the command's input file, which must not be overwritten
     */
    public static void write(String option, Path target, Path input, Content content) throws IOException {
        writeBinary(option, target, input, out -> {
            // the content may close its writer (a CSV printer does): closing only flushes here, the
            // file is closed (and moved into place) by writeBinary
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            content.writeTo(w);
            w.flush();
        });
    }

    /** As {@link #write(String, Path, Path, Content)}, for binary content. */
    public static void writeBinary(String option, Path target, Path input, BinaryContent content)
            throws IOException {
        checkWritable(option, target, input);
        try {
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                try (OutputStream out = Files.newOutputStream(target)) { // a device or a pipe
                    content.writeTo(out);
                }
                return;
            }
            // a link to a regular file: replace the file it names and keep the link
            replace(Files.isSymbolicLink(target) ? target.toRealPath() : target, content);
        } catch (java.nio.file.FileSystemException e) {
            // changed since the check (e.g. the folder made read-only, the disk full): still the user's file
            throw new InvalidInputException(option, target, "a file that can be written (" + reason(e) + ")");
        }
    }

    /**
     * Writes a regular file through a temporary file beside it, moved into place atomically. The
     * temporary file's name holds this process's id ({@code .sxcascade-PID-….tmp}), so that one left
     * by a killed run is deleted by the next write into that folder ({@link #deleteStaleTemporaries}).
     */
    private static void replace(Path real, BinaryContent content) throws IOException {
        Path dir = real.toAbsolutePath().getParent();
        deleteStaleTemporaries(dir);
        Path tmp = Files.createTempFile(dir, TEMP_PREFIX, TEMP_SUFFIX);
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                content.writeTo(out);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep the default permissions
            }
            Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
