package org.sxcascade.chart;

import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.dynamics.TransientCase;
import org.sxcascade.dynamics.TransientResult;
import org.sxcascade.dynamics.TransientSolver;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.optimize.MetalFlowSearch;
import org.sxcascade.optimize.Objective;
import org.sxcascade.optimize.Optimum;
import org.sxcascade.optimize.OptimizerSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/** Solved cases for the chart tests (each solved once per JVM). */
final class ChartFixtures {
    record Solved(CascadeCase cascadeCase, SteadyState state) {
    }

    private ChartFixtures() {
    }

    static Solved solve(String file) {
        CascadeCase c = new CaseReader().read(Path.of(file));
        return new Solved(c, new NewtonCascadeSolver().solve(CascadeNetwork.of(c), c.solver()));
    }

    static CascadeDesigner.Design design(String file) {
        return new CascadeDesigner().design(new CaseReader().readDesign(Path.of(file)), FlowChoice.optimum(), 1000);
    }

    static Optimum optimum(String file) {
        OptimizerSettings s = new OptimizerSettings(Objective.PHI, 1000, null, null, null, null, null, null, null, 0,
                true, null);
        return new MetalFlowSearch().optimize(new CaseReader().readDesign(Path.of(file)), s);
    }

    static TransientResult startUp(String file) {
        TransientCase tc = new CaseReader().readTransient(Path.of(file));
        return TransientSolver.forMethod(tc.settings().method()).run(tc);
    }

    /** The series of the plot's dataset {@code dataset} with that key. */
    static XYSeries series(JFreeChart chart, int dataset, String key) {
        XYSeriesCollection data = (XYSeriesCollection) chart.getXYPlot().getDataset(dataset);
        return data.getSeries(key);
    }

    static XYSeries series(JFreeChart chart, String key) {
        return series(chart, 0, key);
    }

    static List<String> keys(JFreeChart chart, int dataset) {
        XYPlot plot = chart.getXYPlot();
        XYSeriesCollection data = (XYSeriesCollection) plot.getDataset(dataset);
        return ((List<?>) data.getSeries()).stream().map(s -> ((XYSeries) s).getKey().toString()).toList();
    }
}
