package org.sxcascade.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ModelCase;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.SteadyStateSolver;

/**
 * The operating window against closed forms (a Kremser section with constant distribution
 * ratios, whose purities are analytic) and its printed edges re-simulated at the printed digits
 * from the case file, independently of the window's own verification.
 */
public class OperatingWindowTest {
    /** The bundled Kremser check (D_A = 1, D_B = 0.5, 10 stages, feed 60 L/h) with targets on both products. */
    public static final String KREMSER = """
            name: Kremser with targets
            model: distribution-ratios
            components:
              - {name: A, distributionRatio: 1.0}
              - {name: B, distributionRatio: 0.5}
            feed: {phase: aqueous, composition: {A: 0.5, B: 0.5}, flow: 60, concentration: 0.01}
            cascade: {extractionStages: 10, scrubStages: 0}
            flows: {organicFlow: 100}
            targets:
              organic: {purity: 0.55, components: [A]}
              aqueous: {purity: 0.98, components: [B]}
            """;

    /** Kremser: the fraction of a solute left in the raffinate, (E − 1)/(E^(N+1) − 1), E = D·O/A. */
    static double unextracted(double d, double organic, double aqueous) {
        double e = d * organic / aqueous;
        return (e - 1) / (Math.pow(e, 11) - 1);
    }

    /** Raffinate purity of B at an organic flow (equimolar feed). */
    static double raffinateB(double organic, double dA) {
        double a = unextracted(dA, organic, 60);
        double b = unextracted(0.5, organic, 60);
        return b / (a + b);
    }

    /** Loaded-organic purity of A at an organic flow. */
    static double organicA(double organic, double dA) {
        double a = 1 - unextracted(dA, organic, 60);
        double b = 1 - unextracted(0.5, organic, 60);
        return a / (a + b);
    }

    /** The root of f on [lo, hi] by bisection (f changes sign there). */
    static double bisect(DoubleUnaryOperator f, double lo, double hi) {
        double flo = f.applyAsDouble(lo);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            double fm = f.applyAsDouble(mid);
            if (Math.signum(fm) == Math.signum(flo)) {
                lo = mid;
                flo = fm;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static JsonNode tree(String yaml) {
        return new CaseReader().parseTree(yaml);
    }

    @Test
    void kremserEdgesMatchTheClosedForm() {
        OperatingWindow w = OperatingWindow.compute(tree(KREMSER), 0, null);
        assertThat(w.operatingPointMet()).isTrue();
        // the closed form at the case: the margins in nines
        assertThat(w.margins().get(0).reached()).isCloseTo(organicA(100, 1), within(1e-9));
        assertThat(w.margins().get(1).reached()).isCloseTo(raffinateB(100, 1), within(1e-9));
        double lowO = bisect(o -> raffinateB(o, 1) - 0.98, 70, 100); // more organic: purer raffinate
        double highO = bisect(o -> organicA(o, 1) - 0.55, 100, 119); // … and a less pure loaded organic
        OperatingWindow.InputRange organic = w.ranges().get(0);
        assertThat(organic.input().field()).isEqualTo("flows.organicFlow");
        assertThat(organic.lower().value()).isCloseTo(lowO, within(1e-6 * lowO));
        assertThat(organic.upper().value()).isCloseTo(highO, within(1e-6 * highO));
        assertThat(organic.lower().beyond()).contains("aqueous purity of B missed");
        assertThat(organic.upper().beyond()).contains("organic purity of A missed");
        // the purities depend on O/A only: the feed flow's edges are 60 × 100 / the organic flow's
        OperatingWindow.InputRange feed = w.ranges().stream().filter(r -> r.input().field().equals("feed.flow"))
                .findFirst().orElseThrow();
        assertThat(feed.lower().value()).isCloseTo(6000 / highO, within(1e-6 * 6000 / highO));
        assertThat(feed.upper().value()).isCloseTo(6000 / lowO, within(1e-6 * 6000 / lowO));
        // the tolerance on D_A (B held): D_A may fall until the first product misses; a rise helps both
        OperatingWindow.Tolerance t = w.tolerances().get(0);
        assertThat(t.group()).containsExactly("A");
        double fallTo = Math.max(bisect(f -> raffinateB(100, f) - 0.98, 0.65, 1),
                bisect(f -> organicA(100, f) - 0.55, 0.65, 1));
        assertThat(t.down().value()).isCloseTo(fallTo, within(1e-6));
        assertThat(t.up().kind()).isEqualTo(OperatingWindow.EdgeKind.SEARCH_LIMIT);
        assertThat(organicA(100, 10)).isGreaterThan(0.55);
        assertThat(raffinateB(100, 10)).isGreaterThan(0.98);
        assertThat(t.keyValue()).isEqualTo(2.0);
        for (OperatingWindow.Edge e : List.of(organic.lower(), organic.upper(), feed.lower(), feed.upper(), t.down())) {
            assertThat(e.kind()).isEqualTo(OperatingWindow.EdgeKind.TARGET);
            assertThat(e.verified()).isTrue();
        }
    }

    @Test
    void nines() {
        assertThat(NinesMargin.nines(1e-3)).isCloseTo(3, within(1e-12));
        NinesMargin m = new NinesMargin("x", 0.9999, 1e-4, 0.999);
        assertThat(m.margin()).isCloseTo(1, within(1e-9));
        assertThat(m.met()).isTrue();
        assertThat(new NinesMargin("x", 0.998, 2e-3, 0.999).margin()).isNegative();
    }

    /** Sets a field of a case tree to a printed number (as a user would type it into the file) and simulates. */
    static boolean metAt(JsonNode base, String field, String printed) {
        ObjectNode t = base.deepCopy();
        String[] p = field.split("\\.");
        ((ObjectNode) t.get(p[0])).put(p[1], new BigDecimal(printed));
        CaseReader reader = new CaseReader();
        ModelCase c;
        try {
            c = CaseReader.isMassAction(t) ? reader.massActionFromTree(t) : reader.fromTree(t);
        } catch (InvalidInputException e) {
            return false;
        }
        return SimulationReport.solve(c, (n, s) -> SteadyStateSolver.solveFallingBackOnRows(n, s, x -> { }))
                .targetsMet();
    }

    /** Every printed edge of a target meets at its printed digits and misses one step further out. */
    static void printedEdgesHold(Path file) {
        JsonNode tree = new CaseReader().readTree(file);
        OperatingWindow w = OperatingWindow.compute(tree, 0, null);
        assertThat(w.operatingPointMet()).isTrue();
        int checked = 0;
        for (OperatingWindow.InputRange r : w.ranges()) {
            for (OperatingWindow.Edge e : List.of(r.lower(), r.upper())) {
                if (e.kind() == OperatingWindow.EdgeKind.TARGET) {
                    assertThat(e.verified()).as(r.input().field()).isTrue();
                    assertThat(metAt(tree, r.input().field(), e.inside())).as(r.input().field() + " " + e.inside())
                            .isTrue();
                    assertThat(metAt(tree, r.input().field(), e.outside())).as(r.input().field() + " " + e.outside())
                            .isFalse();
                    // rounded towards the case's value
                    double in = Double.parseDouble(e.inside());
                    assertThat(Math.abs(in - r.input().value())).isLessThanOrEqualTo(
                            Math.abs(e.value() - r.input().value()));
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(4);
    }

    @Test
    void printedEdgesOfAPlantCmerCaseHoldAtTheirDigits() {
        printedEdgesHold(Path.of("cases/pr-nd-p507.yaml"));
    }

    @Test
    void printedEdgesOfAMassActionCaseHoldAtTheirDigits() {
        printedEdgesHold(Path.of("cases/pr-nd-mass-action.yaml"));
    }

    @Test
    void inputsOfEachModel() {
        assertThat(ControlInput.of(new CaseReader().readTree(Path.of("cases/zhang-binary.yaml"))))
                .extracting(ControlInput::field).containsExactly("flows.extractant", "flows.scrub");
        assertThat(ControlInput.of(new CaseReader().readTree(Path.of("cases/pr-nd-p507.yaml"))))
                .extracting(ControlInput::field).containsExactly("flows.organicFlow", "flows.scrubFlow", "feed.flow");
        assertThat(ControlInput.of(new CaseReader().readTree(Path.of("cases/pr-nd-mass-action.yaml"))))
                .extracting(ControlInput::field).containsExactly("flows.organicFlow", "flows.saponification",
                        "flows.stripFlow", "flows.reflux", "feed.flow");
    }

    @Test
    void aCaseWithoutTargetsIsRefusedNamingTheField() {
        JsonNode t = new CaseReader().readTree(Path.of("cases/kremser.yaml"));
        assertThatThrownBy(() -> OperatingWindow.compute(t, 0, null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("targets");
    }

    @Test
    void aCaseThatMissesItsTargetsHasNoRanges() {
        OperatingWindow w = OperatingWindow.compute(new CaseReader().readTree(Path.of("cases/zhang-binary.yaml")), 25,
                null);
        assertThat(w.operatingPointMet()).isFalse();
        assertThat(w.ranges()).isEmpty();
        assertThat(w.region()).isNull();
        assertThat(w.toText()).contains("no operating window");
    }

    @Test
    void theRegionContainsTheCaseAndAgreesWithTheRanges() {
        assertThat(OperatingWindow.compute(tree(KREMSER), 0, null).region()).as("no grid asked for").isNull();
        OperatingWindow g = OperatingWindow.compute(new CaseReader().readTree(Path.of("cases/pr-nd-p507.yaml")), 9,
                null);
        OperatingWindow.Region r = g.region();
        assertThat(r.x().field()).isEqualTo("flows.organicFlow");
        assertThat(r.y().field()).isEqualTo("flows.scrubFlow");
        assertThat(r.xs()).hasSize(9);
        // the grid is symmetric about the case: its middle point is the case, which meets every target
        assertThat(r.xs()[4]).isCloseTo(2500, within(1e-9));
        assertThat(r.met()[4][4]).isTrue();
        // along the middle row (the scrub flow at the case's) the feasible points lie within the organic flow's range
        OperatingWindow.InputRange organic = g.ranges().get(0);
        for (int j = 0; j < 9; j++) {
            if (r.met()[4][j]) {
                assertThat(r.xs()[j]).isBetween(organic.lower().value(), organic.upper().value());
            }
        }
        assertThat(r.feasiblePoints()).isLessThan(81).isGreaterThan(1);
    }
}
