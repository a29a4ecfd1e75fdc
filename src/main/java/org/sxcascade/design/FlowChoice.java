package org.sxcascade.design;

import org.sxcascade.model.InvalidInputException;

/**
 * How {@link XuDesign} chooses the flows S (organic RE flow in the extraction section) and W
 * (aqueous RE flow in the scrubbing section), both per mol RE fed.
 *
 * <p>Once the product split f'_A is known, S and W differ by a fixed amount (docs/theory.md, Conventions): for an
 * aqueous feed {@code S = W + f'_A}, for an organic feed {@code S = W − f'_B}. So one flow
 * determines the other, and every choice below fixes just one of them.
 */
public sealed interface FlowChoice
        permits FlowChoice.Optimum, FlowChoice.Margin, FlowChoice.FixedScrub, FlowChoice.FixedExtractant {

    /** Xu's √β optimum flows (the default); see {@link XuDesign}. */
    static FlowChoice optimum() {
        return Optimum.INSTANCE;
    }

    /**
     * {@code W = factor · W_min}, S from the product split.
     *
     * @param factor at least 1
     * @throws InvalidInputException ({@code flows.margin}) unless factor is finite and ≥ 1
     */
    static FlowChoice margin(double factor) {
        return new Margin(factor);
    }

    /**
     * A given scrub flow W, S from the product split.
     *
     * @throws InvalidInputException ({@code flows.scrub}) unless W is finite and &gt; 0
     */
    static FlowChoice fixedScrub(double scrub) {
        return new FixedScrub(scrub);
    }

    /**
     * A given extractant flow S, W from the product split.
     *
     * @throws InvalidInputException ({@code flows.extractant}) unless S is finite and &gt; 0
     */
    static FlowChoice fixedExtractant(double extractant) {
        return new FixedExtractant(extractant);
    }

    /** Xu's optimum: {@code E'_M = √β} (scrub-controlled) or {@code E_M = 1/√β} (extraction-controlled). */
    enum Optimum implements FlowChoice {
        INSTANCE;

        @Override
        public String toString() {
            return "optimum";
        }
    }

    /** @param factor multiple of the minimum scrub flow W_min, ≥ 1 */
    record Margin(double factor) implements FlowChoice {
        public Margin {
            if (!(factor >= 1) || !Double.isFinite(factor)) {
                throw new InvalidInputException("flows.margin", factor,
                        "a finite number ≥ 1 (the flows are margin × the minimum flows)");
            }
        }
    }

    /** @param scrub W in mol RE per mol RE fed, &gt; 0 */
    record FixedScrub(double scrub) implements FlowChoice {
        public FixedScrub {
            InvalidInputException.requirePositive("flows.scrub", scrub);
        }
    }

    /** @param extractant S in mol RE per mol RE fed, &gt; 0 */
    record FixedExtractant(double extractant) implements FlowChoice {
        public FixedExtractant {
            InvalidInputException.requirePositive("flows.extractant", extractant);
        }
    }
}
