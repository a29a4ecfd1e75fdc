package org.sxcascade.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * The charts of a mass-action cascade ({@link AcidityLoadingChart}, {@link ConcentrationChart} after the
 * profile) plot the report's numbers and mark its three sections.
 */
class MassActionChartsTest {
    /** The bundled case, solved once. */
    record Solved(MassActionCase c, CascadeNetwork network, SteadyState state, SimulationReport report) {
        static Solved bundled() {
            MassActionCase c = new CaseReader().readMassAction(Path.of("cases/pr-nd-mass-action.yaml"));
            CascadeNetwork net = CascadeNetwork.massAction(c);
            SteadyState s = new NewtonCascadeSolver().solve(net, c.solver());
            return new Solved(c, net, s, new SimulationReport(c, net, s));
        }
    }

    private static final Solved S = Solved.bundled();

    /** Chart i of the bundled case's steady-state charts (0 profile, 1 pH/loading, 2 concentrations). */
    private static JFreeChart panel(int i) {
        return S.report().charts("pr-nd-mass-action").get(i).chart();
    }

    private static List<Double> markers(java.util.Collection<?> markers) {
        return markers.stream().map(m -> ((ValueMarker) m).getValue()).toList();
    }

    @Test
    void threeChartsNamedForTheirFiles() {
        List<NamedChart> charts = S.report().charts("pr-nd-mass-action");
        assertThat(charts).extracting(NamedChart::fileStem).containsExactly("pr-nd-mass-action-profile",
                "pr-nd-mass-action-ph-loading", "pr-nd-mass-action-concentration");
        for (NamedChart nc : charts) {
            // extraction | scrub after stage 35, scrub | strip after stage 75, aqueous feed at stage 35
            assertThat(markers(nc.chart().getXYPlot().getDomainMarkers(Layer.FOREGROUND)))
                    .as(nc.fileStem()).containsExactlyInAnyOrder(35.5, 75.5, 35.0);
        }
    }

    @Test
    void everyFeedStageIsMarked() {
        var c = S.c();
        var one = c.feeds().get(0);
        var two = c.withFeeds(List.of(
                new org.sxcascade.model.MassActionFeed("a", one.feed(), one.acidity(), 25),
                new org.sxcascade.model.MassActionFeed("b", one.feed(), one.acidity(), 30)));
        var network = org.sxcascade.solver.CascadeNetwork.massAction(two);
        var state = new org.sxcascade.solver.NewtonCascadeSolver().solve(network, two.solver());
        JFreeChart chart = new SimulationReport(two, network, state).charts("two").get(1).chart();
        assertThat(markers(chart.getXYPlot().getDomainMarkers(Layer.FOREGROUND)))
                .containsExactlyInAnyOrder(35.5, 75.5, 25.0, 30.0);
        assertThat(chart.getSubtitles()).anySatisfy(t -> assertThat(t)
                .isInstanceOf(org.jfree.chart.title.TextTitle.class)
                .extracting(x -> ((org.jfree.chart.title.TextTitle) x).getText()).asString()
                .contains("aqueous feed at stages 25, 30"));
    }

    @Test
    void phAndLoadingAreTheReportsStageValues() {
        JFreeChart chart = panel(1);
        XYSeries ph = ChartFixtures.series(chart, 0, "pH (aqueous, left axis)");
        XYSeries loading = ChartFixtures.series(chart, 1, "loading 3Σ[RE]org / C (right axis)");
        XYSeries sapon = ChartFixtures.series(chart, 1, "saponification [Na]org / 2C (right axis)");
        var rows = MassActionCaseView.of(S.report().view()).stages();
        assertThat(ph.getItemCount()).isEqualTo(83);
        for (int k = 0; k < 83; k++) {
            assertThat(ph.getX(k).intValue()).isEqualTo(k + 1);
            assertThat(ph.getY(k).doubleValue()).isEqualTo(rows.get(k).pH());
            assertThat(loading.getY(k).doubleValue()).isEqualTo(rows.get(k).loading());
            assertThat(sapon.getY(k).doubleValue()).isEqualTo(rows.get(k).saponification());
        }
        // the raffinate's pH is the first point; the pH axis holds every point, the fraction axis is 0 … 1
        assertThat(ph.getY(0).doubleValue()).isCloseTo(-Math.log10(S.report().products().get(0).acidity()),
                within(1e-12));
        var plot = chart.getXYPlot();
        assertThat(plot.getRangeAxis(0).getRange().contains(ph.getMinY())).isTrue();
        assertThat(plot.getRangeAxis(0).getRange().contains(ph.getMaxY())).isTrue();
        assertThat(plot.getRangeAxis(1).getLowerBound()).isZero();
        assertThat(plot.getRangeAxis(1).getUpperBound()).isEqualTo(1.0);
        assertThat(plot.getRangeAxisIndex(plot.getRangeAxisForDataset(1))).isEqualTo(1);
    }

    @Test
    void profileAndConcentrationsAreTheSolversNumbers() {
        JFreeChart profile = ProfileChart.of(MassActionCaseView.profile(S.c(), S.state()));
        assertThat(ChartFixtures.keys(profile, 0)).containsExactly("Pr x (aqueous)", "Nd x (aqueous)",
                "Pr y (organic)", "Nd y (organic)");
        XYSeries nd = ChartFixtures.series(profile, "Nd x (aqueous)");
        // stage 1 is the raffinate: its Nd fraction is the raffinate's impurity
        assertThat(nd.getY(0).doubleValue()).isCloseTo(S.report().products().get(0).composition().get("Nd"),
                within(1e-18));
        assertThat(markers(profile.getXYPlot().getRangeMarkers(Layer.FOREGROUND)))
                .allSatisfy(v -> assertThat(v).isCloseTo(1 - 0.999, within(1e-15))).hasSize(2);

        JFreeChart conc = panel(2);
        XYSeries prAq = ChartFixtures.series(conc, "Pr aqueous mol/L");
        XYSeries ndOrg = ChartFixtures.series(conc, "Nd organic mol/L");
        double scale = S.c().feedRate();
        for (int k = 1; k <= 83; k++) {
            assertThat(prAq.getY(k - 1).doubleValue()).isCloseTo(
                    S.state().aqueousFlow(k, 0) * scale / S.network().aqueousFlow(k), within(1e-15));
        }
        assertThat(ndOrg.getY(0).doubleValue()).isCloseTo(S.state().organicFlow(1, 1) * scale / 230, within(1e-18));
        // the strip product's RE concentration (1.60 mol/L) lies inside the axis
        assertThat(conc.getXYPlot().getRangeAxis().getRange().contains(
                S.state().aqueousFlow(76, 1) * scale / 28)).isTrue();
    }

    /**
     * {@code design --plot} of a mass-action case: the charts {@code simulate --plot} draws, of the
     * designed cascade (27 + 25 + 8 stages at the designed flows, not the case's 35 + 40 + 8), each
     * point its steady state's stage value.
     */
    @Test
    void aDesignsChartsAreThoseOfItsDesignedCascade() {
        var in = (org.sxcascade.io.MassActionDesignInputs) new CaseReader()
                .readForDesign(Path.of("cases/pr-nd-mass-action.yaml"));
        var r = new org.sxcascade.design.PlantFlowDesign().design(in.template(), in.settings(),
                org.sxcascade.design.FlowChoice.optimum(), 1000);
        List<NamedChart> charts = Charts.design("d", new org.sxcascade.design.PlantFlowDesign.Designed(r, null), null);
        assertThat(charts).extracting(NamedChart::fileStem).containsExactly("d-design-profile", "d-design-ph-loading",
                "d-design-concentration");
        for (NamedChart nc : charts) {
            assertThat(markers(nc.chart().getXYPlot().getDomainMarkers(Layer.FOREGROUND)))
                    .as(nc.fileStem()).containsExactlyInAnyOrder(27.5, 52.5, 27.0);
        }
        XYSeries ph = ChartFixtures.series(charts.get(1).chart(), 0, "pH (aqueous, left axis)");
        XYSeries loading = ChartFixtures.series(charts.get(1).chart(), 1, "loading 3Σ[RE]org / C (right axis)");
        var rows = MassActionCaseView.of(r.designed().view(r.network(), r.state())).stages();
        assertThat(ph.getItemCount()).isEqualTo(60);
        for (int k = 0; k < 60; k++) {
            assertThat(ph.getY(k).doubleValue()).isEqualTo(rows.get(k).pH());
            assertThat(loading.getY(k).doubleValue()).isEqualTo(rows.get(k).loading());
        }
        // the most loaded stage, as the design report names it
        assertThat(loading.getMaxY()).isEqualTo(r.peakLoading().loading());
    }

    /**
     * {@code optimize --plot} of a mass-action case: the charts of the optimum's cold-start
     * verification, whose saponification and organic flow are the optimum's, not the case's.
     */
    @Test
    void anOptimumsChartsAreThoseOfItsVerification() {
        Path f = Path.of("cases/pr-nd-mass-action.yaml");
        var o = org.sxcascade.optimize.Optimization.optimize(new CaseReader().readMassAction(f),
                new CaseReader().readTree(f), "reagents", "", null);
        List<NamedChart> charts = Charts.optimum("o", o);
        assertThat(charts).extracting(NamedChart::fileStem).containsExactly("o-optimum-profile",
                "o-optimum-ph-loading", "o-optimum-concentration");
        XYSeries sapon = ChartFixtures.series(charts.get(1).chart(), 1, "saponification [Na]org / 2C (right axis)");
        var rows = MassActionCaseView.of(o.verification().view()).stages();
        assertThat(sapon.getItemCount()).isEqualTo(83);
        for (int k = 0; k < 83; k++) {
            assertThat(sapon.getY(k).doubleValue()).isEqualTo(rows.get(k).saponification());
        }
        assertThat(o.verification().state()).isSameAs(o.state());
        assertThat(o.optimized().flows().saponification()).isEqualTo(o.best().flows().saponification())
                .isNotEqualTo(S.c().flows().saponification());
    }
}
