package org.sxcascade.flowsheet;

import static org.assertj.core.api.Assertions.assertThat;

import org.sxcascade.io.FlowsheetReader;
import org.sxcascade.solver.SteadyState;

/** Flowsheets for the tests, written as flowsheet files. */
final class Flowsheets {
    private Flowsheets() {
    }

    static Flowsheet parse(String yaml) {
        return new FlowsheetReader().parse(yaml);
    }

    static FlowsheetResult solve(String yaml) {
        return new FlowsheetSolver().solve(parse(yaml));
    }

    /**
     * Asserts that every stage's component flows of two solved states agree to 1e-10 relative,
     * those of {@code unit} times {@code unitScale} against those of {@code alone} times
     * {@code aloneScale} (molar scales, for states in mol per mol of different feeds).
     */
    static void assertSameStages(SteadyState unit, double unitScale, SteadyState alone, double aloneScale, int stages,
                                 int components) {
        for (int k = 1; k <= stages; k++) {
            for (int j = 0; j < components; j++) {
                assertThat(relative(unit.aqueousFlow(k, j) * unitScale, alone.aqueousFlow(k, j) * aloneScale))
                        .as("aqueous %d %d", k, j).isLessThanOrEqualTo(1e-10);
                assertThat(relative(unit.organicFlow(k, j) * unitScale, alone.organicFlow(k, j) * aloneScale))
                        .as("organic %d %d", k, j).isLessThanOrEqualTo(1e-10);
            }
        }
    }

    /** |a − b| / max(|a|, |b|), 0 when equal. */
    static double relative(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    /** Zhang et al.'s β = 2 binary (docs/theory.md) as a flowsheet of one cascade, the feed amount {@code amount}. */
    static String zhang(String phase, double s, double w, double amount) {
        return """
                name: Zhang binary as a flowsheet
                model: separation-factors
                components:
                  - {name: A, separationFactor: 2.0}
                  - {name: B, separationFactor: 1.0}
                feeds:
                  - {name: feed, composition: {A: 0.5, B: 0.5}, amount: %s}
                cascades:
                  - name: AB
                    extractionStages: 24
                    scrubStages: 21
                    extractant: %s
                    acidScrub: %s
                    inlets:
                      - {from: feed, phase: %s}
                """.formatted(amount, s, w, phase);
    }

    /**
     * A ternary loop: cascade one splits C1 | C2+C3 with an aqueous feed and is scrubbed, without
     * acid, by the share {@code fraction} of cascade two's raffinate; cascade two takes cascade
     * one's loaded organic as organic feed and splits C1+C2 | C3. With d = W2 − S2 the raffinate
     * of two, R = fraction · d is the recycle and S1 = a + R.
     */
    static String ternaryLoop(double a, double d, double fraction, double s2, String solver) {
        double r = fraction * d;
        return """
                name: ternary loop
                model: separation-factors
                components:
                  - {name: C1, separationFactor: 1.0}
                  - {name: C2, separationFactor: 2.2}
                  - {name: C3, separationFactor: 4.0}
                feeds:
                  - {name: feed, composition: {C1: 0.3, C2: 0.4, C3: 0.3}, amount: 1}
                cascades:
                  - name: one
                    extractionStages: 12
                    scrubStages: 12
                    extractant: %s
                    acidScrub: 0
                    inlets:
                      - {from: feed, phase: aqueous}
                      - {from: two.raffinate, phase: aqueous, stage: 24, fraction: %s}
                  - name: two
                    extractionStages: 14
                    scrubStages: 14
                    extractant: %s
                    acidScrub: %s
                    inlets:
                      - {from: one.organic, phase: organic}
                %s
                """.formatted(a + r, fraction, s2, s2 + d, solver);
    }

    /** Relative agreement of two flows, traces judged against 1e-14 of their stream's total. */
    static void assertClose(double actual, double expected, double total, double relative, String what) {
        assertThat(Math.abs(actual - expected))
                .as(what + ": " + actual + " vs " + expected)
                .isLessThanOrEqualTo(relative * Math.max(Math.abs(expected), 1e-14 * total));
    }
}
