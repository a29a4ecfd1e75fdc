package org.sxcascade.flowsheet;

import org.sxcascade.model.FeedPhase;

/**
 * A stream that can be sent to an inlet: a fresh feed or a cascade outlet.
 *
 * @param name  as written in {@code from:} ({@code ore}, {@code LaCe.raffinate}, {@code LaCe.organic},
 *              {@code LaCe.mid}, {@code LaCe.strip})
 * @param kind  what it is, in words: {@code fresh feed}, {@code raffinate}, {@code loaded organic},
 *              {@code stripped organic}, {@code strip liquor}, {@code side draw}
 * @param feed  index of the fresh feed, or −1
 * @param unit  index of the cascade it leaves, or −1 for a fresh feed
 * @param stage the stage it leaves (0 for a fresh feed)
 * @param phase the phase it leaves in ({@code null} for a fresh feed)
 */
public record Source(String name, String kind, int feed, int unit, int stage, FeedPhase phase) {
    /** The kind of a fresh feed. */
    public static final String FRESH_FEED = "fresh feed";

    /** Whether it leaves a cascade (rather than coming from outside). */
    public boolean isOutlet() {
        return unit >= 0;
    }

    /** Where it leaves, in words: {@code aqueous, stage 1}, or {@code fresh feed}. */
    public String leaves() {
        return isOutlet() ? phase.label() + ", stage " + stage : "fresh feed";
    }
}
