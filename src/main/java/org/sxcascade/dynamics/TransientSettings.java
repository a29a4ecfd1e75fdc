package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.model.InvalidInputException;

/**
 * What a start-up or disturbance run simulates: the case file's {@code transient} section.
 *
 * @param holdUp               hold-up volumes (L) or residence times (h) of each stage's phases
 * @param simulatedHours       simulated time, h (&gt; 0)
 * @param samplingHours        interval between reported samples, h (&gt; 0, at most the simulated time)
 * @param initial              {@link Initial#BLANK} (blank aqueous and barren organic, the feed starting
 *                             at t = 0) or {@link Initial#STEADY_STATE} (the steady state of the case
 *                             before any event, for disturbance studies)
 * @param method               {@link Method#AUTO}, {@link Method#CONTINUOUS} or {@link Method#IMPLICIT} (the ODEs in physical time) or {@link Method#ROWS}
 *                             (Xu's row simulation, rows converted to time by the residence time)
 * @param tolerance            relative local error tolerance of the integrator, 1e-12 … 1e-3
 * @param steadyStateTolerance how close (relative, per stage inventory) the state must stay to the
 *                             steady state of {@code simulate} to count as steady, 1e-12 … 1e-1
 * @param events               step changes, in time order, all inside the simulated time
 * @param strategies           the start-up strategies {@code transient --compare} runs without a list
 *                             (the case's {@code strategies}; every strategy with its defaults when empty)
 * @param productFlowTolerance the on-target criterion's flow part: a product counts as on target only
 *                             once its RE flow is within this fraction of its steady flow (the first
 *                             traces out of a blank cascade are very pure but are no product), 1e-6 … 0.5,
 *                             default {@link #DEFAULT_PRODUCT_FLOW_TOLERANCE}
 */
public record TransientSettings(HoldUp holdUp, double simulatedHours, double samplingHours, Initial initial,
                                Method method, double tolerance, double steadyStateTolerance,
                                List<TransientEvent> events, List<StartupStrategy> strategies,
                                double productFlowTolerance) {
    /** Initial state of the cascade. */
    public enum Initial {
        BLANK, STEADY_STATE;

        /** The case-file spelling. */
        public String label() {
            return this == BLANK ? "blank" : "steady-state";
        }

        /** The value of a spelling; {@code field} names where it came from in the message. */
        public static Initial parse(String field, String text) {
            for (Initial i : values()) {
                if (i.label().equals(text)) {
                    return i;
                }
            }
            throw new InvalidInputException(field, text, "blank or steady-state");
        }
    }

    /** How the dynamics is computed. */
    public enum Method {
        /**
         * The continuous model, integrated by the explicit Dormand–Prince 5(4) pair where that is
         * cheaper (the fill) and by the L-stable Rosenbrock–W method ROS34PW2 once the run has become
         * stiff (its steps several times the explicit ones): the default.
         */
        AUTO,
        /** The continuous model, integrated by the explicit Dormand–Prince 5(4) pair only. */
        CONTINUOUS,
        /** The continuous model, integrated by the L-stable linearly implicit Rosenbrock–W method ROS34PW2 only. */
        IMPLICIT,
        /** Xu's row simulation. */
        ROWS;

        /** The case-file spelling. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The value of a spelling; {@code field} names where it came from in the message. */
        public static Method parse(String field, String text) {
            for (Method m : values()) {
                if (m.label().equals(text)) {
                    return m;
                }
            }
            throw new InvalidInputException(field, text, "auto, continuous, implicit or rows");
        }
    }

    public static final double DEFAULT_TOLERANCE = 1e-7;
    public static final double DEFAULT_STEADY_STATE_TOLERANCE = 1e-6;
    /** Default number of sampling intervals over the simulated time. */
    public static final int DEFAULT_SAMPLES = 30;
    /** Most samples a run may report. */
    public static final int MAX_SAMPLES = 1_000_000;
    /** Default {@code productFlowTolerance}: within 1 % of the steady product flow. */
    public static final double DEFAULT_PRODUCT_FLOW_TOLERANCE = 0.01;

    public TransientSettings {
        if (holdUp == null) {
            throw new InvalidInputException("holdUp", "(missing)",
                    "holdUp {aqueous, organic} in L per stage, or residenceTime {aqueous, organic} with units");
        }
        if (!(simulatedHours > 0) || !Double.isFinite(simulatedHours)) {
            throw new InvalidInputException("simulatedTime", simulatedHours + " h", "a time greater than 0");
        }
        if (!(samplingHours > 0) || !(samplingHours <= simulatedHours)) {
            throw new InvalidInputException("sampling", Times.format(samplingHours),
                    "a time greater than 0 and at most the simulated time (" + Times.format(simulatedHours) + ")");
        }
        if (simulatedHours / samplingHours > MAX_SAMPLES) {
            throw new InvalidInputException("sampling", Times.format(samplingHours),
                    "at least simulatedTime / " + MAX_SAMPLES + " = " + Times.format(simulatedHours / MAX_SAMPLES));
        }
        if (initial == null) {
            initial = Initial.BLANK;
        }
        if (method == null) {
            method = Method.AUTO;
        }
        if (!(tolerance >= 1e-12 && tolerance <= 1e-3)) {
            throw new InvalidInputException("tolerance", tolerance, "a number from 1e-12 to 1e-3");
        }
        if (!(steadyStateTolerance >= 1e-12 && steadyStateTolerance <= 1e-1)) {
            throw new InvalidInputException("steadyStateTolerance", steadyStateTolerance, "a number from 1e-12 to 0.1");
        }
        if (!(productFlowTolerance >= 1e-6 && productFlowTolerance <= 0.5)) {
            throw new InvalidInputException("productFlowTolerance", productFlowTolerance, "a fraction of the steady "
                    + "product flow from 1e-6 to 0.5 (0.01: on target once within 1 % of the steady flow)");
        }
        events = events == null ? List.of() : List.copyOf(events);
        strategies = strategies == null ? List.of() : List.copyOf(strategies);
        double previous = 0;
        for (int i = 0; i < events.size(); i++) {
            double at = events.get(i).hours();
            if (!(at < simulatedHours)) {
                throw new InvalidInputException("events[" + i + "].at", Times.format(at),
                        "a time inside the simulated time (before " + Times.format(simulatedHours) + ")");
            }
            if (at < previous) {
                throw new InvalidInputException("events[" + i + "].at", Times.format(at),
                        "a time not before the previous event's (" + Times.format(previous) + "): list events in time order");
            }
            previous = at;
        }
    }

    /** Settings without start-up strategies of their own. */
    public TransientSettings(HoldUp holdUp, double simulatedHours, double samplingHours, Initial initial,
                             Method method, double tolerance, double steadyStateTolerance,
                             List<TransientEvent> events) {
        this(holdUp, simulatedHours, samplingHours, initial, method, tolerance, steadyStateTolerance, events,
                List.of());
    }

    /** Settings with the default on-target flow criterion. */
    public TransientSettings(HoldUp holdUp, double simulatedHours, double samplingHours, Initial initial,
                             Method method, double tolerance, double steadyStateTolerance,
                             List<TransientEvent> events, List<StartupStrategy> strategies) {
        this(holdUp, simulatedHours, samplingHours, initial, method, tolerance, steadyStateTolerance, events,
                strategies, DEFAULT_PRODUCT_FLOW_TOLERANCE);
    }

    /** A copy with another on-target flow criterion (fraction of the steady product flow). */
    public TransientSettings withProductFlowTolerance(double newTolerance) {
        return new TransientSettings(holdUp, simulatedHours, samplingHours, initial, method, tolerance,
                steadyStateTolerance, events, strategies, newTolerance);
    }

    /** The strategies {@code --compare} runs without a list: the case's, else every one with its defaults. */
    public List<StartupStrategy> comparedStrategies() {
        return strategies.isEmpty() ? StartupStrategy.defaults() : strategies;
    }

    /** A copy with other events (the ramp of a start-up strategy). */
    public TransientSettings withEvents(List<TransientEvent> newEvents) {
        return new TransientSettings(holdUp, simulatedHours, samplingHours, initial, method, tolerance,
                steadyStateTolerance, newEvents, strategies, productFlowTolerance);
    }

    /** Settings with the defaults for everything but the hold-up and the simulated time. */
    public static TransientSettings of(HoldUp holdUp, double simulatedHours) {
        return new TransientSettings(holdUp, simulatedHours, simulatedHours / DEFAULT_SAMPLES, Initial.BLANK,
                Method.AUTO, DEFAULT_TOLERANCE, DEFAULT_STEADY_STATE_TOLERANCE, List.of());
    }

    /** A copy with another method. */
    public TransientSettings withMethod(Method newMethod) {
        return new TransientSettings(holdUp, simulatedHours, samplingHours, initial, newMethod, tolerance,
                steadyStateTolerance, events, strategies, productFlowTolerance);
    }

    /** A copy with another initial state. */
    public TransientSettings withInitial(Initial newInitial) {
        return new TransientSettings(holdUp, simulatedHours, samplingHours, newInitial, method, tolerance,
                steadyStateTolerance, events, strategies, productFlowTolerance);
    }

    /** A copy with another hold-up. */
    public TransientSettings withHoldUp(HoldUp newHoldUp) {
        return new TransientSettings(newHoldUp, simulatedHours, samplingHours, initial, method, tolerance,
                steadyStateTolerance, events, strategies, productFlowTolerance);
    }

    /** A copy with another simulated time and sampling interval. */
    public TransientSettings withTimes(double newSimulatedHours, double newSamplingHours) {
        return new TransientSettings(holdUp, newSimulatedHours, newSamplingHours, initial, method, tolerance,
                steadyStateTolerance, new ArrayList<>(events), strategies, productFlowTolerance);
    }
}
