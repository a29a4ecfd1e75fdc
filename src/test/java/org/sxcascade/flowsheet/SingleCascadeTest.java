package org.sxcascade.flowsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.Cases;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** A flowsheet of one cascade with one fresh feed is the ordinary single-cascade solve. */
class SingleCascadeTest {

    /**
     * Zhang et al.'s binary (docs/theory.md, Reference numbers; aqueous feed: P_A 0.998993, P_B 0.999893; organic
     * feed: 0.998906, 0.999806), whatever the feed amount (flows are normalised by it).
     */
    @ParameterizedTest
    @CsvSource({"aqueous, 1.7086449, 1.2081944, 1, 0.998993, 0.999893",
            "aqueous, 1.7086449, 1.2081944, 250, 0.998993, 0.999893",
            "organic, 1.2060192, 1.7055687, 1, 0.998906, 0.999806",
            "organic, 1.2060192, 1.7055687, 0.04, 0.998906, 0.999806"})
    void equalsTheOrdinarySolve(String phase, double s, double w, double amount, double pa, double pb) {
        FlowsheetResult r = Flowsheets.solve(Flowsheets.zhang(phase, s, w, amount));
        Flowsheet fs = r.flowsheet();
        int org = fs.sourceIndex("AB.organic");
        int raff = fs.sourceIndex("AB.raffinate");
        assertThat(r.fraction(org, 0)).isCloseTo(pa, within(2e-6));
        assertThat(r.fraction(raff, 1)).isCloseTo(pb, within(2e-6));

        FeedPhase p = phase.equals("aqueous") ? FeedPhase.AQUEOUS : FeedPhase.ORGANIC;
        var c = Cases.cmer(new double[] {2, 1}, new double[] {0.5, 0.5}, p, 24, 21, s, w);
        SteadyState ordinary = new NewtonCascadeSolver().solve(CascadeNetwork.of(c), SolverSettings.defaults());
        for (int j = 0; j < 2; j++) {
            Flowsheets.assertClose(r.flow(org, j), ordinary.organicFlow(45, j), 1, 1e-11, "organic " + j);
            Flowsheets.assertClose(r.flow(raff, j), ordinary.aqueousFlow(1, j), 1, 1e-11, "raffinate " + j);
        }
        for (int k = 1; k <= 45; k++) {
            assertThat(r.units().get(0).state().aqueousFraction(k, 0))
                    .isCloseTo(ordinary.aqueousFraction(k, 0), within(1e-11));
        }
        assertThat(r.tearIterations()).isEqualTo(1);
        assertThat(r.tearResidual()).isZero();
        assertThat(r.maxClosure()).isLessThanOrEqualTo(1e-10);
        assertThat(r.products()).containsExactly(raff, org);
    }

    @Test
    void amountsAreNormalisedByTheirSum() {
        Flowsheet fs = Flowsheets.parse(Flowsheets.zhang("aqueous", 1.7086449, 1.2081944, 40));
        assertThat(fs.feedTotal()).isEqualTo(40);
        assertThat(fs.feedShare(0)).isEqualTo(1);
        assertThat(fs.sourceTotal(fs.sourceIndex("AB.organic"))).isCloseTo(1.7086449 - 1.2081944, within(1e-15));
        assertThat(fs.sourceTotal(fs.sourceIndex("AB.raffinate"))).isCloseTo(1 + 1.2081944 - 1.7086449, within(1e-15));
    }

    /** Two fresh feeds into one cascade are a feed of their mixture (amount-weighted). */
    @Test
    void twoFreshFeedsMixByAmount() {
        String two = """
                model: separation-factors
                components:
                  - {name: A, separationFactor: 2.0}
                  - {name: B, separationFactor: 1.0}
                feeds:
                  - {name: f1, composition: {A: 0.8, B: 0.2}, amount: 30}
                  - {name: f2, composition: {A: 0.2, B: 0.8}, amount: 30}
                cascades:
                  - name: AB
                    extractionStages: 24
                    scrubStages: 21
                    extractant: 1.7086449
                    acidScrub: 1.2081944
                    inlets:
                      - {from: f1, phase: aqueous}
                      - {from: f2, phase: aqueous}
                """;
        FlowsheetResult r = Flowsheets.solve(two);
        int org = r.flowsheet().sourceIndex("AB.organic");
        assertThat(r.fraction(org, 0)).isCloseTo(0.998993, within(2e-6));
        assertThat(r.flowsheet().feedShare(1)).isEqualTo(0.5);
        assertThat(r.maxClosure()).isLessThanOrEqualTo(1e-10);
    }
}
