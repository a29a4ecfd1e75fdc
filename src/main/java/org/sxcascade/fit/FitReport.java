package org.sxcascade.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.sxcascade.equilibrium.MassActionEquilibrium;

/** The outputs of {@code sxcascade fit}: terminal table, JSON and the case fragment of {@code --case-out}. */
public final class FitReport {
    /** How many of the largest residuals are listed. */
    public static final int LARGEST = 5;

    private FitReport() {
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** The readable report of a fit and, if not null, of its prediction of another data set. */
    public static String text(FitResult fit, Prediction prediction) {
        String t = text(fit);
        if (prediction == null) {
            return t;
        }
        ShakeoutSelection sel = prediction.selection();
        StringBuilder b = new StringBuilder(t);
        b.append('\n').append("Prediction of ").append(sel.data().file())
                .append(" with the fitted parameters (no refit)\n");
        b.append(f("  %d rows read, %d used, %d points with D > 0%n", sel.data().rows().size(), sel.rows().size(),
                prediction.measured().length));
        for (String s : sel.leftOut()) {
            b.append("  ").append(s).append('\n');
        }
        b.append(f("%-8s %6s %13s%n", "element", "points", "RMS log10 D"));
        for (int k = 0; k < sel.elements().size(); k++) {
            if (prediction.count(k) > 0) {
                b.append(f("%-8s %6d %13.4f%n", sel.elements().get(k), prediction.count(k), prediction.rmsLog10D(k)));
            }
        }
        b.append(f("%-8s %6d %13.4f%n", "all", prediction.measured().length, prediction.rmsLog10D()));
        withinExperiments(b, prediction);
        return b.toString();
    }

    /** The RMS of the residuals within experiments, when some hold two or more rare earths. */
    private static void withinExperiments(StringBuilder b, Prediction p) {
        if (p.experimentsWithSeveralPoints() > 0) {
            b.append(f("  within experiments (ratios of D, the separation factors): RMS %.4f over the %d experiments "
                    + "with two or more rare earths%n", p.rmsWithinExperiments(), p.experimentsWithSeveralPoints()));
        }
    }

    /** The JSON of a fit with, if not null, its prediction of another data set under {@code prediction}. */
    public static ObjectNode json(FitResult fit, Prediction prediction) {
        ObjectNode root = json(fit);
        if (prediction == null) {
            return root;
        }
        ShakeoutSelection sel = prediction.selection();
        ObjectNode p = root.putObject("prediction");
        p.put("file", sel.data().file());
        p.put("rowsRead", sel.data().rows().size());
        p.put("rowsUsed", sel.rows().size());
        p.put("points", prediction.measured().length);
        ArrayNode left = p.putArray("leftOut");
        sel.leftOut().forEach(left::add);
        p.put("rmsLog10D", prediction.rmsLog10D());
        putWithinExperiments(p, prediction);
        ArrayNode el = p.putArray("elements");
        for (int k = 0; k < sel.elements().size(); k++) {
            if (prediction.count(k) > 0) {
                ObjectNode o = el.addObject();
                o.put("element", sel.elements().get(k));
                o.put("points", prediction.count(k));
                o.put("rmsLog10D", prediction.rmsLog10D(k));
            }
        }
        return root;
    }

    /** {@code rmsWithinExperiments} and {@code experimentsWithSeveralPoints}, when there are such experiments. */
    private static void putWithinExperiments(ObjectNode o, Prediction p) {
        if (p.experimentsWithSeveralPoints() > 0) {
            o.put("rmsWithinExperiments", p.rmsWithinExperiments());
            o.put("experimentsWithSeveralPoints", p.experimentsWithSeveralPoints());
        }
    }

    /** The readable report, with units. */
    public static String text(FitResult fit) {
        StringBuilder b = new StringBuilder();
        ShakeoutSelection sel = fit.selection();
        WeightedLeastSquares.Solution sol = fit.solution();
        List<String> el = sel.elements();
        MassActionFit.Law law = MassActionFit.Law.of(fit.model());
        b.append(switch (law) {
            case MASS_ACTION -> "Mass-action";
            case CORRELATION -> "Correlation";
            case CONSTANT_DISTRIBUTION -> "Constant-distribution";
            case SEPARATION_FACTORS -> "Separation-factor";
        }).append(" fit of shake-out data: ").append(sel.data().file()).append('\n');
        if (law == MassActionFit.Law.CONSTANT_DISTRIBUTION) {
            b.append("Model: one D per rare earth, whatever the acidity and loading (the baseline, no chemistry)\n");
        } else if (law == MassActionFit.Law.SEPARATION_FACTORS) {
            b.append("Model: D_j = beta_j L in every experiment (constant separation factors, Xu's CMER), with the\n");
            b.append("  experiment's level L fitted with them: only the ratios of D within an experiment count\n");
        } else {
            b.append(law == MassActionFit.Law.CORRELATION ? "Model: log10 D = a pH + b log10[(HA)2]free + "
                    + "c with the stoichiometry of RE3+ + 3 (HA)2 = RE(HA2)3 + 3 H+;\n" : fit.stoichiometry() != null
                    ? "Model: log10 D = 3 pH + n log10[(HA)2]free + log10 K_ex, n shared by the rare earths (mass "
                    + "action: n = 3),\n  with the balances of RE3+ + 3 (HA)2 = RE(HA2)3 + 3 H+;\n"
                    : "Model: RE3+ + 3 (HA)2 = RE(HA2)3 + 3 H+, D = K_ex [(HA)2]free^3 / [H+]^3 (docs/mass-action.md);\n");
            if (fit.cationConstant() != null) {
                b.append("  M+ + 1/2 (HA)2 = MA + H+ with K_M fitted from the saponified rows;\n");
            }
            b.append("  each experiment is one equilibrium stage at its O/A with the full RE, acid and extractant\n");
            b.append("  balances; extractant as dimer = half the monomer column (docs/fit.md).\n");
        }
        b.append(f("Data: %d rows read, %d used, %d points (experiment, rare earth) with D > 0%n",
                sel.data().rows().size(), sel.rows().size(), fit.pointCount()));
        for (String s : sel.leftOut()) {
            b.append("  ").append(s).append('\n');
        }
        b.append(f("Fit: weighted Levenberg-Marquardt on log10 D in %s; %s, %d degrees of freedom, "
                + "%d iterations%n", parameterWords(law) + sharedWords(fit), fit.parameters().size() + (fit.parameters().size() == 1 ? " parameter" : " parameters"), sol.dof(),
                sol.iterations()));
        b.append(f("  RMS log10 D %.4f over all points; residual SD for weight 1 %.4f%n", fit.rmsLog10D(),
                sol.sigma()));
        withinExperiments(b, fit.points());
        b.append('\n');
        if (law == MassActionFit.Law.CORRELATION) {
            correlationTables(b, fit);
        } else if (law == MassActionFit.Law.SEPARATION_FACTORS) {
            separationFactorTable(b, fit);
        } else {
            logParameterTables(b, fit, law == MassActionFit.Law.MASS_ACTION);
        }
        sharedTable(b, fit);
        largest(b, fit);
        return b.toString();
    }

    /** The shared parameters fitted, as words appended to {@link #parameterWords}. */
    private static String sharedWords(FitResult fit) {
        return (fit.cationConstant() != null ? ", ln K_M" : "") + (fit.stoichiometry() != null
                ? ", the shared stoichiometry n" : "");
    }

    /** K_M and n when fitted: shared by every rare earth, with their standard errors and intervals. */
    private static void sharedTable(StringBuilder b, FitResult fit) {
        FitResult.Parameter km = fit.cationConstant();
        FitResult.Parameter n = fit.stoichiometry();
        if (km == null && n == null) {
            return;
        }
        WeightedLeastSquares.Solution sol = fit.solution();
        b.append('\n').append(f("Shared by all rare earths (95 %% interval: ± t = %.4f standard errors; of ln K_M for "
                + "K_M)%n", sol.t975()));
        b.append(f("%-44s %12s %11s %27s%n", "parameter", "estimate", "SE", "95 % interval"));
        if (km != null) {
            b.append(f("%-44s %12.5g %11.4g %13.5g … %-11.5g%n", "K_M (M+ + 1/2 (HA)2 = MA + H+); SE of ln", km.value(),
                    km.standardError(), km.valueLow(), km.valueHigh()));
        }
        if (n != null) {
            b.append(f("%-44s %12.5g %11.4g %13.5g … %-11.5g%n", "n, dimers in log10 D = 3 pH + n log10 e + c",
                    n.value(), n.standardError(), n.valueLow(), n.valueHigh()));
            boolean inside = n.valueLow() <= MassActionEquilibrium.MASS_ACTION_SLOPE
                    && MassActionEquilibrium.MASS_ACTION_SLOPE <= n.valueHigh();
            b.append(inside ? "  n = 3 (mass action, RE3+ + 3 (HA)2) lies inside the interval: the data do not tell "
                    + "the stoichiometry from 3\n" : "  n = 3 (mass action, RE3+ + 3 (HA)2) lies outside the interval\n");
        }
    }

    private static String parameterWords(MassActionFit.Law law) {
        return switch (law) {
            case MASS_ACTION -> "ln K_ex";
            case CORRELATION -> "a, b, c of log10 D = a pH + b log10 e + c";
            case CONSTANT_DISTRIBUTION -> "ln D";
            case SEPARATION_FACTORS -> "ln beta, one level per experiment eliminated (counted in the degrees of "
                    + "freedom)";
        };
    }

    /** The separation factors of a constant-β fit, with their intervals and correlations. */
    private static void separationFactorTable(StringBuilder b, FitResult fit) {
        WeightedLeastSquares.Solution sol = fit.solution();
        List<String> el = fit.selection().elements();
        b.append(f("Separation factors beta = D/D(%s) (95 %% interval: ln beta ± t = %.4f standard errors, %d degrees "
                + "of freedom)%n", fit.reference(), sol.t975(), sol.dof()));
        b.append(f("%-10s %6s %10s %13s %25s %13s%n", "pair", "points", "beta", "SE(ln beta)", "95 % interval",
                "RMS log10 D"));
        for (FitResult.Parameter p : fit.betas()) {
            int k = el.indexOf(p.element());
            b.append(f("%-10s %6d %10.4f %13.4g %11.4f … %-11.4f %13.4f%n", p.element() + "/" + fit.reference(),
                    fit.count(k), p.value(), p.standardError(), p.valueLow(), p.valueHigh(), fit.rmsLog10D(k)));
        }
        int ref = el.indexOf(fit.reference());
        b.append(f("%-10s %6d %10s %13s %25s %13.4f%n", fit.reference() + " (ref.)", fit.count(ref), "1", "", "",
                fit.rmsLog10D(ref)));
        if (fit.betas().size() > 1) {
            b.append('\n').append("Correlation of the ln beta\n");
            correlationMatrix(b, fit);
        }
    }

    /** The correlation's slopes and intercepts, RMS per rare earth and the correlation matrix. */
    private static void correlationTables(StringBuilder b, FitResult fit) {
        WeightedLeastSquares.Solution sol = fit.solution();
        List<String> el = fit.selection().elements();
        b.append(f("Correlation log10 D = a pH + b log10 e + c (95 %% interval: ± t = %.4f standard errors, %d degrees "
                + "of freedom)%n", sol.t975(), sol.dof()));
        b.append(f("%-8s %6s %-6s %12s %11s %27s %13s%n", "element", "points", "", "estimate", "SE",
                "95 % interval", "RMS log10 D"));
        List<FitResult.Parameter> perElement = fit.elementParameters();
        for (int q = 0; q < perElement.size(); q++) {
            FitResult.Parameter p = perElement.get(q);
            int k = q / 3;
            b.append(f("%-8s %6s %-6s %12.5g %11.4g %13.5g … %-11.5g %13s%n", q % 3 == 0 ? el.get(k) : "",
                    q % 3 == 0 ? String.valueOf(fit.count(k)) : "", "abc".substring(q % 3, q % 3 + 1), p.estimate(),
                    p.standardError(), p.low(), p.high(), q % 3 == 0 ? f("%.4f", fit.rmsLog10D(k)) : ""));
        }
        b.append('\n').append("Correlation of the parameters\n");
        correlationMatrix(b, fit);
        b.append("Separation factors vary with pH and free extractant when the slopes differ: not reported.\n");
    }

    private static void correlationMatrix(StringBuilder b, FitResult fit) {
        List<String> labels = fit.parameters().stream().map(FitReport::shortName).toList();
        b.append(f("%-8s", ""));
        for (String l : labels) {
            b.append(f(" %8s", l));
        }
        b.append('\n');
        correlationRows(b, fit.solution(), labels, 8);
    }

    /** One row per parameter: its label, left-aligned in {@code width}, and its correlations. */
    private static void correlationRows(StringBuilder b, WeightedLeastSquares.Solution sol, List<String> labels,
                                        int width) {
        for (int k = 0; k < labels.size(); k++) {
            b.append(f("%-" + width + "s", labels.get(k)));
            for (int l = 0; l < labels.size(); l++) {
                double c = sol.correlation(k, l);
                b.append(f(" %8.4f", Math.abs(c) < 5e-5 ? 0.0 : c)); // no "-0.0000"
            }
            b.append('\n');
        }
    }

    /** The correlation matrix of the first {@code count} parameters as JSON rows. */
    private static void putCorrelations(ArrayNode matrix, WeightedLeastSquares.Solution sol, int count) {
        for (int k = 0; k < count; k++) {
            ArrayNode row = matrix.addArray();
            for (int l = 0; l < count; l++) {
                row.add(sol.correlation(k, l));
            }
        }
    }

    /** Nd for ln K_ex(Nd), a(Nd) for the correlation's slope, K_M and n for the shared ones. */
    private static String shortName(FitResult.Parameter p) {
        return p.element() == null ? p.quantity() : p.logarithmic() ? p.element() : p.name();
    }

    /** The table of K_ex (mass action) or of D (constant distribution), their correlations and β. */
    private static void logParameterTables(StringBuilder b, FitResult fit, boolean massAction) {
        WeightedLeastSquares.Solution sol = fit.solution();
        List<String> el = fit.selection().elements();
        String x = massAction ? "K_ex" : "D";
        b.append(f("%s (95 %% interval: ln %s ± t = %.4f standard errors, %d degrees of freedom)%n",
                massAction ? "Exchange constants" : "Distribution ratios", x, sol.t975(), sol.dof()));
        b.append(f("%-8s %6s %12s %11s %27s %13s%n", "element", "points", x, "SE(ln " + x + ")",
                "95 % interval of " + x, "RMS log10 D"));
        for (int k = 0; k < el.size(); k++) {
            FitResult.Parameter p = fit.parameters().get(k);
            b.append(f("%-8s %6d %12.5g %11.4g %13.5g … %-11.5g %13.4f%n", el.get(k), fit.count(k), p.value(),
                    p.standardError(), p.valueLow(), p.valueHigh(), fit.rmsLog10D(k)));
        }
        if (fit.parameters().size() > 1) {
            b.append('\n').append("Correlation of the ln ").append(x).append(fit.parameters().size() > el.size()
                    ? " and the shared parameters" : "").append('\n');
            correlationMatrix(b, fit);
        }
        if (el.size() > 1) {
            b.append('\n');
            b.append("Separation factors beta = ").append(x).append(" / ").append(x).append('(')
                    .append(fit.reference()).append(massAction ? "): D_i/D_ref on every stage of a mass-action cascade\n"
                            : "): the ratio of the constant D\n");
            b.append(f("%-10s %10s %13s %25s%n", "pair", "beta", "SE(ln beta)", "95 % interval"));
            for (FitResult.Parameter p : fit.betas()) {
                b.append(f("%-10s %10.4f %13.4g %11.4f … %-11.4f%n", p.element() + "/" + fit.reference(), p.value(),
                        p.standardError(), p.valueLow(), p.valueHigh()));
            }
        }
    }

    private static void largest(StringBuilder b, FitResult fit) {
        boolean noPH = java.util.Arrays.stream(fit.pH()).allMatch(Double::isNaN);
        b.append('\n').append(f("Largest residuals (log10 D, predicted − measured; pH at equilibrium as %s)%n",
                noPH ? "a mass-action fit of the same points would compute it: not known, that fit did not succeed "
                        + "(e.g. saponified rows need --cation-exchange-constant)"
                        : fit.model().equals(MassActionFit.Law.CONSTANT_DISTRIBUTION.label())
                        || fit.model().equals(MassActionFit.Law.SEPARATION_FACTORS.label()) ? "the mass-action fit computes it"
                        : "fitted"));
        b.append(f("%-14s %5s %-8s %9s %10s %9s %6s%n", "experiment", "line", "element", "measured", "predicted",
                "residual", "pH"));
        List<FitResult.Residual> largest = fit.largestResiduals(LARGEST);
        for (FitResult.Residual r : largest) {
            int i = indexOf(fit, r);
            double pH = fit.pH()[i];
            b.append(f("%-14s %5d %-8s %9.4f %10.4f %+9.4f %6s%n", r.experimentId(), r.line(), r.element(),
                    r.measured(), r.predicted(), r.residual(), Double.isNaN(pH) ? "-" : f("%.2f", pH)));
        }
    }

    private static int indexOf(FitResult fit, FitResult.Residual r) {
        for (int i = 0; i < fit.pointCount(); i++) {
            FitResult.Residual s = fit.residual(i);
            if (s.line() == r.line() && s.element().equals(r.element())) {
                return i;
            }
        }
        throw new IllegalStateException("no such point");
    }

    /** The JSON document of {@code --json}. */
    public static ObjectNode json(FitResult fit) {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        ShakeoutSelection sel = fit.selection();
        WeightedLeastSquares.Solution sol = fit.solution();
        List<String> el = sel.elements();
        ObjectNode root = nf.objectNode();
        root.put("command", "fit");
        root.put("model", fit.model());
        root.put("file", sel.data().file());
        ObjectNode data = root.putObject("data");
        data.put("rowsRead", sel.data().rows().size());
        data.put("rowsUsed", sel.rows().size());
        data.put("points", fit.pointCount());
        ArrayNode left = data.putArray("leftOut");
        sel.leftOut().forEach(left::add);
        ObjectNode fitNode = root.putObject("fit");
        MassActionFit.Law law = MassActionFit.Law.of(fit.model());
        fitNode.put("method", "weighted Levenberg-Marquardt on log10 D, parameters " + parameterWords(law)
                + sharedWords(fit));
        fitNode.put("degreesOfFreedom", sol.dof());
        fitNode.put("t975", sol.t975());
        fitNode.put("iterations", sol.iterations());
        fitNode.put("residualSdLog10D", sol.sigma());
        fitNode.put("rmsLog10D", fit.rmsLog10D());
        putWithinExperiments(fitNode, fit.points());
        ArrayNode params = root.putArray("parameters");
        if (law == MassActionFit.Law.SEPARATION_FACTORS) {
            for (FitResult.Parameter p : fit.betas()) {
                int k = el.indexOf(p.element());
                ObjectNode o = interval(params.addObject(), p, "separationFactor");
                o.put("lnSeparationFactor", p.estimate());
                o.put("points", fit.count(k));
                o.put("rmsLog10D", fit.rmsLog10D(k));
            }
        } else if (law != MassActionFit.Law.CORRELATION) {
            boolean massAction = law == MassActionFit.Law.MASS_ACTION;
            for (int k = 0; k < el.size(); k++) {
                FitResult.Parameter p = fit.parameters().get(k);
                ObjectNode o = interval(params.addObject(), p, massAction ? "exchangeConstant" : "distributionRatio");
                o.put(massAction ? "lnExchangeConstant" : "lnDistributionRatio", p.estimate());
                o.put("points", fit.count(k));
                o.put("rmsLog10D", fit.rmsLog10D(k));
            }
        } else {
            for (int k = 0; k < el.size(); k++) {
                ObjectNode o = params.addObject();
                o.put("element", el.get(k));
                for (int q = 3 * k; q < 3 * k + 3; q++) {
                    interval(o.putObject(fit.parameters().get(q).quantity()), fit.parameters().get(q), "value")
                            .remove("element");
                }
                o.put("points", fit.count(k));
                o.put("rmsLog10D", fit.rmsLog10D(k));
            }
        }
        FitResult.Parameter km = fit.cationConstant();
        if (km != null) {
            ObjectNode o = interval(root.putObject("cationExchangeConstant"), km, "value");
            o.remove("element");
            o.put("lnValue", km.estimate());
        }
        FitResult.Parameter stoichiometry = fit.stoichiometry();
        if (stoichiometry != null) {
            interval(root.putObject("stoichiometry"), stoichiometry, "value").remove("element");
        }
        ObjectNode corr = root.putObject("correlation");
        ArrayNode names = corr.putArray("parameters");
        ArrayNode matrix = corr.putArray("matrix");
        for (int k = 0; k < fit.parameters().size(); k++) {
            FitResult.Parameter p = fit.parameters().get(k);
            names.add(p.element() == null ? (p.logarithmic() ? "ln" : "") + p.quantity() : switch (law) {
                case MASS_ACTION -> "lnK_ex(" + p.element() + ")";
                case CONSTANT_DISTRIBUTION -> "lnD(" + p.element() + ")";
                case SEPARATION_FACTORS -> "lnBeta(" + p.element() + "/" + fit.reference() + ")";
                case CORRELATION -> p.name();
            });
        }
        putCorrelations(matrix, sol, fit.parameters().size());
        ObjectNode sf = root.putObject("separationFactors");
        sf.put("reference", fit.reference());
        ArrayNode betas = sf.putArray("values");
        for (FitResult.Parameter p : fit.betas()) {
            interval(betas.addObject(), p, "beta");
        }
        ArrayNode res = root.putArray("largestResiduals");
        for (FitResult.Residual r : fit.largestResiduals(LARGEST)) {
            ObjectNode o = res.addObject();
            o.put("experimentId", r.experimentId());
            o.put("line", r.line());
            o.put("element", r.element());
            o.put("measuredLog10D", r.measured());
            o.put("predictedLog10D", r.predicted());
            o.put("residual", r.residual());
        }
        return root;
    }

    /**
     * Puts a quantity's element, value (under {@code key}), standard error (of its ln when it is
     * fitted in ln) and 95 % interval into o.
     */
    private static ObjectNode interval(ObjectNode o, FitResult.Parameter p, String key) {
        o.put("element", p.element());
        o.put(key, p.value());
        o.put(p.logarithmic() ? "standardErrorLn" : "standardError", p.standardError());
        ArrayNode ci = o.putArray("ci95");
        ci.add(p.valueLow());
        ci.add(p.valueHigh());
        return o;
    }

    /**
     * The fitted {@code components} block of a {@code model: mass-action} case, as a commented YAML
     * fragment: a full case needs the plant's extractant, feed, cascade and flows, which the data
     * do not give.
     *
     * @param command the command line that made it, for the header comment
     */
    public static String caseFragment(FitResult fit, String command) {
        StringBuilder b = new StringBuilder();
        MassActionFit.Law law = MassActionFit.Law.of(fit.model());
        boolean constantD = law == MassActionFit.Law.CONSTANT_DISTRIBUTION;
        boolean beta = law == MassActionFit.Law.SEPARATION_FACTORS;
        FitResult.Parameter n = fit.stoichiometry();
        FitResult.Parameter km = fit.cationConstant();
        b.append(switch (law) {
            case MASS_ACTION -> n != null ? "# Exchange constants with a shared stoichiometry n, as correlations "
                    + "log10 D = 3 pH + n log10 e + log10 K_ex," : "# Mass-action exchange constants";
            case CONSTANT_DISTRIBUTION -> "# Constant distribution ratios";
            case SEPARATION_FACTORS -> "# Separation factors";
            case CORRELATION -> "# Correlations log10 D = a pH + b log10 e + c";
        }).append(" fitted by sxcascade fit (docs/fit.md) to ")
                .append(fit.selection().data().file()).append('\n');
        b.append("#   ").append(command).append('\n');
        b.append(f("#   %d points, RMS log10 D %.4f%s%n", fit.pointCount(), fit.rmsLog10D(),
                constantD || beta ? "" : "; [H+] and [(HA)2] in mol/L, extractant as dimer"));
        if (beta) {
            b.append("# A fragment, not a whole case: put it in a case with model: separation-factors, which also\n");
            b.append("# needs feed, cascade and flows (docs/case-format.md). Constant beta holds only near the data's\n");
            b.append("# conditions (acidity, loading).\n");
        } else if (constantD) {
            b.append("# A fragment, not a whole case: put it in a case with model: distribution-ratios, which also\n");
            b.append("# needs feed, cascade and flows (docs/case-format.md). D holds only near the data's conditions.\n");
        } else {
            b.append("# A fragment, not a whole case: put it in a case with model: mass-action, which also needs\n");
            b.append("# the plant's extractant (concentration as dimer, cation, cationExchangeConstant), feed, cascade\n");
            b.append("# and flows (docs/mass-action.md, \"Case format\").\n");
        }
        for (FitResult.Parameter p : fit.betas()) {
            b.append(f("#   beta(%s/%s) = %.4f, 95 %% interval %.4f … %.4f%n", p.element(), fit.reference(), p.value(),
                    p.valueLow(), p.valueHigh()));
        }
        if (n != null) {
            b.append(f("#   n = %.6f, 95 %% interval %.4f … %.4f (mass action: 3); its uncertainty is not in the "
                    + "uncertainty block%n", n.value(), n.valueLow(), n.valueHigh()));
        }
        if (km != null) {
            b.append(f("#   K_M fitted = %.6g, 95 %% interval %.5g … %.5g (for the data's cation): set the case's%n"
                    + "#   extractant.cationExchangeConstant to it if its cation is the same%n", km.value(),
                    km.valueLow(), km.valueHigh()));
        }
        b.append("components:\n");
        String uncertainty = law == MassActionFit.Law.CORRELATION ? "" : uncertaintyBlock(fit);
        if (beta) {
            List<String> el = fit.selection().elements();
            for (String e : el) {
                FitResult.Parameter p = fit.betas().stream().filter(q -> q.element().equals(e)).findFirst().orElse(null);
                b.append(p == null ? f("  - name: %s%n    separationFactor: 1   # the reference%n", e)
                        : f("  - name: %s%n    separationFactor: %.10g   # 95 %% interval %.5g … %.5g%n", e, p.value(),
                        p.valueLow(), p.valueHigh()));
            }
            return b.append(uncertainty).toString();
        }
        if (n != null) { // the engine's correlation with a = 3, b = n, c = log10 K_ex
            for (FitResult.Parameter p : fit.elementParameters()) {
                b.append(f("  - name: %s   # K_ex %.6g, 95 %% interval %.5g … %.5g%n", p.element(), p.value(),
                        p.valueLow(), p.valueHigh()));
                b.append(f("    correlation: {pHSlope: 3, dimerSlope: %.10g, intercept: %.10g}%n", n.value(),
                        p.estimate() / Math.log(10)));
            }
            return b.append(uncertainty).toString();
        }
        if (law != MassActionFit.Law.CORRELATION) {
            for (FitResult.Parameter p : fit.elementParameters()) {
                b.append(f("  - name: %s%n    %s: %.10g   # 95 %% interval %.5g … %.5g%n", p.element(),
                        constantD ? "distributionRatio" : "exchangeConstant", p.value(), p.valueLow(), p.valueHigh()));
            }
            return b.append(uncertainty).toString();
        }
        List<FitResult.Parameter> ps = fit.elementParameters();
        for (int q = 0; q < ps.size(); q += 3) {
            b.append(f("  - name: %s   # 95 %% intervals: a %.4g … %.4g, b %.4g … %.4g, c %.4g … %.4g%n",
                    ps.get(q).element(), ps.get(q).low(), ps.get(q).high(), ps.get(q + 1).low(), ps.get(q + 1).high(),
                    ps.get(q + 2).low(), ps.get(q + 2).high()));
            b.append(f("    correlation: {pHSlope: %.10g, dimerSlope: %.10g, intercept: %.10g}%n", ps.get(q).estimate(),
                    ps.get(q + 1).estimate(), ps.get(q + 2).estimate()));
        }
        return b.toString();
    }

    /** The readable report of a stage-sample fit ({@link StageSampleFit}), with units. */
    public static String text(StageSampleFit.Result r) {
        StringBuilder b = new StringBuilder();
        WeightedLeastSquares.Solution sol = r.solution();
        StageSampleData data = r.data();
        long organic = data.samples().stream().filter(StageSample::organic).count();
        b.append("Stage-sample fit: ").append(data.file()).append(" against the case \"").append(r.caseName())
                .append("\" (model ").append(r.model()).append(")\n");
        b.append("Model: the whole cascade solved at every trial (the engine of simulate); log10 of each amount\n");
        b.append("  measured, each sample at its own level: only the ratios between its components count\n");
        b.append(f("Data: %d samples (%d aqueous, %d organic) in %s, %d used (two or more components above 0), "
                + "%d points%n", data.samples().size(), data.samples().size() - organic, organic, data.unit(),
                r.samplesUsed(), r.residuals().size()));
        b.append(f("Fit: weighted Levenberg-Marquardt; %d field%s and %d sample levels, %d degrees of freedom, "
                + "%d iterations, %d cascade solves%n", r.fields().size(), r.fields().size() == 1 ? "" : "s",
                r.samplesUsed(), sol.dof(), sol.iterations(), r.solves()));
        b.append(f("  RMS log10 amount %.4f over all points; residual SD for weight 1 %.4f%n", r.rmsLog10(),
                sol.sigma()));
        b.append('\n').append(f("Fitted fields (95 %% interval: ± t = %.4f standard errors of ln, or of logit for "
                + "efficiencies)%n", sol.t975()));
        int width = Math.max(5, r.fields().stream().mapToInt(x -> x.path().length()).max().orElse(5));
        b.append(f("%-" + width + "s %12s %12s %25s %10s%n", "field", "case", "fitted", "95 % interval", "SE"));
        for (StageSampleFit.Field x : r.fields()) {
            b.append(f("%-" + width + "s %12.6g %12.6g %12.6g … %-10.6g %10.4g%n", x.path(), x.caseValue(), x.value(),
                    x.low(), x.high(), x.standardError()));
        }
        if (r.fields().size() > 1) {
            b.append('\n').append("Correlation of the fitted parameters\n");
            correlationRows(b, sol, r.fields().stream().map(StageSampleFit.Field::path).toList(), width);
        }
        b.append('\n').append("Largest residuals (log10 amount, predicted − measured, at the sample's level)\n");
        b.append(f("%-12s %5s %5s %-8s %-10s %9s %10s %9s%n", "sample", "line", "stage", "phase", "component",
                "measured", "predicted", "residual"));
        for (StageSampleFit.Residual x : r.largestResiduals(LARGEST)) {
            b.append(f("%-12s %5d %5d %-8s %-10s %9.4f %10.4f %+9.4f%n", x.sample(), x.line(), x.stage(), x.phase(),
                    x.component(), x.measured(), x.predicted(), x.residual()));
        }
        return b.toString();
    }

    /** The JSON document of {@code fit --stage-samples --json}. */
    public static ObjectNode json(StageSampleFit.Result r) {
        JsonNodeFactory nf = JsonNodeFactory.instance;
        WeightedLeastSquares.Solution sol = r.solution();
        ObjectNode root = nf.objectNode();
        root.put("command", "fit");
        root.put("kind", "stage-samples");
        root.put("file", r.data().file());
        root.put("case", r.caseName());
        root.put("model", r.model());
        ObjectNode data = root.putObject("data");
        data.put("samples", r.data().samples().size());
        data.put("samplesUsed", r.samplesUsed());
        data.put("points", r.residuals().size());
        data.put("unit", r.data().unit());
        ObjectNode fitNode = root.putObject("fit");
        fitNode.put("degreesOfFreedom", sol.dof());
        fitNode.put("t975", sol.t975());
        fitNode.put("iterations", sol.iterations());
        fitNode.put("solves", r.solves());
        fitNode.put("residualSdLog10", sol.sigma());
        fitNode.put("rmsLog10", r.rmsLog10());
        ArrayNode fields = root.putArray("fields");
        for (StageSampleFit.Field x : r.fields()) {
            ObjectNode o = fields.addObject();
            o.put("path", x.path());
            o.put("caseValue", x.caseValue());
            o.put("value", x.value());
            o.put("scale", x.scale());
            o.put("standardError", x.standardError());
            ArrayNode ci = o.putArray("ci95");
            ci.add(x.low());
            ci.add(x.high());
        }
        putCorrelations(root.putObject("correlation").putArray("matrix"), sol, r.fields().size());
        ArrayNode res = root.putArray("largestResiduals");
        for (StageSampleFit.Residual x : r.largestResiduals(LARGEST)) {
            ObjectNode o = res.addObject();
            o.put("sample", x.sample());
            o.put("line", x.line());
            o.put("stage", x.stage());
            o.put("phase", x.phase());
            o.put("component", x.component());
            o.put("measuredLog10", x.measured());
            o.put("predictedLog10", x.predicted());
            o.put("residual", x.residual());
        }
        return root;
    }

    /**
     * The {@code uncertainty} block of a case with the fitted constants: the covariance of their
     * ln (K_ex, D, or β of every rare earth but the reference), so that {@code --uncertainty} draws
     * them as the fit knows them, correlations included (docs/design.md, "Uncertainty").
     */
    private static String uncertaintyBlock(FitResult fit) {
        List<FitResult.Parameter> ps = fit.model().equals(MassActionFit.Law.SEPARATION_FACTORS.label()) ? fit.betas()
                : fit.elementParameters();
        double[][] v = fit.solution().covariance();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < ps.size(); k++) {
            if (!(v[k][k] <= org.sxcascade.model.Uncertainty.MAX_VARIANCE)) {
                // a case's uncertainty section takes σ of ln up to 1 (a factor e): a fit this loose is not drawn
                return f("# no uncertainty block: the fit's standard error of ln %s is %.3g, above the %.0f a case "
                        + "file takes (a factor e); the data cannot pin it down%n", ps.get(k).element(),
                        Math.sqrt(v[k][k]), Math.sqrt(org.sxcascade.model.Uncertainty.MAX_VARIANCE));
            }
        }
        b.append("uncertainty:   # the fit's covariance of the ln of these constants: --uncertainty draws them with it\n");
        b.append("  covariance:\n    components: [");
        for (int k = 0; k < ps.size(); k++) {
            b.append(k == 0 ? "" : ", ").append(ps.get(k).element());
        }
        b.append("]\n    matrix:\n");
        for (int k = 0; k < ps.size(); k++) {
            b.append("      - [");
            for (int l = 0; l < ps.size(); l++) {
                b.append(l == 0 ? "" : ", ").append(f("%.10g", v[k][l]));
            }
            b.append("]\n");
        }
        return b.toString();
    }
}
