package org.sxcascade.io;

/** A case file that cannot be read at all: missing, unreadable, empty or not YAML. */
public class CaseFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CaseFileException(String message) {
        super(message);
    }
}
