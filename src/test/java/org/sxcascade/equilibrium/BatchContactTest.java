package org.sxcascade.equilibrium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * A batch contact is one mass-action stage with no flows: its results must obey the mass-action
 * law D = K e³/h³ at the equilibrium it reports, and the RE, H⁺, cation and extractant balances of
 * the contents must close.
 */
class BatchContactTest {
    private static final double[] K = {0.0093, 0.013};

    @Test
    void unsaponifiedContactObeysTheLawAndTheBalances() {
        check(1.5 / 2, 1.0, new double[] {0.08, 0.12}, 0, 0.05);
        check(1.0 / 2, 2.0, new double[] {0.3, 0}, 0, 0.2);
        check(3.0 / 2, 0.5, new double[] {0.01, 0.02}, 0, 1e-5);
    }

    @Test
    void saponifiedContactObeysTheLawAndTheBalances() {
        check(0.75, 1.0, new double[] {0.1, 0.15}, 0.3, 0.01);
    }

    private static void check(double dimer, double ratio, double[] initial, double sap, double acid) {
        double km = 0.001;
        MassActionEquilibrium model = new MassActionEquilibrium(K, km, dimer, 1);
        BatchContact contact = new BatchContact(2);
        contact.solve(model, ratio, initial, sap, acid);
        double h = contact.acidity();
        double e = contact.freeDimer();
        double organicRe = 0; // mol/L organic
        for (int j = 0; j < 2; j++) {
            double d = Math.exp(contact.lnDistributionRatio(j));
            // the law, independently of the solve: D = K e³/h³ at the reported h and e
            assertThat(d / (K[j] * Math.pow(e / h, 3))).isCloseTo(1, within(1e-10));
            // RE balance: aqueous x + organic r·D·x = initial, with x = initial/(1 + rD)
            double x = initial[j] / (1 + ratio * d);
            assertThat(contact.extractedFraction(j)).isCloseTo(ratio * d / (1 + ratio * d), within(1e-12));
            organicRe += d * x;
        }
        // cation: y_M = K_M x_M e^½ / h with 2sC r = x_M + r y_M
        double yM = 2 * sap * dimer * ratio / (1 + ratio * km * Math.sqrt(e) / h) * km * Math.sqrt(e) / h;
        // extractant balance C = e + 3 Σ y + ½ y_M (per litre of organic)
        assertThat((e + 3 * organicRe + 0.5 * yM) / dimer).isCloseTo(1, within(1e-10));
        // H⁺ balance: acid + 2C(1−s)r = h + r(2e + 3 Σ y)
        double hIn = acid + 2 * (1 - sap) * dimer * ratio;
        assertThat((h + ratio * (2 * e + 3 * organicRe)) / hIn).isCloseTo(1, within(1e-10));
    }
}
