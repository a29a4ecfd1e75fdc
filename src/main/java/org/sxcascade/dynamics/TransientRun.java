package org.sxcascade.dynamics;

import java.util.List;

/**
 * What every transient run reports of itself, whatever its model ({@link TransientResult},
 * {@link MassActionTransientResult}; the record components of the same names).
 */
public interface TransientRun {
    /** {@code continuous} or {@code rows}. */
    String method();

    /** The settings the run used. */
    TransientSettings settings();

    /** Time to each product's purity target (products with a purity target only). */
    List<TargetTime> targets();

    /** The time after which the run stayed within the steady-state tolerance, h, or {@code null}. */
    Double hoursToSteadyState();

    /** Distance to the final steady state at the end. */
    double finalDistance();

    /** Largest relative conservation error over every step and sample. */
    double maxConservationError();

    /** Accepted integration steps, or rows. */
    long steps();

    /** Rejected integration steps (0 for rows). */
    long rejectedSteps();

    /** Right-hand-side evaluations, or rows. */
    long evaluations();

    /** Duration of one row, h ({@code rows} only, else NaN). */
    double rowHours();

    /** Remarks for the user. */
    List<String> notes();

    /** Whether the run reached anything: a purity target, or the steady state. */
    default boolean reachedAnything() {
        return hoursToSteadyState() != null || targets().stream().anyMatch(TargetTime::reached);
    }
}
