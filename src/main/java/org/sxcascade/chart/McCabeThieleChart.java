package org.sxcascade.chart;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.ModelCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.solver.SteadyState;

/**
 * The McCabe–Thiele diagram of a solved cascade for a key pair A (more extractable) and B, in
 * key-pair mole fractions x = x_A/(x_A + x_B) (aqueous) and y = y_A/(y_A + y_B) (organic).
 *
 * <p>With constant separation factors the equilibrium curve in these coordinates is exactly
 * y = βx/(1 + (β − 1)x) with β = β_A/β_B, whatever else the phases hold. The operating lines are
 * drawn through the passing streams (x_{k+1}, y_k) of the solved profile, from the stage balances
 * over stages 1 … k (extraction section) or k+1 … N (scrubbing section) that do not include the
 * feed; they start on the diagonal at the raffinate's x_1 and end at the loaded organic's y_N. For
 * a binary they are the straight lines of the flow table (docs/theory.md): slope (aqueous flow)/S in the
 * extraction section and W/(organic flow) in the scrubbing section. The staircase joins
 * equilibrium points (x_k, y_k) and passing points: one step per stage.
 *
 * <p>Series keys: {@code "equilibrium"}, {@code "diagonal y = x"}, {@code "extraction operating line"},
 * {@code "scrub operating line"}, {@code "stages"} (the staircase) and {@code "stage outlets"} (the
 * equilibrium points, x_k and y_k of stage k at item k − 1).
 */
public final class McCabeThieleChart {
    private McCabeThieleChart() {
    }

    /**
     * The diagram, for cascades with constant separation factors and at least two components
     * (empty otherwise: with constant distribution ratios or mass action there is no single
     * equilibrium curve y = βx / (1 + (β − 1)x)).
     */
    public static Optional<JFreeChart> of(ModelCase modelCase, SteadyState state) {
        if (!(modelCase instanceof CascadeCase cascadeCase)
                || !(cascadeCase.equilibrium() instanceof ConstantSeparationFactors m)
                || cascadeCase.components().size() < 2) {
            return Optional.empty();
        }
        int[] key = keyPair(cascadeCase, state);
        int a = key[0];
        int b = key[1];
        double beta = m.separationFactor(a) / m.separationFactor(b);
        List<String> comps = cascadeCase.components();
        int stages = state.stages();
        int n = cascadeCase.cascade().extractionStages();
        boolean aqueousFeed = cascadeCase.feed().phase() == FeedPhase.AQUEOUS;
        // passing pairs (x_{k+1}, y_k) with k ≤ lastExtraction lie on the extraction line
        int lastExtraction = aqueousFeed ? n - 1 : n;

        double[] x = new double[stages + 1];
        double[] y = new double[stages + 1];
        for (int k = 1; k <= stages; k++) {
            x[k] = keyFraction(state.lnAqueousFlow(k, a), state.lnAqueousFlow(k, b));
            y[k] = keyFraction(state.lnOrganicFlow(k, a), state.lnOrganicFlow(k, b));
        }

        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = ChartStyle.renderer();
        XYSeries eq = new XYSeries("equilibrium", false, true);
        for (int i = 0; i <= 400; i++) {
            double xi = i / 400.0;
            eq.add(xi, beta * xi / (1 + (beta - 1) * xi));
        }
        ChartStyle.add(data, r, eq, ChartStyle.BLUE, ChartStyle.SOLID, null);
        XYSeries diagonal = new XYSeries("diagonal y = x", false, true);
        diagonal.add(0, 0);
        diagonal.add(1, 1);
        ChartStyle.add(data, r, diagonal, ChartStyle.GREY, ChartStyle.THIN, null);

        XYSeries extraction = new XYSeries("extraction operating line", false, true);
        extraction.add(x[1], x[1]);
        for (int k = 1; k <= lastExtraction && k < stages; k++) {
            extraction.add(x[k + 1], y[k]);
        }
        ChartStyle.add(data, r, extraction, ChartStyle.GREEN, ChartStyle.DASHED, null);
        XYSeries scrub = new XYSeries("scrub operating line", false, true);
        for (int k = lastExtraction + 1; k < stages; k++) {
            scrub.add(x[k + 1], y[k]);
        }
        scrub.add(y[stages], y[stages]);
        ChartStyle.add(data, r, scrub, ChartStyle.PURPLE, ChartStyle.DASHED, null);

        XYSeries steps = new XYSeries("stages", false, true);
        steps.add(x[1], x[1]);
        for (int k = 1; k <= stages; k++) {
            steps.add(x[k], y[k]);
            steps.add(k < stages ? x[k + 1] : y[k], y[k]);
        }
        ChartStyle.add(data, r, steps, ChartStyle.VERMILLION, ChartStyle.THIN, null);
        XYSeries outlets = new XYSeries("stage outlets", false, true);
        for (int k = 1; k <= stages; k++) {
            outlets.add(x[k], y[k]);
        }
        // stage outlets as dots up to 100 stages; beyond, the dots would swamp the corners
        ChartStyle.add(data, r, outlets, ChartStyle.VERMILLION, null, stages <= 100 ? ChartStyle.dot(stages <= 60 ? 5 : 3)
                : null);

        NumberAxis xAxis = ChartStyle.numberAxis("x: " + comps.get(a) + " in the aqueous, x_A/(x_A + x_B)", false);
        NumberAxis yAxis = ChartStyle.numberAxis("y: " + comps.get(a) + " in the organic, y_A/(y_A + y_B)", false);
        xAxis.setRange(0, 1);
        yAxis.setRange(0, 1);
        XYPlot plot = ChartStyle.plot(xAxis, yAxis);
        plot.setDataset(data);
        plot.setRenderer(r);
        int feedStage = cascadeCase.cascade().feedStage(cascadeCase.feed().phase());
        // labels beside the points, inside the plot: stage 1 near (0, 0) above and to the right,
        // stage N near (1, 1) below and to the left
        label(plot, x[1], y[1], "← stage 1", TextAnchor.BOTTOM_LEFT, 0.012, 0.03);
        label(plot, x[feedStage], y[feedStage], "feed stage " + feedStage, TextAnchor.TOP_LEFT, 0.01, -0.01);
        label(plot, x[stages], y[stages], "stage " + stages + " →", TextAnchor.TOP_RIGHT, -0.012, -0.03);
        String subtitle = String.format(Locale.ROOT,
                "key pair A = %s, B = %s, β = %s; %d extraction + %d scrub stages, %s feed at stage %d",
                comps.get(a), comps.get(b), trim(beta), n, cascadeCase.cascade().scrubStages(),
                cascadeCase.feed().phase().label(), feedStage);
        return Optional.of(ChartStyle.chart("McCabe–Thiele diagram: " + cascadeCase.name(), subtitle, plot));
    }

    private static void label(XYPlot plot, double x, double y, String text, TextAnchor anchor, double dx, double dy) {
        XYTextAnnotation t = new XYTextAnnotation(text, x + dx, y + dy);
        t.setFont(ChartStyle.NOTE);
        t.setPaint(ChartStyle.VERMILLION.darker());
        t.setTextAnchor(anchor);
        plot.addAnnotation(t);
    }

    private static String trim(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** x_A/(x_A + x_B) from the logarithms of the two flows, exact for trace amounts. */
    static double keyFraction(double lnA, double lnB) {
        if (lnA == Double.NEGATIVE_INFINITY && lnB == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        return 1 / (1 + Math.exp(lnB - lnA));
    }

    /**
     * The key pair {A, B} of a solved cascade, A more extractable than B. From the targets when the
     * case has them: A is the least extractable component of the loaded-organic target group, B the
     * most extractable of the raffinate group. Otherwise from where the components went: A is the
     * least extractable component of which at least half leaves in the loaded organic, B the most
     * extractable of the rest (the pair the cascade splits).
     */
    public static int[] keyPair(CascadeCase cascadeCase, SteadyState state) {
        ConstantSeparationFactors m = (ConstantSeparationFactors) cascadeCase.equilibrium();
        int c = cascadeCase.components().size();
        int stages = state.stages();
        boolean[] toOrganic = new boolean[c];
        for (int j = 0; j < c; j++) {
            toOrganic[j] = state.lnOrganicFlow(stages, j) >= state.lnAqueousFlow(1, j);
        }
        ProductTarget ot = cascadeCase.organicTarget();
        ProductTarget at = cascadeCase.aqueousTarget();
        if (ot != null) {
            java.util.Arrays.fill(toOrganic, false);
            ot.components().forEach(j -> toOrganic[j] = true);
        } else if (at != null) {
            java.util.Arrays.fill(toOrganic, true);
            at.components().forEach(j -> toOrganic[j] = false);
        }
        int a = -1;
        int b = -1;
        for (int j = 0; j < c; j++) {
            double beta = m.separationFactor(j);
            if (toOrganic[j] && (a < 0 || beta < m.separationFactor(a))) {
                a = j;
            }
            if (!toOrganic[j] && (b < 0 || beta > m.separationFactor(b))) {
                b = j;
            }
        }
        if (a < 0 || b < 0) { // everything went one way: the two least (or most) extractable
            Integer[] order = new Integer[c];
            for (int j = 0; j < c; j++) {
                order[j] = j;
            }
            java.util.Arrays.sort(order, (p, q) -> Double.compare(m.separationFactor(p), m.separationFactor(q)));
            if (a < 0) {
                a = order[c - 1];
                b = order[c - 2];
            } else {
                a = order[1];
                b = order[0];
            }
        }
        if (m.separationFactor(a) < m.separationFactor(b)) {
            int t = a;
            a = b;
            b = t;
        }
        return new int[] {a, b};
    }
}
