package org.sxcascade.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Collection;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.design.StageCountScan;
import org.sxcascade.dynamics.TargetTime;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSample;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.XuFlows;
import org.sxcascade.optimize.Configuration;
import org.sxcascade.optimize.Optimum;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** Each chart's datasets hold the solver's numbers, and its geometry obeys the physics it draws. */
class ChartDataTest {

    private static List<Double> markerValues(Collection<?> markers) {
        return markers == null ? List.of() : markers.stream().map(m -> ((ValueMarker) m).getValue()).toList();
    }

    private static List<Double> domainMarkers(JFreeChart chart) {
        return markerValues(chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND));
    }

    private static List<Double> rangeMarkers(JFreeChart chart) {
        return markerValues(chart.getXYPlot().getRangeMarkers(Layer.FOREGROUND));
    }

    @Test
    void profileSeriesAreTheSolversMoleFractions() {
        ChartFixtures.Solved s = ChartFixtures.solve("cases/zhang-binary.yaml");
        JFreeChart chart = ProfileChart.of(s.cascadeCase(), s.state());
        assertThat(ChartFixtures.keys(chart, 0)).containsExactly("A x (aqueous)", "B x (aqueous)", "A y (organic)",
                "B y (organic)");
        int stages = 45;
        for (int j = 0; j < 2; j++) {
            String c = s.cascadeCase().components().get(j);
            XYSeries x = ChartFixtures.series(chart, c + " x (aqueous)");
            XYSeries y = ChartFixtures.series(chart, c + " y (organic)");
            assertThat(x.getItemCount()).isEqualTo(stages);
            for (int k = 1; k <= stages; k++) {
                assertThat(x.getX(k - 1).intValue()).isEqualTo(k);
                assertThat(x.getY(k - 1).doubleValue()).isEqualTo(s.state().aqueousFraction(k, j));
                assertThat(y.getY(k - 1).doubleValue()).isEqualTo(s.state().organicFraction(k, j));
            }
        }
        // Zhang binary (docs/theory.md): the loaded organic of Zhang's 24 + 21 cascade holds 99.8993 % A
        assertThat(ChartFixtures.series(chart, "A y (organic)").getY(stages - 1).doubleValue())
                .isCloseTo(0.998993, within(2e-6));
    }

    @Test
    void profileMarksSectionsFeedAndTargets() {
        ChartFixtures.Solved s = ChartFixtures.solve("cases/zhang-binary.yaml");
        JFreeChart chart = ProfileChart.of(s.cascadeCase(), s.state());
        assertThat(domainMarkers(chart)).containsExactlyInAnyOrder(24.5, 24.0); // section boundary, aqueous feed at n
        assertThat(rangeMarkers(chart)).hasSize(2);
        assertThat(rangeMarkers(chart).get(0)).isCloseTo(1 - 0.999, within(1e-15));
        assertThat(rangeMarkers(chart).get(1)).isCloseTo(1 - 0.9999, within(1e-15));
        XYPlot plot = chart.getXYPlot();
        assertThat(plot.getRangeAxis().getLowerBound()).isLessThanOrEqualTo(1e-5);
        assertThat(plot.getRangeAxis().getUpperBound()).isCloseTo(1.0, within(1e-8));

        ChartFixtures.Solved organicFeed = ChartFixtures.solve("cases/zhang-binary-organic-feed.yaml");
        assertThat(domainMarkers(ProfileChart.of(organicFeed.cascadeCase(), organicFeed.state())))
                .containsExactlyInAnyOrder(24.5, 25.0); // organic feed enters stage n + 1
    }

    @Test
    void linearProfileShowsComponentFlows() {
        ChartFixtures.Solved s = ChartFixtures.solve("cases/kremser.yaml");
        JFreeChart chart = ProfileChart.of(s.cascadeCase(), s.state());
        String c = s.cascadeCase().components().get(0);
        XYSeries aq = ChartFixtures.series(chart, c + " aqueous flow");
        for (int k = 1; k <= s.state().stages(); k++) {
            assertThat(aq.getY(k - 1).doubleValue()).isEqualTo(s.state().aqueousFlow(k, 0));
        }
        assertThat(McCabeThieleChart.of(s.cascadeCase(), s.state())).isEmpty();
    }

    /**
     * The stage outlets lie on the equilibrium curve y = βx/(1 + (β − 1)x), and the passing streams
     * on the binary's straight operating lines (flow table, docs/theory.md): extraction section
     * S·y_k = L·x_{k+1} − f'_B·x_1 and scrubbing section V·y_k = W·x_{k+1} + f'_A·y_N.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cases/zhang-binary.yaml", "cases/zhang-binary-organic-feed.yaml"})
    void mcCabeThieleFollowsEquilibriumAndOperatingLines(String file) {
        ChartFixtures.Solved s = ChartFixtures.solve(file);
        JFreeChart chart = McCabeThieleChart.of(s.cascadeCase(), s.state()).orElseThrow();
        XuFlows f = (XuFlows) s.cascadeCase().flows();
        double bigS = f.extractant();
        double w = f.scrub();
        boolean aqueous = s.cascadeCase().feed().phase() == FeedPhase.AQUEOUS;
        double beta = 2;
        int stages = s.state().stages();
        XYSeries outlets = ChartFixtures.series(chart, "stage outlets");
        assertThat(outlets.getItemCount()).isEqualTo(stages);
        for (int i = 0; i < stages; i++) {
            double x = outlets.getX(i).doubleValue();
            double y = outlets.getY(i).doubleValue();
            assertThat(x).isCloseTo(s.state().aqueousFraction(i + 1, 0), within(1e-15));
            assertThat(y).isCloseTo(beta * x / (1 + (beta - 1) * x), within(1e-12));
        }
        double x1 = outlets.getX(0).doubleValue();
        double yN = outlets.getY(stages - 1).doubleValue();
        double fA = aqueous ? bigS - w : bigS + 1 - w;
        double fB = 1 - fA;
        double extractionAqueous = aqueous ? w + 1 : w;
        double scrubOrganic = aqueous ? bigS : bigS + 1;
        XYSeries ex = ChartFixtures.series(chart, "extraction operating line");
        XYSeries sc = ChartFixtures.series(chart, "scrub operating line");
        assertThat(ex.getItemCount() - 1 + sc.getItemCount() - 1).isEqualTo(stages - 1); // every passing pair once
        assertThat(ex.getX(0).doubleValue()).isEqualTo(x1);
        assertThat(ex.getY(0).doubleValue()).isEqualTo(x1);
        for (int i = 1; i < ex.getItemCount(); i++) {
            double x = ex.getX(i).doubleValue();
            assertThat(ex.getY(i).doubleValue()).isCloseTo((extractionAqueous * x - fB * x1) / bigS, within(1e-10));
        }
        for (int i = 0; i < sc.getItemCount(); i++) {
            double x = sc.getX(i).doubleValue();
            assertThat(sc.getY(i).doubleValue()).isCloseTo((w * x + fA * yN) / scrubOrganic, within(1e-10));
        }
        assertThat(sc.getX(sc.getItemCount() - 1).doubleValue()).isEqualTo(yN);
        // the staircase: from the diagonal at x_1, two corners per stage, back to the diagonal at y_N
        XYSeries steps = ChartFixtures.series(chart, "stages");
        assertThat(steps.getItemCount()).isEqualTo(1 + 2 * stages);
    }

    @Test
    void keyPairOfAThreeComponentSplitIsNdPr() {
        ChartFixtures.Solved s = ChartFixtures.solve("cases/ce-pr-nd-p507.yaml");
        int[] key = McCabeThieleChart.keyPair(s.cascadeCase(), s.state());
        assertThat(s.cascadeCase().components().get(key[0])).isEqualTo("Nd");
        assertThat(s.cascadeCase().components().get(key[1])).isEqualTo("Pr");
        JFreeChart chart = McCabeThieleChart.of(s.cascadeCase(), s.state()).orElseThrow();
        XYSeries outlets = ChartFixtures.series(chart, "stage outlets");
        int nd = key[0];
        int pr = key[1];
        var model = (org.sxcascade.equilibrium.ConstantSeparationFactors) s.cascadeCase().equilibrium();
        double beta = model.separationFactor(nd) / model.separationFactor(pr);
        for (int k = 1; k <= s.state().stages(); k++) {
            double xnd = s.state().aqueousFraction(k, nd);
            double xpr = s.state().aqueousFraction(k, pr);
            assertThat(outlets.getX(k - 1).doubleValue()).isCloseTo(xnd / (xnd + xpr), within(1e-12));
            // CMER holds in the key-pair basis whatever Ce does: y' = βx'/(1 + (β − 1)x')
            double x = outlets.getX(k - 1).doubleValue();
            assertThat(outlets.getY(k - 1).doubleValue()).isCloseTo(beta * x / (1 + (beta - 1) * x), within(1e-12));
        }
    }

    @Test
    void startUpChartCarriesSamplesTargetsAndFlows() {
        TransientResult r = ChartFixtures.startUp("cases/pr-nd-1974.yaml");
        JFreeChart chart = TransientChart.of(r);
        XYSeries organic = ChartFixtures.series(chart, "loaded organic");
        List<TransientSample> withOrganic = r.samples().stream().filter(x -> !Double.isNaN(x.purity(0))).toList();
        assertThat(organic.getItemCount()).isEqualTo(withOrganic.size());
        for (int i = 0; i < withOrganic.size(); i++) {
            assertThat(organic.getX(i).doubleValue()).isEqualTo(withOrganic.get(i).days());
            assertThat(organic.getY(i).doubleValue())
                    .isEqualTo(Math.max(1 - withOrganic.get(i).purity(0), TransientChart.FLOOR));
        }
        // both targets reached (docs/tutorial-1974.md: Nd after 4.05 d, Pr after 5.48 d) and marked
        assertThat(r.targets()).allMatch(TargetTime::reached);
        for (TargetTime t : r.targets()) {
            assertThat(domainMarkers(chart)).anySatisfy(v -> assertThat(v).isCloseTo(t.hours() / 24, within(1e-12)));
            assertThat(rangeMarkers(chart)).anySatisfy(v -> assertThat(v).isCloseTo(1 - t.target(), within(1e-15)));
        }
        // flows relative to the final steady flow: zero from a blank cascade, one at the end
        XYSeries flow = ChartFixtures.series(chart, 1, "loaded organic flow / steady flow");
        assertThat(flow.getY(0).doubleValue()).isCloseTo(0, within(1e-9));
        assertThat(flow.getY(flow.getItemCount() - 1).doubleValue()).isCloseTo(1, within(1e-3));
    }

    @Test
    void paretoChartHoldsTheVerifiedFrontAndTheChoice() {
        Optimum o = ChartFixtures.optimum("cases/pr-nd-p507.yaml");
        assertThat(o.pareto()).isNotEmpty();
        JFreeChart chart = ParetoChart.of(o, ParetoChart.Axis.EXTRACTANT);
        XYSeries front = ChartFixtures.series(chart, "Pareto front");
        assertThat(front.getItemCount()).isEqualTo(o.pareto().size());
        for (int i = 0; i < o.pareto().size(); i++) {
            Configuration c = o.pareto().get(i);
            assertThat(front.getDataItem(i).getXValue()).isEqualTo(c.extractantFlow());
            assertThat(front.getDataItem(i).getYValue()).isEqualTo(c.totalStages());
        }
        String chosenKey = ChartFixtures.keys(chart, 0).get(1);
        assertThat(chosenKey).startsWith("chosen: least");
        XYSeries chosen = ChartFixtures.series(chart, chosenKey);
        assertThat(chosen.getX(0).doubleValue()).isEqualTo(o.best().extractantFlow());
        assertThat(chosen.getY(0).intValue()).isEqualTo(o.best().totalStages());
        JFreeChart reagents = ParetoChart.of(o, ParetoChart.Axis.REAGENTS);
        assertThat(ChartFixtures.series(reagents, "Pareto front").getX(0).doubleValue())
                .isEqualTo(o.pareto().get(0).reagentUse());
    }

    @Test
    void stageCountChartShowsTheVerifiedMinimum() {
        CascadeDesigner.Design d = ChartFixtures.design("cases/zhang-binary.yaml");
        StageCountScan scan = StageCountScan.of(d);
        assertThat(scan.failedSolves()).isZero();
        int n = d.verified().extractionStages();
        int m = d.verified().scrubStages();
        assertThat(scan.aqueousPurity().get(n - 1)).isEqualTo(d.verified().aqueousPurity());
        assertThat(scan.organicPurity().get(m - 1)).isEqualTo(d.verified().organicPurity());
        // the verified count is the least that meets the targets: one stage fewer misses
        assertThat(scan.aqueousPurity().get(n - 1)).isGreaterThanOrEqualTo(0.9999);
        assertThat(scan.organicPurity().get(m - 1)).isGreaterThanOrEqualTo(0.999);
        assertThat(scan.aqueousPurity().get(n - 2)).as("n - 1 extraction stages").isLessThan(0.9999);
        assertThat(scan.organicPurity().get(m - 2)).as("m - 1 scrub stages").isLessThan(0.999);
        // and it agrees with a solve of its own
        SeparationProblem p = d.problem();
        CascadeCase c = p.cascadeCase(n - 1, m, d.xu().extractantFlow(), d.xu().scrubFlow());
        SteadyState st = new NewtonCascadeSolver().solve(CascadeNetwork.of(c), c.solver());
        assertThat(scan.aqueousPurity().get(n - 2)).isCloseTo(p.purities(st, n - 1 + m)[1], within(1e-14));

        JFreeChart chart = StageCountChart.of("Zhang", scan, d.inputs().components(), d.keyA(), d.keyB());
        XYSeries pb = ChartFixtures.series(chart, ChartFixtures.keys(chart, 0).get(0));
        assertThat(pb.getItemCount()).isEqualTo(scan.aqueousPurity().size());
        assertThat(pb.getY(n - 1).doubleValue()).isEqualTo(Math.max(1 - scan.aqueousPurity().get(n - 1), 1e-12));
        assertThat(domainMarkers(chart)).contains((double) n, (double) m, scan.estimatedExtraction(),
                scan.estimatedScrub());
    }

    @Test
    void purityAxisLabelsReadAsPurities() {
        assertThat(ChartStyle.PurityFormat.purity(1e-3)).isEqualTo("99.9%");
        assertThat(ChartStyle.PurityFormat.purity(1e-1)).isEqualTo("90%");
        assertThat(ChartStyle.PurityFormat.purity(1e-6)).isEqualTo("99.9999%");
        assertThat(ChartStyle.PurityFormat.purity(2e-3)).isEqualTo("99.80%");
        assertThat(ChartStyle.PurityFormat.purity(1)).isEqualTo("0%");
        assertThat(ChartStyle.shortPercent(1e-4)).isEqualTo("0.01%");
    }

    @Test
    void fileStemsSayWhatTheChartsAre() {
        assertThat(NamedChart.caseStem("cases/Zhang binary.yaml")).isEqualTo("zhang-binary");
        assertThat(NamedChart.caseStem("/x/pr-nd-1974.yml")).isEqualTo("pr-nd-1974");
        ChartFixtures.Solved s = ChartFixtures.solve("cases/zhang-binary.yaml");
        assertThat(Charts.steadyState("zhang-binary", s.cascadeCase(), s.state())).extracting(NamedChart::fileStem)
                .containsExactly("zhang-binary-profile", "zhang-binary-mccabe-thiele");
    }
}
