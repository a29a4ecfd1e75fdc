package org.sxcascade;

/** The version of sxcascade, as {@code sxcascade --version} prints it and sweep sidecars record it. */
public final class Version {
    /** Name and version. */
    public static final String TEXT = "sxcascade 0.1.0";

    private Version() {
    }
}
