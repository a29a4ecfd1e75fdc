package org.sxcascade.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sxcascade.model.InvalidInputException;

/** Output files written whole or not at all: never a partial file, even if writing fails. */
final class OutputFiles {
    /** Writes the content. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private OutputFiles() {
    }

    /**
     * Writes to a temporary file beside {@code target} and moves it into place atomically.
     *
     * @param option the command-line option that named the file, for the error message
     */
    static void write(String option, Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException(option, target, "a file in an existing directory");
        }
        if (Files.isDirectory(target)) {
            throw new InvalidInputException(option, target, "a file name, not a directory");
        }
        Path tmp = Files.createTempFile(dir, ".sxcascade-", ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
