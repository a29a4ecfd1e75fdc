package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;

/** Every rejected input, with the field, value and allowed range the message names. */
class XuDesignValidationTest {
    private static final FeedPhase AQ = FeedPhase.AQUEOUS;
    private static final FeedPhase ORG = FeedPhase.ORGANIC;

    private static InvalidInputException rejected(ThrowingCallable call) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, call);
        assertThat(e).as("expected InvalidInputException").isNotNull();
        return e;
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.5, 0.0, -2, Double.NaN, Double.POSITIVE_INFINITY})
    void separationFactorAboveOne(double beta) {
        InvalidInputException e = rejected(() -> XuDesign.optimum(beta, 0.5, AQ, 0.999, 0.9999));
        assertThat(e.field()).isEqualTo("separationFactor");
        assertThat(e).hasMessage("separationFactor = " + beta
                + " is not allowed: a finite number greater than 1 (A is the more extractable component)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0, -0.1, 1.5, Double.NaN})
    void feedFractionStrictlyBetweenZeroAndOne(double fA) {
        InvalidInputException e = rejected(() -> XuDesign.optimum(2, fA, AQ, 0.999, 0.9999));
        assertThat(e).hasMessage("feedFractionA = " + fA + " is not allowed: a number strictly between 0 and 1");
    }

    @Test
    void feedPhaseRequired() {
        InvalidInputException e = rejected(() -> XuDesign.optimum(2, 0.5, null, 0.999, 0.9999));
        assertThat(e).hasMessage("feedPhase = null is not allowed: aqueous or organic");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.3, 0.25, 1.0, 1.2, Double.NaN, 0.1})
    void purityAAboveItsFeedFractionAndBelowOne(double pA) {
        InvalidInputException e = rejected(() -> XuDesign.optimum(2, 0.3, AQ, pA, 0.9999));
        assertThat(e).hasMessage("purityA = " + pA + " is not allowed: above the feed fraction f_A = 0.30000 and below 1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.7, 0.5, 1.0, Double.NaN})
    void purityBAboveItsFeedFractionAndBelowOne(double pB) {
        InvalidInputException e = rejected(() -> XuDesign.optimum(2, 0.3, AQ, 0.999, pB));
        assertThat(e).hasMessage("purityB = " + pB
                + " is not allowed: above the feed fraction f_B = 1 − f_A = 0.70000 and below 1");
    }

    @Test
    void flowChoiceRequired() {
        InvalidInputException e = rejected(() -> XuDesign.of(2, 0.5, AQ, 0.999, 0.9999, null));
        assertThat(e).hasMessage("flows = null is not allowed: optimum, margin, fixedScrub or fixedExtractant");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.99, 0.0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void marginAtLeastOne(double margin) {
        InvalidInputException e = rejected(() -> FlowChoice.margin(margin));
        assertThat(e).hasMessage("flows.margin = " + margin
                + " is not allowed: a finite number ≥ 1 (the flows are margin × the minimum flows)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void fixedFlowsPositive(double flow) {
        assertThat(rejected(() -> FlowChoice.fixedScrub(flow)))
                .hasMessage("flows.scrub = " + flow + " is not allowed: a finite number greater than 0");
        assertThat(rejected(() -> FlowChoice.fixedExtractant(flow)))
                .hasMessage("flows.extractant = " + flow + " is not allowed: a finite number greater than 0");
    }

    @Test
    void scrubFlowBelowMinimum() {
        // Zhang binary (docs/theory.md, Reference numbers): W_min = 0.99790
        InvalidInputException e = rejected(
                () -> XuDesign.of(2, 0.5, AQ, 0.999, 0.9999, FlowChoice.fixedScrub(0.9)));
        assertThat(e).hasMessage("flows.scrub = 0.9 is not allowed: at least W_min = 0.99790, the minimum scrub "
                + "flow for these purity targets (infinite stages; aqueous feed, S_min = 1.4983)");
        // exactly at the minimum is allowed
        XuDesign atMin = XuDesign.optimum(2, 0.5, AQ, 0.999, 0.9999);
        assertThat(XuDesign.of(2, 0.5, AQ, 0.999, 0.9999, FlowChoice.fixedScrub(atMin.minScrubFlow())).scrubFlow())
                .isEqualTo(atMin.minScrubFlow());
    }

    @Test
    void extractantFlowBelowMinimum() {
        // Zhang binary, organic feed (mirror image): S_min = 0.99880
        InvalidInputException e = rejected(
                () -> XuDesign.of(2, 0.5, ORG, 0.999, 0.9999, FlowChoice.fixedExtractant(0.95)));
        assertThat(e).hasMessage("flows.extractant = 0.95 is not allowed: at least S_min = 0.99880, the minimum "
                + "extractant flow for these purity targets (infinite stages; organic feed, W_min = 1.4983)");
    }

    @Test
    void marginNeedsAPositiveMinimumScrubFlow() {
        // low targets P_A = P_B = 0.55 from a 50/50 feed: S_min = 0.15, f'_A = 0.5, W_min = −0.35
        InvalidInputException e = rejected(
                () -> XuDesign.of(2, 0.5, AQ, 0.55, 0.55, FlowChoice.margin(1.5)));
        assertThat(e).hasMessage("flows.margin = 1.5 is not allowed: a margin only when the minimum scrub flow is "
                + "positive; here W_min = -0.35000 ≤ 0 (the feed pinch sets no lower bound on W for these purity "
                + "targets): fix the scrub or extractant flow instead (--scrub or --extractant)");
    }

    @Test
    void marginMustLeaveAPositiveExtractantFlowForAnOrganicFeed() {
        // organic feed, same targets: S_min + 1 = 0.65, S_min = −0.35, W_min = 0.15, f'_B = 0.5
        InvalidInputException e = rejected(
                () -> XuDesign.of(2, 0.5, ORG, 0.55, 0.55, FlowChoice.margin(2)));
        assertThat(e).hasMessage("flows.margin = 2.0 is not allowed: above f'_B/W_min = 3.3333 so that "
                + "S = margin·W_min − f'_B > 0 (W_min = 0.15000, S_min = -0.35000, organic feed)");
    }

    @Test
    void fixedScrubMustLeaveAPositiveExtractantFlowForAnOrganicFeed() {
        InvalidInputException e = rejected(
                () -> XuDesign.of(2, 0.5, ORG, 0.55, 0.55, FlowChoice.fixedScrub(0.3)));
        assertThat(e).hasMessage("flows.scrub = 0.3 is not allowed: above f'_B = 0.50000 for an organic feed, so "
                + "that S = W − f'_B > 0");
    }

    @Test
    void fixedExtractantMustLeaveAPositiveScrubFlowForAnAqueousFeed() {
        InvalidInputException e = rejected(
                () -> XuDesign.of(2, 0.5, AQ, 0.55, 0.55, FlowChoice.fixedExtractant(0.3)));
        assertThat(e).hasMessage("flows.extractant = 0.3 is not allowed: above f'_A = 0.50000 for an aqueous feed, "
                + "so that W = S − f'_A > 0");
    }

    @Test
    void extractionSectionEstimateNeedsBetaTimesExtractionRatioAboveOne() {
        // f'_A = 0.02/0.07 = 2/7, S = 0.3 ≥ S_min = 0.0884, W = S − f'_A, E_M = S/(W + 1) ≈ 0.296
        double em = 0.3 / (0.3 - 2.0 / 7 + 1);
        InvalidInputException e = rejected(
                () -> XuDesign.of(2, 0.3, AQ, 0.35, 0.72, FlowChoice.fixedExtractant(0.3)));
        assertThat(e.field()).isEqualTo("extractionRatio");
        assertThat(Double.parseDouble(e.value())).isCloseTo(em, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(e.getMessage()).startsWith("extractionRatio = 0.29577").contains(
                " is not allowed: above 1/β = 0.50000 for the extraction-section stage estimate to exist "
                        + "(β·E_M = 0.59155 ≤ 1: the raffinate is not purified in B from stage to stage); raise the "
                        + "flows S and W together");
    }

    @Test
    void scrubSectionEstimateNeedsScrubRatioBelowBeta() {
        // P_A = 0.8, P_B = 0.9, f_A = 0.5, β = 2 at the minimum flows: f'_A = 4/7, S_min = 36/35,
        // W_min = 16/35, E'_M = S_min/W_min = 2.25
        InvalidInputException e = rejected(() -> XuDesign.of(2, 0.5, AQ, 0.8, 0.9, FlowChoice.margin(1)));
        assertThat(e.field()).isEqualTo("scrubRatio");
        assertThat(Double.parseDouble(e.value())).isCloseTo(2.25, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(e.getMessage()).contains(" is not allowed: below β = 2.0000 for the scrub-section stage estimate "
                + "to exist (β/E'_M = 0.88889 ≤ 1: the loaded organic is not purified in A from stage to stage); "
                + "raise the flows S and W together");
        // a larger margin brings E'_M below β
        assertThat(XuDesign.of(2, 0.5, AQ, 0.8, 0.9, FlowChoice.margin(1.5)).scrubRatio()).isLessThan(2);
    }

    @Test
    void correctedEstimateNeedsRatiosOnTheRightSideOfOne() {
        assertThat(rejected(() -> StageEstimate.corrected(2, 10, 10, 1.0, 1.5))).hasMessage(
                "extractionRatio = 1.0 is not allowed: below 1 for the corrected extraction-section estimate to "
                        + "exist (E_M ≥ 1 means no raffinate leaves the cascade)");
        assertThat(rejected(() -> StageEstimate.corrected(2, 10, 10, 0.8, 1.0))).hasMessage(
                "scrubRatio = 1.0 is not allowed: above 1 for the corrected scrub-section estimate to exist "
                        + "(E'_M ≤ 1 means no loaded organic leaves the cascade)");
        // the basic forms accept E_M = E'_M = 1 (total reflux: Fenske)
        assertThat(StageEstimate.basic(2, 10, 10, 1.0, 1.0).total()).isCloseTo(2 / Math.log10(2),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(rejected(() -> StageEstimate.basic(2, 10, 10, 0.5, 1.0)).field()).isEqualTo("extractionRatio");
        assertThat(rejected(() -> StageEstimate.basic(2, 10, 10, 0.8, 2.0)).field()).isEqualTo("scrubRatio");
    }
}
