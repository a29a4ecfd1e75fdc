package org.sxcascade.dynamics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;

/**
 * The realistic fill of cases/pr-nd-1974-mass-action.yaml (docs/tutorial-1974.md, "The fill on
 * mass-action chemistry"): from a blank start the saponified organic loads up to saturation, and the
 * loading front and the aqueous pH front move from the feed stage down to stage 1; the run ends in the
 * steady state of {@code simulate}.
 */
class StartupFrontsTest {
    private static final Path CASE = Path.of("cases/pr-nd-1974-mass-action.yaml");
    /** Extraction stages of the case. */
    private static final int N_EXTRACTION = 11;
    /** Times of the profiles, h. */
    private static final double[] HOURS = {6, 24, 48, 72, 96};
    /** Each time's profile: [time][0 acidity, 1 loading][stage − 1]. */
    private static double[][][] profiles;

    private static TransientResult run(TransientSettings s) {
        TransientCase tc = new CaseReader().readForTransient(CASE);
        return TransientSolver.forMethod(s.method()).run(tc.withSettings(s));
    }

    @BeforeAll
    static void runs() {
        TransientSettings s = new CaseReader().readForTransient(CASE).settings();
        profiles = new double[HOURS.length][][];
        for (int i = 0; i < HOURS.length; i++) {
            profiles[i] = run(s.withTimes(HOURS[i], HOURS[i])).endProfile();
        }
    }

    private static double pH(int time, int stage) {
        return -Math.log10(profiles[time][0][stage - 1]);
    }

    private static double loading(int time, int stage) {
        return profiles[time][1][stage - 1];
    }

    /** The lowest extraction stage from which every stage up to the feed stage is loaded to half the steady 0.8936 or more. */
    private static int loadingFront(int time) {
        int front = N_EXTRACTION + 1;
        while (front > 1 && loading(time, front - 1) >= 0.5 * 0.8936) {
            front--;
        }
        return front;
    }

    @Test
    void theOrganicLoadsUpToSaturationStageByStage() {
        // stage 6 (mid extraction section): barren after 6 h, saturated (simulate: 0.892552) after 4 days
        assertThat(loading(0, 6)).isLessThan(0.05);
        for (int i = 1; i < HOURS.length; i++) {
            assertThat(loading(i, 6)).as("stage 6 at %s h", HOURS[i]).isGreaterThanOrEqualTo(loading(i - 1, 6) - 1e-6);
        }
        assertThat(loading(HOURS.length - 1, 6)).isCloseTo(0.892552, within(0.01));
        // the front moves down from the feed stage to stage 1, and no stage loads beyond saturation
        int[] fronts = new int[HOURS.length];
        for (int i = 0; i < HOURS.length; i++) {
            fronts[i] = loadingFront(i);
            for (int k = 1; k <= N_EXTRACTION + 8; k++) {
                assertThat(loading(i, k)).isBetween(0.0, 0.9);
            }
        }
        assertThat(fronts[0]).isGreaterThanOrEqualTo(9);
        for (int i = 1; i < HOURS.length; i++) {
            assertThat(fronts[i]).as("front at %s h", HOURS[i]).isLessThanOrEqualTo(fronts[i - 1]);
        }
        assertThat(fronts[1]).isLessThan(fronts[0]);
        assertThat(fronts[HOURS.length - 1]).isEqualTo(1);
    }

    @Test
    void theAqueousPhFrontFollowsTheLoadingFront() {
        // ahead of the loading front the barren saponified organic takes the acid (pH near 2.8 and
        // above); behind it the aqueous is at the steady pH of simulate (stage 6: 1.686, stage 1: 1.893)
        assertThat(pH(1, 2)).isGreaterThan(2.5);
        assertThat(pH(1, 11)).isLessThan(1.8);
        assertThat(pH(2, 2)).isGreaterThan(2.5);
        assertThat(pH(HOURS.length - 1, 6)).isCloseTo(1.686, within(0.02));
        assertThat(pH(HOURS.length - 1, 1)).isCloseTo(1.893, within(0.02));
        // the pH front: the lowest stage at the steady-state acidity (pH below 2.2) moves down
        int previous = Integer.MAX_VALUE;
        for (int i = 0; i < HOURS.length; i++) {
            int front = N_EXTRACTION + 1;
            while (front > 1 && pH(i, front - 1) < 2.2) {
                front--;
            }
            assertThat(front).as("pH front at %s h", HOURS[i]).isLessThanOrEqualTo(previous);
            assertThat(Math.abs(front - loadingFront(i))).as("pH and loading fronts at %s h", HOURS[i])
                    .isLessThanOrEqualTo(1);
            previous = front;
        }
        assertThat(previous).isEqualTo(1);
    }

    @Test
    void theP507VersionEndsInItsSteadyStateAfterItsSlowNdTarget() {
        // docs/tutorial-1974.md, step 7: the raffinate after 7.93 d, the Nd product after 443.20 d
        TransientCase tc = new CaseReader().readForTransient(Path.of("cases/pr-nd-1974-p507-mass-action.yaml"));
        TransientSettings s = tc.settings().withTimes(20_000 * 24, 1_000 * 24);
        TransientResult r = TransientSolver.forMethod(s.method()).run(tc.withSettings(s));
        assertThat(r.targets()).allMatch(TargetTime::reached);
        for (TargetTime t : r.targets()) {
            double days = t.purityOf().get(0).equals("Nd") ? 443.20 : 7.93;
            assertThat(t.hours() / 24).as(t.product()).isCloseTo(days, within(0.005));
        }
        assertThat(r.hoursToSteadyState()).isNotNull();
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
    }

    @Test
    void aLongRunEndsInTheSteadyStateOfSimulate() {
        TransientSettings s = new CaseReader().readForTransient(CASE).settings();
        TransientResult r = run(s.withTimes(10_000 * 24, 1_000 * 24));
        assertThat(r.integrator()).contains("Rosenbrock");
        assertThat(r.hoursToSteadyState()).isNotNull();
        TransientStageOptionsTest.assertEndIsSimulate(r, 1e-8);
        assertThat(r.finalDistance()).isLessThan(1e-8);
        // the end profile is simulate's (simulate --profile: stage 1, 6 and 19)
        double[][] p = r.endProfile();
        assertThat(-Math.log10(p[0][0])).isCloseTo(1.893, within(5e-4));
        assertThat(p[1][0]).isCloseTo(0.852459, within(5e-7));
        assertThat(p[1][5]).isCloseTo(0.892552, within(5e-7));
        assertThat(-Math.log10(p[0][18])).isCloseTo(0.739, within(5e-4));
        assertThat(p[1][18]).isCloseTo(0.449868, within(5e-7));
    }
}
