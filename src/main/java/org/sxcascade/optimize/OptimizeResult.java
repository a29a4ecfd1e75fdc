package org.sxcascade.optimize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sxcascade.report.Formats;
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
     * A named operating quantity.
     *
     * @param name   what it is, in words ("S", "organic", "reflux")
     * @param value  its value
     * @param format how the report prints it ({@link String#format} pattern, or {@code null} for six
     *               significant digits without trailing zeros)
     * @param unit   its unit ("" for a fraction)
     * @param field  its case-file field (e.g. {@code flows.organicFlow}), or {@code null} when the case
     *               file does not set it directly
     */
    record Quantity(String name, double value, String format, String unit, String field) {
        /** The value as the report prints it. */
        public String formatted() {
            return format == null ? Formats.general(value) : String.format(Locale.ROOT, format, value);
        }

        /** "name = value unit". */
        public String text() {
            return name + " = " + formatted() + (unit.isEmpty() ? "" : " " + unit);
        }
    }

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
     * Stage counts by section.
     *
     * @param extraction extraction stages n
     * @param scrub      scrub stages m
     * @param strip      strip stages (0 without a strip section)
     * @param feedPhase  the phase the feed enters in ("aqueous", "organic")
     * @param feedStages the stages the feeds enter
     */
    record StageCounts(int extraction, int scrub, int strip, String feedPhase, List<Integer> feedStages) {
        public StageCounts {
            feedStages = List.copyOf(feedStages);
        }

        /** All stages. */
        public int total() {
            return extraction + scrub + strip;
        }

        /** "n extraction + m scrub [+ k strip] = N stages". */
        public String text() {
            return String.format(Locale.ROOT, "%d extraction + %d scrub%s = %d stages", extraction, scrub,
                    strip > 0 ? " + " + strip + " strip" : "", total());
        }
    }

    /**
     * A product's purity against its target.
     *
     * @param product the product in words ("P_A, loaded organic", "raffinate Pr")
     * @param purity  its purity at the optimum (verification solve)
     * @param target  its purity target
     */
    record Purity(String product, double purity, double target) {
        /** Purity above the target (negative when missed). */
        public double margin() {
            return purity - target;
        }
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

    /**
     * A search-specific section: a title (or {@code null} for lines that continue the optimum
     * block), its report lines and its JSON fields (merged into the JSON document).
     *
     * @param title the section's heading, or {@code null}
     * @param lines its lines, each ending with a newline
     * @param json  its JSON fields, or {@code null}
     */
    record Section(String title, String lines, ObjectNode json) {
    }
}
