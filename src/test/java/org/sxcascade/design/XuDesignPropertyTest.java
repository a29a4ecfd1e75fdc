package org.sxcascade.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;

/**
 * Seeded random designs: β 1.2–4, f_A 0.05–0.95, purities 0.99–0.99999, both feed phases.
 * (Run with a different seed by changing {@link #SEED}; every failure message carries its inputs.)
 */
class XuDesignPropertyTest {
    static final long SEED = 0x5eed_d35f_2024L;

    static Stream<Arguments> highPurity() {
        Random rng = new Random(SEED);
        return Stream.generate(() -> {
            double beta = 1.2 + 2.8 * rng.nextDouble();
            double fA = 0.05 + 0.90 * rng.nextDouble();
            double pA = 0.99 + 0.00999 * rng.nextDouble();
            double pB = 0.99 + 0.00999 * rng.nextDouble();
            FeedPhase phase = rng.nextBoolean() ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
            return Arguments.of(beta, fA, phase, pA, pB);
        }).limit(250);
    }

    /** Any valid targets: β 1.01–20, f_A 0.01–0.99, purities anywhere between feed fraction and 1. */
    static Stream<Arguments> anyTargets() {
        Random rng = new Random(SEED + 1);
        return Stream.generate(() -> {
            double beta = 1.01 + 19 * rng.nextDouble();
            double fA = 0.01 + 0.98 * rng.nextDouble();
            double pA = fA + (1 - fA) * (1e-4 + 0.9998 * rng.nextDouble());
            double pB = (1 - fA) + fA * (1e-4 + 0.9998 * rng.nextDouble());
            FeedPhase phase = rng.nextBoolean() ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
            return Arguments.of(beta, fA, phase, pA, pB);
        }).limit(300);
    }

    @ParameterizedTest
    @MethodSource("highPurity")
    void optimumIsFeasibleAboveMinimumAtItsFixedRatio(double beta, double fA, FeedPhase phase, double pA,
                                                      double pB) {
        XuDesign d = XuDesign.optimum(beta, fA, phase, pA, pB);
        String in = d.toString();
        double s = d.extractantFlow();
        double w = d.scrubFlow();
        if (phase == FeedPhase.AQUEOUS) {
            assertThat(s).as(in).isGreaterThan(w).isLessThan(w + 1);
        } else {
            assertThat(w).as(in).isGreaterThan(s).isLessThan(s + 1);
        }
        assertThat(s).as(in).isGreaterThanOrEqualTo(d.minExtractantFlow());
        assertThat(w).as(in).isGreaterThanOrEqualTo(d.minScrubFlow());
        assertThat(d.minExtractantFlow()).as(in).isPositive();
        assertThat(d.minScrubFlow()).as(in).isPositive();
        double root = Math.sqrt(beta);
        if (d.control() == Control.SCRUB) {
            assertThat(d.scrubRatio()).as(in).isCloseTo(root, within(1e-12));
            assertThat(d.extractionRatio()).as(in).isGreaterThanOrEqualTo(1 / root - 1e-12);
        } else {
            assertThat(d.extractionRatio()).as(in).isCloseTo(1 / root, within(1e-12));
            assertThat(d.scrubRatio()).as(in).isLessThanOrEqualTo(root + 1e-12);
        }
        // control from f'_B as documented
        double threshold = phase == FeedPhase.AQUEOUS ? root / (1 + root) : 1 / (1 + root);
        assertThat(d.control()).as(in)
                .isEqualTo(d.outletFractionB() > threshold ? Control.EXTRACTION : Control.SCRUB);
    }

    @ParameterizedTest
    @MethodSource("highPurity")
    void estimatesArePositiveAndCorrectedAtLeastBasic(double beta, double fA, FeedPhase phase, double pA,
                                                      double pB) {
        XuDesign d = XuDesign.optimum(beta, fA, phase, pA, pB);
        String in = d.toString();
        StageEstimate basic = d.basicStages();
        StageEstimate corrected = d.correctedStages();
        assertThat(basic.extraction()).as(in).isPositive();
        assertThat(basic.scrub()).as(in).isPositive();
        assertThat(corrected.extraction()).as(in).isGreaterThanOrEqualTo(basic.extraction() - 1e-9);
        assertThat(corrected.scrub()).as(in).isGreaterThanOrEqualTo(basic.scrub() - 1e-9);
        assertThat(corrected.extractionStages()).as(in).isGreaterThanOrEqualTo(basic.extractionStages());
        assertThat(corrected.scrubStages()).as(in).isGreaterThanOrEqualTo(basic.scrubStages());
        assertThat(corrected.extractionStages()).as(in).isGreaterThanOrEqualTo((int) Math.ceil(corrected.extraction() - 1e-9));
        // finite reflux needs more stages than total reflux
        assertThat(basic.total()).as(in).isGreaterThan(d.fenskeMinimum());
    }

    /**
     * Margin 1 puts the flows exactly at the minimum. There the section that does not control can
     * have β·E_M ≤ 1 or E'_M ≥ β, where Xu's estimates do not exist: then the design must fail on
     * exactly that ratio, with the value the minimum flows imply.
     */
    @ParameterizedTest
    @MethodSource("highPurity")
    void marginOneIsTheMinimumOrNamesTheRatioWithoutEstimate(double beta, double fA, FeedPhase phase, double pA,
                                                             double pB) {
        XuDesign opt = XuDesign.optimum(beta, fA, phase, pA, pB);
        String in = opt.toString();
        double sMin = opt.minExtractantFlow();
        double wMin = opt.minScrubFlow();
        boolean aqueous = phase == FeedPhase.AQUEOUS;
        double emAtMin = aqueous ? sMin / (wMin + 1) : sMin / wMin;
        double epmAtMin = aqueous ? sMin / wMin : (sMin + 1) / wMin;
        try {
            XuDesign min = XuDesign.of(beta, fA, phase, pA, pB, FlowChoice.margin(1));
            assertThat(min.scrubFlow()).as(in).isCloseTo(wMin, within(1e-12));
            assertThat(min.extractantFlow()).as(in).isCloseTo(sMin, within(1e-12));
            assertThat(beta * emAtMin).as(in).isGreaterThan(1);
            assertThat(epmAtMin).as(in).isLessThan(beta);
        } catch (InvalidInputException e) {
            if (beta * emAtMin <= 1) {
                assertThat(e.field()).as(in).isEqualTo("extractionRatio");
                assertThat(Double.parseDouble(e.value())).as(in).isCloseTo(emAtMin, within(1e-12));
            } else {
                assertThat(epmAtMin).as(in).isGreaterThanOrEqualTo(beta);
                assertThat(e.field()).as(in).isEqualTo("scrubRatio");
                assertThat(Double.parseDouble(e.value())).as(in).isCloseTo(epmAtMin, within(1e-12));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("highPurity")
    void fixingEitherOptimumFlowReproducesTheOptimum(double beta, double fA, FeedPhase phase, double pA,
                                                     double pB) {
        XuDesign opt = XuDesign.optimum(beta, fA, phase, pA, pB);
        String in = opt.toString();
        XuDesign byW = XuDesign.of(beta, fA, phase, pA, pB, FlowChoice.fixedScrub(opt.scrubFlow()));
        XuDesign byS = XuDesign.of(beta, fA, phase, pA, pB, FlowChoice.fixedExtractant(opt.extractantFlow()));
        assertThat(byW.extractantFlow()).as(in).isCloseTo(opt.extractantFlow(), within(1e-12));
        assertThat(byS.scrubFlow()).as(in).isCloseTo(opt.scrubFlow(), within(1e-12));
        assertThat(byS.correctedStages().extraction()).as(in)
                .isCloseTo(opt.correctedStages().extraction(), within(1e-9));
        // the optimum as a margin over the minimum
        double margin = opt.scrubFlow() / opt.minScrubFlow();
        XuDesign byMargin = XuDesign.of(beta, fA, phase, pA, pB, FlowChoice.margin(margin));
        assertThat(byMargin.extractantFlow()).as(in).isCloseTo(opt.extractantFlow(), within(1e-12));
    }

    @ParameterizedTest
    @MethodSource("anyTargets")
    void optimumExistsAndIsNeverBelowMinimumForAnyValidTargets(double beta, double fA, FeedPhase phase,
                                                               double pA, double pB) {
        XuDesign d = XuDesign.optimum(beta, fA, phase, pA, pB);
        String in = d.toString();
        assertThat(d.extractantFlow()).as(in).isPositive().isGreaterThanOrEqualTo(d.minExtractantFlow());
        assertThat(d.scrubFlow()).as(in).isPositive().isGreaterThanOrEqualTo(d.minScrubFlow());
        assertThat(d.outletFractionA()).as(in).isStrictlyBetween(0.0, 1.0);
        assertThat(d.a()).as(in).isGreaterThan(1);
        assertThat(d.b()).as(in).isGreaterThan(1);
        assertThat(beta * d.extractionRatio()).as(in).isGreaterThan(1);
        assertThat(d.scrubRatio()).as(in).isLessThan(beta);
    }
}
