package org.sxcascade.model;

/**
 * Phase in which the feed enters the cascade (docs/theory.md, Conventions): an aqueous feed enters the
 * last extraction stage n, an organic (pre-loaded) feed enters the first scrubbing stage n+1.
 */
public enum FeedPhase {
    AQUEOUS,
    ORGANIC;

    /** The case-file spelling: {@code aqueous} or {@code organic}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
