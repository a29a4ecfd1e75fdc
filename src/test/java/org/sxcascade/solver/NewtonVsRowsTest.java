package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.VolumetricFlows;

/**
 * Newton's method and Xu's row-by-row iteration are independent routes to the same steady state
 * (docs/theory.md, Row-by-row iteration): they must agree on every product component flow (relative) and on every stage
 * composition (absolute). The row iteration is slow (the two Zhang cases take a few seconds
 * together), so the other cases are small.
 */
class NewtonVsRowsTest {

    private static final double PRODUCT_REL_TOL = 1e-8;
    private static final double FRACTION_ABS_TOL = 1e-8;

    static Stream<Arguments> cases() {
        return Stream.of(
                // docs/theory.md, Reference numbers: Zhang binary at (n, m) = (24, 21)
                Arguments.of("Zhang aqueous feed (24, 21)", Cases.zhang(FeedPhase.AQUEOUS, 24, 21)),
                Arguments.of("Zhang organic feed (24, 21)", Cases.zhang(FeedPhase.ORGANIC, 24, 21)),
                // ternary CMER; aqueous feed needs W < S < W + 1, organic feed S < W < S + 1
                Arguments.of("ternary CMER aqueous feed", Cases.cmer(new double[] {1, 1.6, 2.5},
                        new double[] {0.3, 0.4, 0.3}, FeedPhase.AQUEOUS, 15, 15, 1.5, 1.0)),
                Arguments.of("ternary CMER organic feed", Cases.cmer(new double[] {1, 1.6, 2.5},
                        new double[] {0.3, 0.4, 0.3}, FeedPhase.ORGANIC, 15, 15, 1.0, 1.5)),
                Arguments.of("linear model with scrub, aqueous feed",
                        linear(FeedPhase.AQUEOUS, new double[] {2.0, 0.8, 0.3}, 6, 4, 1.0, 0.9, 0.5)),
                Arguments.of("linear model with scrub, organic feed",
                        linear(FeedPhase.ORGANIC, new double[] {3.0, 1.1}, 5, 5, 0.7, 1.2, 0.8)));
    }

    static CascadeCase linear(FeedPhase phase, double[] d, int n, int m, double feedFlow, double organicFlow,
                              double scrubFlow) {
        List<String> names = new java.util.ArrayList<>();
        double[] z = new double[d.length];
        for (int j = 0; j < d.length; j++) {
            names.add("C" + (j + 1));
            z[j] = 1.0 / d.length;
        }
        return new CascadeCase("linear", names, new ConstantDistributionRatios(d),
                new Feed(phase, z, feedFlow, null), new Cascade(n, m),
                new VolumetricFlows(feedFlow, organicFlow, scrubFlow), null, null, SolverSettings.defaults());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void newtonAndRowsAgree(String label, CascadeCase c) {
        SteadyState newton = Cases.newton(c);
        SteadyState rows = Cases.rows(c);
        assertThat(newton.method()).isEqualTo("newton");
        assertThat(rows.method()).isEqualTo("rows");
        assertThat(rows.residual()).isLessThanOrEqualTo(SolverSettings.DEFAULT_TOLERANCE);
        int stages = c.cascade().totalStages();
        int comps = c.components().size();
        assertThat(newton.stages()).isEqualTo(stages);
        assertThat(rows.stages()).isEqualTo(stages);
        for (int j = 0; j < comps; j++) {
            double nr = newton.aqueousFlow(1, j);
            double rr = rows.aqueousFlow(1, j);
            assertThat(nr).as("raffinate flow of component %d", j).isCloseTo(rr, within(PRODUCT_REL_TOL * rr));
            double no = newton.organicFlow(stages, j);
            double ro = rows.organicFlow(stages, j);
            assertThat(no).as("loaded organic flow of component %d", j).isCloseTo(ro, within(PRODUCT_REL_TOL * ro));
        }
        for (int k = 1; k <= stages; k++) {
            for (int j = 0; j < comps; j++) {
                assertThat(newton.aqueousFraction(k, j)).as("x stage %d component %d", k, j)
                        .isCloseTo(rows.aqueousFraction(k, j), within(FRACTION_ABS_TOL));
                assertThat(newton.organicFraction(k, j)).as("y stage %d component %d", k, j)
                        .isCloseTo(rows.organicFraction(k, j), within(FRACTION_ABS_TOL));
            }
        }
    }
}
