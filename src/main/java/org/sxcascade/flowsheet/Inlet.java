package org.sxcascade.flowsheet;

import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;

/**
 * A stream entering a cascade of a flowsheet: a share of a fresh feed or of another cascade's
 * outlet (or of the same cascade's: a reflux).
 *
 * @param from     the source: a fresh feed's name, {@code <cascade>.raffinate} (aqueous leaving
 *                 stage 1), {@code <cascade>.organic} (loaded organic leaving stage N) or
 *                 {@code <cascade>.<drawName>} (a side draw)
 * @param phase    the phase it joins
 * @param stage    the stage it enters, or {@code null} for the default: n for an aqueous inlet,
 *                 n + 1 for an organic one (docs/theory.md, Conventions)
 * @param fraction share of the source stream sent here, in (0, 1]
 */
public record Inlet(String from, FeedPhase phase, Integer stage, double fraction) {
    public Inlet {
        if (from == null || from.isBlank()) {
            throw new InvalidInputException("from", "(empty)", "a fresh feed name or a cascade outlet");
        }
        if (phase == null) {
            throw new InvalidInputException("phase", "(missing)", "aqueous or organic");
        }
        if (stage != null && stage < 1) {
            throw new InvalidInputException("stage", stage, "a stage number ≥ 1");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new InvalidInputException("fraction", fraction, "a share of the source stream in (0, 1]");
        }
    }

    /** An inlet taking the whole source stream at the default stage. */
    public static Inlet of(String from, FeedPhase phase) {
        return new Inlet(from, phase, null, 1.0);
    }
}
