package org.sxcascade.optimize;

import java.util.List;
import org.sxcascade.report.Summary.Purity;
import org.sxcascade.report.Summary.Quantity;
import org.sxcascade.report.Summary.Section;
import org.sxcascade.report.Summary.StageCounts;
import org.sxcascade.solver.SteadyState;

/**
 * A finished optimization of any model, as {@link Optimization} returns it, seen the same way for
 * every model: the one view that report/OptimumReport renders as text and JSON (docs/optimize.md,
 * "Output"). What only one search has (the S, W search range and Pareto front of
 * {@link MetalFlowSearch}; the plant-flow bounds and stage-range search of {@link PlantFlowSearch})
 * it supplies as {@link Section}s of data, rendered by the same report.
 */
public sealed interface OptimizeResult permits Optimum, PlantFlowOptimum {

    /** The case's name. */
    String caseName();

    /** The equilibrium model's name as the case file gives it (separation-factors, distribution-ratios, mass-action). */
    String model();

    /** Lines about the problem printed under the case's name (the split and targets), possibly none. */
    List<String> header();

    /** What was minimized and the optimum's value of it. */
    ObjectiveValue objective();

    /** The optimum's stage counts by section and where the feeds enter. */
    StageCounts stages();

    /** The optimum's operating flows, the quantities the search set, with their units and case-file fields. */
    List<Quantity> flows();

    /** The purity of each product with a purity target, with the target. */
    List<Purity> purities();

    /**
     * The constraints the optimum sits on, in words (targets, bounds of the search, limits), or
     * that none is: what holds the optimum where it is.
     */
    List<String> binding();

    /** Reagent use at the optimum, or {@code null} for a model without reagents (constant distribution ratios). */
    Reagents reagents();

    /** The annual cost at the optimum, or {@code null} when the case has no costs section. */
    Configuration.CostBreakdown cost();

    /** The verification: the optimum solved again from a cold start. */
    SteadyState state();

    /** Model-specific lines of the optimum block (plant quantities, stage efficiencies, margins), possibly none. */
    List<String> details();

    /** The optimum against the flows it improves on (design's, or the case's own), or {@code null} with {@link #comparisonNote()}. */
    Comparison comparison();

    /** Why there is no comparison, or {@code null}. */
    String comparisonNote();

    /**
     * The search-specific sections in order (the search's range and work, a Pareto front, the
     * verified cascade's report), each with its text lines and its JSON fields.
     */
    List<Section> sections();


    /**
     * What was minimized.
     *
     * @param name        the objective's label (--objective)
     * @param description what it is, in words ("least …")
     * @param value       the optimum's value
     * @param unit        its unit
     */
    record ObjectiveValue(String name, String description, double value, String unit) {
    }



    /**
     * Reagent use per mol RE fed, and per hour where the case has plant flows.
     *
     * @param acid        mol H⁺ acid per mol RE fed
     * @param base        mol base per mol RE fed
     * @param acidPerHour mol H⁺/h, or {@code null} without plant flows (or where the plant lines give it)
     * @param basePerHour mol base/h, or {@code null}
     * @param cation      the saponifying cation ("Na"), or {@code null}
     */
    record Reagents(double acid, double base, Double acidPerHour, Double basePerHour, String cation) {
    }

    /**
     * The optimum against other flows.
     *
     * @param with           what it is compared with, in words
     * @param stages         their stage counts
     * @param flows          their operating flows
     * @param objective      the objective compared, in words
     * @param value          its value there
     * @param optimumValue   its value at the optimum
     * @param remark         said of the compared flows (e.g. that they miss a target), or {@code null}
     * @param note           said of the comparison (e.g. what was relaxed), or {@code null}
     */
    record Comparison(String with, StageCounts stages, List<Quantity> flows, String objective, double value,
                      double optimumValue, String remark, String note) {
        public Comparison {
            flows = List.copyOf(flows);
        }

        /** The optimum's relative saving (negative when it costs more). */
        public double saving() {
            return (value - optimumValue) / value;
        }
    }

}
