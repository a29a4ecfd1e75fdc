package org.sxcascade.flowsheet;

import java.util.List;
import org.sxcascade.model.FeedPhase;

/**
 * One cascade of a flowsheet, whatever its equilibrium model: a CMER cascade ({@link CascadeUnit},
 * {@code model: separation-factors}) or a mass-action cascade with its own saponified organic,
 * scrub and strip ({@link MassActionUnit}, {@code model: mass-action}). The flowsheet, its solver
 * and its report see a cascade only through this interface and the stage network it is built as
 * ({@link Flowsheet#network}).
 */
public sealed interface FlowsheetUnit permits CascadeUnit, MassActionUnit {
    /** Outlet name of the aqueous leaving stage 1. */
    String RAFFINATE = "raffinate";
    /** Outlet name of the organic leaving stage N. */
    String ORGANIC = "organic";

    /**
     * One stream leaving the cascade.
     *
     * @param name  its name within the cascade (the flowsheet calls it {@code <cascade>.<name>})
     * @param kind  what it is
     * @param phase the phase it leaves in
     * @param stage the stage whose outflow it is (part of)
     */
    record Outlet(String name, Source.Kind kind, FeedPhase phase, int stage) {
    }

    /** Its name, prefix of its outlets. */
    String name();

    /** The streams fed to it. */
    List<Inlet> inlets();

    /** Total stages N. */
    int totalStages();

    /** The stage an inlet enters: its own, or the default for its phase. */
    int stageOf(Inlet inlet);

    /** Its outlets: the raffinate, the organic leaving stage N, then any others (side draws, strip liquor). */
    List<Outlet> outlets();

    /** The section a stage (1-based) belongs to: extraction, scrub or strip. */
    String section(int stage);

    /** Stage counts in words, e.g. {@code 14 + 14 = 28} or {@code 14 + 14 + 6 = 34}. */
    String stagesText();
}
