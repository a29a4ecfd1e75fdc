package org.sxcascade.flowsheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sxcascade.model.InvalidInputException;

/** Recycles without a feasible or reachable steady state are clear errors, never numbers. */
class InfeasibleTest {
    /** Two cascades sending each other their whole raffinates: the loop's RE has nowhere to go. */
    private static final String CLOSED_AQUEOUS_LOOP = """
            model: separation-factors
            components:
              - {name: A, separationFactor: 2.0}
              - {name: B, separationFactor: 1.0}
            feeds:
              - {name: feed, composition: {A: 0.5, B: 0.5}, amount: 1}
            cascades:
              - name: one
                extractionStages: 10
                scrubStages: 10
                extractant: 1.2
                acidScrub: 0.8
                inlets:
                  - {from: feed, phase: aqueous}
                  - {from: two.raffinate, phase: aqueous, fraction: SHARE}
              - name: two
                extractionStages: 10
                scrubStages: 10
                extractant: 1.0
                acidScrub: 0.7
                inlets:
                  - {from: one.raffinate, phase: aqueous}
            """;

    @Test
    void aLoopReturningAllItsRefluxHasNoSteadyState() {
        assertThatThrownBy(() -> Flowsheets.parse(CLOSED_AQUEOUS_LOOP.replace("SHARE", "1")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cascades[0].inlets[1].fraction")
                .hasMessageContaining("two.raffinate")
                .hasMessageContaining("RE gain of 1");
    }

    /**
     * Returning 90 % of two's raffinate with S1 = 2.5: one's raffinate R1 = 1 + 0.9 R2 + W1 − S1 and
     * two's R2 = R1 + W2 − S2 give R1 = −9.7 at steady state: refused, naming cascade one's
     * extractant and the flow.
     */
    @Test
    void aRecycleThatWouldLeaveAnOutletDryIsRefused() {
        String yaml = CLOSED_AQUEOUS_LOOP.replace("SHARE", "0.9").replace("extractant: 1.2", "extractant: 2.5");
        assertThatThrownBy(() -> Flowsheets.parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cascades[0].extractant = 2.5 is not allowed")
                .hasMessageContaining("one.raffinate would carry -9.7")
                .hasMessageContaining("metal balance");
    }

    /**
     * The La | Ce | Pr | Nd recycle sent to the feed stage instead of stage N: LaCe has no acid
     * scrub, so its scrub section is left without aqueous; refused naming the dry stage.
     */
    @Test
    void aRecycleAtTheWrongStageLeavesTheScrubSectionDry() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("cases/la-ce-pr-nd.yaml"))
                .replace("stage: 28, fraction: 0.6", "stage: 14, fraction: 0.6");
        assertThatThrownBy(() -> Flowsheets.parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("cascades[0].extractant = ")
                .hasMessageContaining("stage 28 would carry 0")
                .hasMessageContaining("metal balance")
                .hasMessageContaining("no aqueous enters stage N = 28");
    }

    @Test
    void aFeasibleShareOfTheSameLoopSolves() {
        FlowsheetResult r = Flowsheets.solve(CLOSED_AQUEOUS_LOOP.replace("SHARE", "0.5"));
        assertThat(r.maxClosure()).isLessThanOrEqualTo(1e-10);
        assertThat(r.tearResidual()).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void tooFewPassesIsNoConvergenceWithWhatWasReached() {
        Flowsheet fs = Flowsheets.parse(Flowsheets.ternaryLoop(0.7, 0.8, 0.5, 1.5, "solver: {maxTearIterations: 3}"));
        assertThatThrownBy(() -> new FlowsheetSolver().solve(fs))
                .isInstanceOf(FlowsheetConvergenceException.class)
                .hasMessageContaining("did not converge")
                .hasMessageContaining("after 3 passes")
                .hasMessageContaining("two.raffinate")
                .hasMessageContaining("tolerance 1.0e-12")
                .satisfies(e -> {
                    FlowsheetConvergenceException f = (FlowsheetConvergenceException) e;
                    assertThat(f.hint()).contains("solver.maxTearIterations");
                    assertThat(f.tearIterations()).isEqualTo(3);
                    assertThat(f.tearResidual()).isGreaterThan(1e-12);
                });
    }

    /**
     * A tolerance below what the cascade solves can pin down stalls, and says so: the bundled
     * La | Ce | Pr | Nd flowsheet's recycled Ce carries La and Pr at about 1e-5, known to about
     * 1e-12 relative.
     */
    @Test
    void anUnreachableToleranceStallsWithAHint() throws Exception {
        String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("cases/la-ce-pr-nd.yaml"))
                .replace("  tearTolerance: 1e-11", "  tearTolerance: 1e-14\n  maxTearIterations: 60");
        Flowsheet fs = Flowsheets.parse(yaml);
        assertThat(fs.settings().tearTolerance()).isEqualTo(1e-14);
        assertThatThrownBy(() -> new FlowsheetSolver().solve(fs))
                .isInstanceOf(FlowsheetConvergenceException.class)
                .hasMessageContaining("did not converge: the tear residual stalled at")
                .hasMessageContaining("(tolerance 1.0e-14)")
                .hasMessageContaining("CePr.raffinate")
                .satisfies(e -> {
                    FlowsheetConvergenceException f = (FlowsheetConvergenceException) e;
                    // stopped before the pass limit, at the floor of about 1e-12 (docs/flowsheets.md)
                    assertThat(f.tearIterations()).isLessThan(60);
                    assertThat(f.tearResidual()).isBetween(1e-14, 1e-11);
                    assertThat(f.hint()).startsWith("Loosen solver.tearTolerance");
                });
    }
    /**
     * A recycle that contracts too slowly to reach its tolerance within the pass limit fails fast:
     * 99.9 % of a cascade's raffinate returned to its feed stage, by plain substitution, contracts by
     * about 0.998 per pass (about 10 000 passes to 1e-12), so it is reported after 2 × 50 passes, not
     * after all 500, with the rate and the passes it would need. With that many passes allowed it does
     * go on (to the accuracy floor of the cascade solves), so the hint is honest.
     */
    @Test
    void aRecycleTooSlowForThePassLimitFailsFastWithItsRate() {
        String yaml = """
                name: slow recycle
                model: separation-factors
                components:
                  - {name: Pr, separationFactor: 1.0}
                  - {name: Nd, separationFactor: 1.5}
                feeds:
                  - {name: feed, composition: {Pr: 0.25, Nd: 0.75}, amount: 1}
                cascades:
                  - name: A
                    extractionStages: 20
                    scrubStages: 20
                    extractant: 4.0
                    acidScrub: 3.3
                    inlets:
                      - {from: feed, phase: aqueous}
                      - {from: A.raffinate, phase: aqueous, stage: 20, fraction: 0.999}
                solver:
                  acceleration: none
                """;
        Flowsheet fs = Flowsheets.parse(yaml);
        assertThatThrownBy(() -> new FlowsheetSolver().solve(fs))
                .isInstanceOf(FlowsheetConvergenceException.class)
                .hasMessageContaining("not converging fast enough")
                .hasMessageContaining("over the last 50 of 100 passes")
                .hasMessageContaining("beyond solver.maxTearIterations = 500")
                .hasMessageContaining("A.raffinate")
                .satisfies(e -> {
                    FlowsheetConvergenceException f = (FlowsheetConvergenceException) e;
                    assertThat(f.tearIterations()).isEqualTo(2 * FlowsheetSolver.RATE_PASSES);
                    assertThat(f.tearResidual()).isGreaterThan(1e-6);
                    assertThat(f.hint()).contains("raise solver.maxTearIterations to about");
                });
        // a loop that contracts at a pace the pass limit allows is let run: 99 % returned contracts by
        // about 0.956 per pass (about 600 passes), within 3 × the limit, so it is not refused at pass 100
        FlowsheetResult r = Flowsheets.solve(yaml.replace("0.999}", "0.99}").replace("acceleration: none",
                "acceleration: none\n  maxTearIterations: 2000\n  tearTolerance: 1e-9"));
        assertThat(r.tearResidual()).isLessThanOrEqualTo(1e-9);
        assertThat(r.tearIterations()).isGreaterThan(2 * FlowsheetSolver.RATE_PASSES);
    }
}
