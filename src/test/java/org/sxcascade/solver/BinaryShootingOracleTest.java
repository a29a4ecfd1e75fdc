package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.XuFlows;

/**
 * An independent oracle for binary CMER cascades (docs/theory.md, Why the numerics need care): shooting from stage
 * 1 in BigDecimal with bisection on the raffinate composition x_{1,A}, compared with Newton's
 * product purities.
 *
 * <p><b>Stepping.</b> With l_k = L_k x_k and v_k = V_k y_k the A flows leaving stage k (L_k, V_k
 * from the flow table of docs/theory.md, built here from S and W), the A balance of stage k,
 * v_{k−1} + l_{k+1} + F_k z = v_k + l_k, gives the aqueous entering from above:
 * {@code l_{k+1} = v_k + l_k − v_{k−1} − F_k z} (v_0 = 0: barren organic enters stage 1), and
 * x_{k+1} = l_{k+1}/L_{k+1}, y_{k+1} = β x_{k+1}/(1 + (β − 1) x_{k+1}). The top condition is that
 * the scrub brings no A into stage N: {@code l_{N+1} = 0}.
 *
 * <p><b>Why bisection is well-posed.</b> Summing the balances of stages 1..k telescopes to
 * l_{k+1} = v_k + l_1 − F_{≤k} z, so dl_{k+1}/dx_1 = V_k y'(x_k) dx_k/dx_1 + L_1, and
 * y'(x) = β/(1 + (β−1)x)² &gt; 0 for x ≥ 0. By induction from dx_1/dx_1 = 1 every x_k, and
 * l_{N+1}, is strictly increasing in x_1. Hence l_{N+1} &gt; 0 means x_1 is too high and
 * l_{N+1} &lt; 0 too low; and if a trial leaves [0, 1] at some stage (where the true profile
 * cannot go), x_k &gt; 1 means too high and x_k &lt; 0 too low — monotonicity holds along the
 * whole path from the true x_1 to the trial, since the stages before k stay in [0, 1].
 *
 * <p>Shooting amplifies rounding by about the product of the stage gains, so the oracle runs
 * with many digits and checks itself at two precisions.
 */
class BinaryShootingOracleTest {

    /** Result of the oracle: raffinate x_{1,A} and loaded-organic y_{N,A}. */
    record Shot(BigDecimal x1, BigDecimal yN) {
        double purityA() {
            return yN.doubleValue();
        }

        double purityB() {
            return BigDecimal.ONE.subtract(x1).doubleValue();
        }
    }

    static final class Shooter {
        private final MathContext mc;
        private final BigDecimal beta;
        private final BigDecimal betaMinusOne;
        private final BigDecimal za;
        private final int stages;
        private final int feedStage;
        private final BigDecimal[] aqueous; // L_k, index k−1
        private final BigDecimal[] organic; // V_k
        BigDecimal lastYN;

        Shooter(CascadeCase c, int digits) {
            mc = new MathContext(digits);
            var eq = (ConstantSeparationFactors) c.equilibrium();
            // β_A/β_B, computed in BigDecimal from the two doubles the case holds
            beta = new BigDecimal(eq.separationFactor(0)).divide(new BigDecimal(eq.separationFactor(1)), mc);
            betaMinusOne = beta.subtract(BigDecimal.ONE, mc);
            za = new BigDecimal(c.feed().composition()[0]);
            var xu = (XuFlows) c.flows();
            BigDecimal s = new BigDecimal(xu.extractant());
            BigDecimal w = new BigDecimal(xu.scrub());
            int n = c.cascade().extractionStages();
            stages = c.cascade().totalStages();
            boolean aqFeed = c.feed().phase() == FeedPhase.AQUEOUS;
            feedStage = aqFeed ? n : n + 1;
            aqueous = new BigDecimal[stages];
            organic = new BigDecimal[stages];
            BigDecimal one = BigDecimal.ONE;
            // flow table, docs/theory.md, Conventions
            for (int k = 1; k <= stages; k++) {
                boolean extraction = k <= n;
                organic[k - 1] = aqFeed || extraction ? s : s.add(one);
                aqueous[k - 1] = aqFeed && extraction ? w.add(one) : w;
            }
            organic[stages - 1] = aqFeed ? s.subtract(w) : s.add(one).subtract(w);
            aqueous[0] = aqFeed ? w.add(one).subtract(s) : w.subtract(s);
        }

        /** −1: x_1 too low, +1: too high, 0: exact. Leaves y_N of the last complete shot in lastYN. */
        int shoot(BigDecimal x1) {
            BigDecimal l = aqueous[0].multiply(x1, mc);
            BigDecimal vPrev = BigDecimal.ZERO;
            for (int k = 1; k <= stages; k++) {
                BigDecimal x = l.divide(aqueous[k - 1], mc);
                if (x.signum() < 0) {
                    return -1;
                }
                if (x.compareTo(BigDecimal.ONE) > 0) {
                    return 1;
                }
                BigDecimal y = beta.multiply(x, mc).divide(BigDecimal.ONE.add(betaMinusOne.multiply(x, mc), mc), mc);
                BigDecimal v = organic[k - 1].multiply(y, mc);
                BigDecimal next = v.add(l, mc).subtract(vPrev, mc);
                if (k == feedStage) {
                    next = next.subtract(za, mc);
                }
                if (k == stages) {
                    lastYN = y;
                    return next.signum();
                }
                vPrev = v;
                l = next;
            }
            throw new AssertionError("unreachable");
        }

        /** ln of the aqueous A and B flows leaving every stage along the shot from x1 (N×2, stage-major). */
        double[] lnAqueousProfile(BigDecimal x1) {
            double[] out = new double[2 * stages];
            BigDecimal l = aqueous[0].multiply(x1, mc);
            BigDecimal vPrev = BigDecimal.ZERO;
            for (int k = 1; k <= stages; k++) {
                BigDecimal x = l.divide(aqueous[k - 1], mc);
                out[2 * (k - 1)] = ln(l);
                out[2 * (k - 1) + 1] = ln(aqueous[k - 1].subtract(l, mc));
                BigDecimal y = beta.multiply(x, mc).divide(BigDecimal.ONE.add(betaMinusOne.multiply(x, mc), mc), mc);
                BigDecimal v = organic[k - 1].multiply(y, mc);
                BigDecimal next = v.add(l, mc).subtract(vPrev, mc);
                if (k == feedStage) {
                    next = next.subtract(za, mc);
                }
                vPrev = v;
                l = next;
            }
            return out;
        }

        private static double ln(BigDecimal v) {
            // ln of a positive BigDecimal that may be far below Double.MIN_VALUE
            int shift = v.precision() - v.scale() - 1; // v = m · 10^shift with m in [1, 10)
            return Math.log(v.movePointLeft(shift).doubleValue()) + shift * Math.log(10);
        }

        Shot solve() {
            BigDecimal lo = BigDecimal.ZERO;
            BigDecimal hi = BigDecimal.ONE;
            BigDecimal half = new BigDecimal("0.5");
            BigDecimal stop = BigDecimal.ONE.movePointLeft(mc.getPrecision() - 5);
            BigDecimal mid = hi;
            for (int it = 0; it < 20 * mc.getPrecision(); it++) {
                mid = lo.add(hi, mc).multiply(half, mc);
                int sign = shoot(mid);
                if (sign == 0) {
                    break;
                }
                if (sign > 0) {
                    hi = mid;
                } else {
                    lo = mid;
                }
                if (hi.subtract(lo, mc).compareTo(stop.multiply(hi, mc)) <= 0) {
                    break;
                }
            }
            // y_N along the final trial; make sure that shot went all the way up
            lastYN = null;
            shoot(mid);
            assertThat(lastYN).as("the converged shot reaches stage N inside [0, 1]").isNotNull();
            return new Shot(mid, lastYN);
        }
    }

    static Shot oracle(CascadeCase c, int digits) {
        return new Shooter(c, digits).solve();
    }

    /**
     * Cases with the relative tolerance to which Newton's product impurities must match the
     * oracle's. That is 1e-9 except where the product split equals the feed split (aqueous feed
     * with S − W = z_A): both products are then pure, the whole-cascade A balance reads
     * L_1 x_{1,A} = V_N (1 − y_{N,A}), a relation between two traces that the O(1) stage
     * balances only fix to their rounding level, so the impurities are ill-conditioned (found:
     * 1.2e-7 relative at traces of 1e-9, while the purities still agree to 1e-16). Longer
     * balanced splits are in {@link RandomBinaryRobustnessTest#hardCasesConvergeFromColdStart}.
     */
    static Stream<Arguments> cases() {
        return Stream.of(
                // docs/theory.md, Reference numbers: Zhang binary at (24, 21)
                Arguments.of("Zhang aqueous feed", Cases.zhang(FeedPhase.AQUEOUS, 24, 21), 1e-9),
                Arguments.of("Zhang organic feed", Cases.zhang(FeedPhase.ORGANIC, 24, 21), 1e-9),
                Arguments.of("β 1.5, zA 0.3, aqueous, (30, 40)", Cases.cmer(new double[] {1.5, 1},
                        new double[] {0.3, 0.7}, FeedPhase.AQUEOUS, 30, 40, 2.9, 2.5), 1e-9),
                Arguments.of("β 3, zA 0.7, organic, (10, 8)", Cases.cmer(new double[] {3, 1},
                        new double[] {0.7, 0.3}, FeedPhase.ORGANIC, 10, 8, 0.8, 1.3), 1e-9),
                Arguments.of("β 1.2 as 0.6/0.5, aqueous, (1, 1)", Cases.cmer(new double[] {0.6, 0.5},
                        new double[] {0.45, 0.55}, FeedPhase.AQUEOUS, 1, 1, 1.2, 0.7), 1e-9),
                // deep traces in one product: B in the loaded organic about 1e-20
                Arguments.of("β 4, zA 0.5, aqueous, (40, 40), S 1.4", Cases.cmer(new double[] {4, 1},
                        new double[] {0.5, 0.5}, FeedPhase.AQUEOUS, 40, 40, 1.4, 1.0), 1e-9),
                Arguments.of("β 4, zA 0.5, organic, (40, 40), W 1.6", Cases.cmer(new double[] {4, 1},
                        new double[] {0.5, 0.5}, FeedPhase.ORGANIC, 40, 40, 1.0, 1.6), 1e-9),
                Arguments.of("β 2.5, zA 0.4, organic, (60, 30)", Cases.cmer(new double[] {2.5, 1},
                        new double[] {0.4, 0.6}, FeedPhase.ORGANIC, 60, 30, 1.0, 1.7), 1e-9),
                // balanced split S − W = z_A: both impurities about 1e-9 (see above)
                Arguments.of("β 4, zA 0.5, aqueous, (20, 20), balanced split", Cases.cmer(new double[] {4, 1},
                        new double[] {0.5, 0.5}, FeedPhase.AQUEOUS, 20, 20, 1.5, 1.0), 1e-6));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void newtonMatchesShootingOracle(String label, CascadeCase c, double impurityRelTol) {
        Shot shot = oracle(c, 100);
        SteadyState st = Cases.newton(c);
        int stages = c.cascade().totalStages();
        assertThat(st.organicFraction(stages, 0)).as("P_A").isCloseTo(shot.purityA(), within(1e-9));
        assertThat(st.aqueousFraction(1, 1)).as("P_B").isCloseTo(shot.purityB(), within(1e-9));
        // and the impurities themselves, relative (they may be far below 1e-9)
        double impurityRaffinate = shot.x1().doubleValue();
        double impurityOrganic = BigDecimal.ONE.subtract(shot.yN()).doubleValue();
        assertThat(st.aqueousFraction(1, 0)).as("A in the raffinate")
                .isCloseTo(impurityRaffinate, within(impurityRelTol * impurityRaffinate));
        assertThat(st.organicFraction(stages, 1)).as("B in the loaded organic")
                .isCloseTo(impurityOrganic, within(impurityRelTol * impurityOrganic));
    }

    /** The oracle's own profile closes every stage balance of the solver's network to rounding. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oracleProfileClosesStageBalances(String label, CascadeCase c, double ignored) {
        Shooter shooter = new Shooter(c, 100);
        Shot shot = shooter.solve();
        CascadeNetwork net = CascadeNetwork.of(c);
        double[] lnAq = shooter.lnAqueousProfile(shot.x1());
        double[] lnOrg = new double[lnAq.length];
        for (int k = 1; k <= net.stages(); k++) {
            net.equilibrium().organicFlows(net.organicFlow(k), net.aqueousFlow(k), lnAq, 2 * (k - 1), lnOrg,
                    2 * (k - 1), null, 0);
        }
        assertThat(StageBalances.maxRelativeImbalance(net, lnAq, lnOrg, null)).isLessThan(1e-13);
        assertThat(StageBalances.massBalanceError(net, lnAq, lnOrg)).isLessThan(1e-14);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oracleIsStableInPrecision(String label, CascadeCase c, double ignored) {
        Shot a = oracle(c, 60);
        Shot b = oracle(c, 100);
        double xa = a.x1().doubleValue();
        double xb = b.x1().doubleValue();
        assertThat(xa).isCloseTo(xb, within(1e-14 * xb));
        double ia = BigDecimal.ONE.subtract(a.yN()).doubleValue();
        double ib = BigDecimal.ONE.subtract(b.yN()).doubleValue();
        assertThat(ia).isCloseTo(ib, within(1e-12 * ib));
    }

    @Test
    void oracleReproducesPublishedZhangPurities() {
        // Zhang binary (docs/theory.md): P_A = 0.998993, P_B = 0.999893; organic feed: P_A = 0.998906, P_B = 0.999806
        Shot aq = oracle(Cases.zhang(FeedPhase.AQUEOUS, 24, 21), 60);
        assertThat(aq.purityA()).isCloseTo(0.998993, within(6e-7));
        assertThat(aq.purityB()).isCloseTo(0.999893, within(6e-7));
        Shot org = oracle(Cases.zhang(FeedPhase.ORGANIC, 24, 21), 60);
        assertThat(org.purityA()).isCloseTo(0.998906, within(6e-7));
        assertThat(org.purityB()).isCloseTo(0.999806, within(6e-7));
    }

    @Test
    void oracleClosesTheWholeCascadeBalance() {
        // z_A = L_1 x_1 + V_N y_N at the oracle's solution (docs/theory.md flow table, aqueous feed)
        CascadeCase c = Cases.zhang(FeedPhase.AQUEOUS, 24, 21);
        Shot shot = oracle(c, 60);
        BigDecimal s = new BigDecimal(Cases.ZHANG_S);
        BigDecimal w = new BigDecimal(Cases.ZHANG_W);
        BigDecimal raffinate = w.add(BigDecimal.ONE).subtract(s).multiply(shot.x1());
        BigDecimal loaded = s.subtract(w).multiply(shot.yN());
        assertThat(raffinate.add(loaded).doubleValue()).isCloseTo(0.5, within(1e-15));
    }
}
