package org.sxcascade.fit;

/** A fit that did not converge: the data are read and valid, but no optimum was found. */
public class FitFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FitFailedException(String message) {
        super(message);
    }
}
