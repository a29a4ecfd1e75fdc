package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sxcascade.model.FeedPhase;

/** The Zhang binary, both feed phases (docs/theory.md): the CMER stage model at (n, m) = (24, 21) with Xu's flows. */
class ZhangBinaryTest {

    @Test
    void aqueousFeedReproducesReferencePurities() {
        SteadyState st = Cases.newton(Cases.zhang(FeedPhase.AQUEOUS, 24, 21));
        // A product: organic leaving stage N = 45; B product: aqueous leaving stage 1
        assertThat(st.organicFraction(45, 0)).isCloseTo(0.998993, within(2e-6));
        assertThat(st.aqueousFraction(1, 1)).isCloseTo(0.999893, within(2e-6));
        assertThat(st.massBalanceError()).isLessThan(1e-10);
        assertThat(st.residual()).isLessThan(1e-12);
    }

    @Test
    void organicFeedReproducesReferencePurities() {
        SteadyState st = Cases.newton(Cases.zhang(FeedPhase.ORGANIC, 24, 21));
        assertThat(st.organicFraction(45, 0)).isCloseTo(0.998906, within(2e-6));
        assertThat(st.aqueousFraction(1, 1)).isCloseTo(0.999806, within(2e-6));
        assertThat(st.massBalanceError()).isLessThan(1e-10);
    }
}
