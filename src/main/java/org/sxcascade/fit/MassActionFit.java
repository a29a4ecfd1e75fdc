package org.sxcascade.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sxcascade.equilibrium.BatchContact;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.InvalidInputException;

/**
 * Fits the exchange constant K_ex of each rare earth of the mass-action model
 * ({@code RE³⁺ + 3(HA)₂ ⇌ RE(HA₂)₃ + 3H⁺}, {@code D = K_ex e³/h³}, docs/mass-action.md) to shake-out
 * data. Every experiment is solved as one equilibrium stage ({@link BatchContact}) with the
 * equilibrium code the cascades use, at its own extractant concentration (as dimer, half the
 * monomer concentration of the data), O/A, saponification and initial acid, all its rare earths
 * together; the parameters are ln K_ex and the residuals are log10 D predicted − log10 D
 * measured, weighted by the rows' weights ({@link WeightedLeastSquares}).
 *
 * <p>The same contacts and least squares fit the engine's empirical correlation and, as a
 * baseline without chemistry, a constant D per rare earth ({@link Law}). Optionally the cation
 * constant K_M and one extractant stoichiometry n shared by the rare earths are fitted with the
 * K_ex ({@link Shared}).
 */
public final class MassActionFit {
    private static final double LN10 = Math.log(10);

    /** The distribution law fitted; both use the mass-action stoichiometry and balances. */
    public enum Law {
        /** {@code D_j = K_j e³/h³}: one parameter ln K_j per rare earth. */
        MASS_ACTION("mass-action"),
        /**
         * {@code log10 D_j = a_j·pH + b_j·log10 e + c_j} (docs/mass-action.md, "Empirical
         * correlations"): three parameters a_j, b_j, c_j per rare earth.
         */
        CORRELATION("correlation"),
        /**
         * A constant distribution ratio D_j per rare earth, whatever the acidity and loading (the
         * model of {@code model: distribution-ratios} cases): one parameter ln D_j per rare earth,
         * the baseline that shows what the chemistry of the other two laws buys.
         */
        CONSTANT_DISTRIBUTION("constant-distribution"),
        /**
         * Xu's constant separation factors (the model of {@code model: separation-factors} cases):
         * {@code D_j = β_j · L_r} in experiment r, one parameter ln β_j per rare earth but the
         * reference (β = 1), with the experiment's level ln L_r fitted with them. Only the ratios
         * of D within an experiment count, so only experiments with two or more fitted rare
         * earths are used.
         */
        SEPARATION_FACTORS("separation-factors");

        private final String label;

        Law(String label) {
            this.label = label;
        }

        /** The name used on the command line and in outputs. */
        public String label() {
            return label;
        }

        /** The law of a label, or null. */
        public static Law of(String label) {
            for (Law l : values()) {
                if (l.label.equals(label)) {
                    return l;
                }
            }
            return null;
        }

        /** The {@code model} of the case its fitted components go into ({@code --case-out}). */
        public String caseModel() {
            return switch (this) {
                case CONSTANT_DISTRIBUTION -> "distribution-ratios";
                case SEPARATION_FACTORS -> "separation-factors";
                default -> "mass-action";
            };
        }

        /** The components' key of its fitted quantity in a case ({@code null} for the correlation's three). */
        public String caseKey() {
            return switch (this) {
                case CONSTANT_DISTRIBUTION -> "distributionRatio";
                case SEPARATION_FACTORS -> "separationFactor";
                case MASS_ACTION -> "exchangeConstant";
                case CORRELATION -> null;
            };
        }

        /**
         * The law that fits a case of a model with one number per component: separation factors,
         * distribution ratios or exchange constants.
         */
        public static Law forCaseModel(String model) {
            return "mass-action".equals(model) ? MASS_ACTION : "distribution-ratios".equals(model)
                    ? CONSTANT_DISTRIBUTION : SEPARATION_FACTORS;
        }

        /** Parameters per rare earth. */
        int perElement() {
            return this == CORRELATION ? 3 : 1;
        }
    }

    private MassActionFit() {
    }

    /**
     * Fits the selection with the given law. The correlation starts from the mass-action fit
     * (a = b = 3, c = log10 K_ex), so the two are compared on the same points.
     */
    public static FitResult fit(ShakeoutSelection sel, Law law, double cationExchangeConstant, String reference) {
        return fit(sel, law, cationExchangeConstant, reference, Shared.NONE);
    }

    /**
     * Parameters of the chemistry shared by every rare earth, fitted besides the per-element ones
     * ({@code fit --fit-cation-constant}, {@code --fit-stoichiometry}; docs/fit.md, "The cation
     * constant and the stoichiometry").
     *
     * @param cationConstant ln K_M of the saponifying cation ({@code M⁺ + ½(HA)₂ ⇌ MA + H⁺}) is fitted,
     *                       for mass action or the correlation: it needs saponified rows
     * @param stoichiometry  one extractant stoichiometry n shared by all rare earths is fitted, for
     *                       mass action: {@code log10 D_j = 3 pH + n log10 e + log10 K_j} (the engine's
     *                       correlation with a_j = 3 and b_j = n; n = 3 is mass action)
     */
    public record Shared(boolean cationConstant, boolean stoichiometry) {
        /** Nothing shared fitted: K_M given, n = 3. */
        public static final Shared NONE = new Shared(false, false);

        /** Whether anything is fitted besides the per-element parameters. */
        public boolean any() {
            return cationConstant || stoichiometry;
        }
    }

    /**
     * A shared parameter whose estimate correlates with another's beyond this (in magnitude) is
     * refused as not identifiable: the other parameters nearly mimic it (variance inflated over
     * 5000-fold), e.g. n from rows at one extractant concentration and trace loading, where the free
     * dimer is the same in every row.
     */
    public static final double MAX_SHARED_CORRELATION = 0.9999;

    /** The K_M a fit of the cation constant starts from when none is given (that of the bundled cases). */
    public static final double DEFAULT_CATION_CONSTANT = 1e-3;

    /**
     * Fits the selection with the given law and, optionally, the shared K_M and stoichiometry n
     * ({@link Shared}). The correlation starts from the mass-action fit (a = b = 3, c = log10 K_ex).
     *
     * @param cationExchangeConstant K_M given (NaN if not); with {@code shared.cationConstant()} the start
     *                               of its fit ({@link #DEFAULT_CATION_CONSTANT} if not given)
     * @throws InvalidInputException a shared parameter the law has not (exit 2), K_M fitted without
     *                               saponified rows, or parameters the data cannot tell apart
     */
    public static FitResult fit(ShakeoutSelection sel, Law law, double cationExchangeConstant, String reference,
                                Shared shared) {
        if (shared.cationConstant() && law != Law.MASS_ACTION && law != Law.CORRELATION) {
            throw new InvalidInputException("--fit-cation-constant", "given with --model " + law.label(),
                    "only with --model mass-action or correlation: the " + law.label() + " law has no chemistry "
                            + "in which K_M acts");
        }
        if (shared.stoichiometry() && law != Law.MASS_ACTION) {
            throw new InvalidInputException("--fit-stoichiometry", "given with --model " + law.label(),
                    "only with --model mass-action" + (law == Law.CORRELATION ? " (the correlation already "
                            + "fits a dimer slope b per rare earth)" : ": the " + law.label() + " law has no "
                            + "extractant dependence"));
        }
        if (law == Law.SEPARATION_FACTORS) {
            return separationFactors(sel, cationExchangeConstant, reference);
        }
        if (shared.any() && law == Law.MASS_ACTION) {
            return withShared(sel, cationExchangeConstant, reference, shared);
        }
        FitResult massAction = shared.cationConstant()
                ? withShared(sel, cationExchangeConstant, reference, new Shared(true, false))
                : fit(sel, cationExchangeConstant, reference);
        return law == Law.MASS_ACTION ? massAction : law == Law.CORRELATION
                ? correlation(sel, massAction, cationExchangeConstant) : constantDistribution(sel, massAction);
    }

    /**
     * Mass action with ln K_M and/or a shared stoichiometry n fitted besides ln K_ex: parameters
     * (ln K_1 … ln K_p, [ln K_M], [n]), the same contacts and least squares. K_M is identifiable only
     * from saponified rows (refused without them); whether the data tell n and K_M from the K_ex is
     * the Jacobian's verdict ({@link WeightedLeastSquares}: refused with the most correlated pair).
     */
    private static FitResult withShared(ShakeoutSelection sel, double km, String reference, Shared shared) {
        List<String> elements = sel.elements();
        int p = elements.size();
        int ref = referenceIndex(elements, reference);
        double km0;
        if (shared.cationConstant()) {
            requireSaponifiedRows(sel);
            km0 = km > 0 && Double.isFinite(km) ? km : DEFAULT_CATION_CONSTANT;
        } else {
            km0 = cationConstant(sel, km, "--cation-exchange-constant");
        }
        Contacts contacts = new Contacts(sel, km0, MassActionEquilibrium.MASS_ACTION_SLOPE, Law.MASS_ACTION, shared);
        double[] target = measuredLog10D(sel);
        double[] start = Arrays.copyOf(contacts.start(), contacts.parameterCount());
        String[] names = new String[start.length];
        for (int k = 0; k < p; k++) {
            names[k] = "ln K_ex(" + elements.get(k) + ")";
        }
        int q = p;
        if (shared.cationConstant()) {
            names[q] = "ln K_M";
            start[q++] = Math.log(km0);
        }
        if (shared.stoichiometry()) {
            names[q] = "n";
            start[q] = MassActionEquilibrium.MASS_ACTION_SLOPE;
        }
        double[] weight = weights(sel);
        if (shared.stoichiometry()) { // before the iteration wanders along a direction the data do not fix
            WeightedLeastSquares.requireDistinguishable(contacts::predict, weight, start, names, names.length - 1,
                    MAX_SHARED_CORRELATION);
        }
        WeightedLeastSquares.Solution sol = WeightedLeastSquares.fit(contacts::predict, target, weight, start, names);
        WeightedLeastSquares.requireDistinguishable(sol.covariance(), names, p, MAX_SHARED_CORRELATION);
        double[] x = sol.parameters();
        if (shared.stoichiometry() && !MassActionEquilibrium.slopesAllowed(MassActionEquilibrium.MASS_ACTION_SLOPE,
                x[x.length - 1])) {
            throw new FitFailedException("the stoichiometry n ends outside the range the engine allows (n = "
                    + x[x.length - 1] + "; with the pH slope 3 it must be above 1.5, so that a < 2b, and at most 6): "
                    + "these data do not support it");
        }
        contacts.predict(x, null);
        List<FitResult.Parameter> params = new ArrayList<>(parameters(sol, Arrays.copyOf(names, p), elements, "K_ex"));
        addShared(params, sol, names, p);
        return new FitResult(Law.MASS_ACTION.label(), sel, params, sol, target, contacts.pointPH(),
                contacts.pointFreeDimer(), elements.get(ref), betas(sol, elements, ref));
    }

    /** The shared parameters (ln K_M, n), from index {@code from} of the solution on, with their intervals. */
    private static void addShared(List<FitResult.Parameter> params, WeightedLeastSquares.Solution sol,
                                  String[] names, int from) {
        double[] x = sol.parameters();
        for (int k = from; k < names.length; k++) {
            double se = sol.standardError(k);
            boolean cation = names[k].equals("ln K_M");
            params.add(new FitResult.Parameter(names[k], null, cation ? FitResult.CATION_CONSTANT
                    : FitResult.STOICHIOMETRY, x[k], se, x[k] - sol.t975() * se, x[k] + sol.t975() * se, cation));
        }
    }

    /**
     * K_M is the constant of one cation: saponified rows with two cation labels (Na and K, say) cannot
     * share one, given or fitted (exit 2, naming a row of each).
     */
    private static void requireOneCation(ShakeoutSelection sel, String option) {
        Shakeout first = null;
        for (Shakeout s : sel.rows()) {
            if (s.saponification() > 0) {
                if (first == null) {
                    first = s;
                } else if (!first.cation().equals(s.cation())) {
                    throw new InvalidInputException(option, "one K_M for the rows saponified with " + label(first)
                            + " (" + first.experimentId() + ", line " + first.line() + ") and with " + label(s) + " ("
                            + s.experimentId() + ", line " + s.line() + ")", "rows saponified with one cation: K_M "
                            + "of M+ + 1/2 (HA)2 = MA + H+ belongs to one cation; fit each cation's rows separately "
                            + "(select them with --sources, or split the file)");
                }
            }
        }
    }

    private static String label(Shakeout s) {
        return s.cation().isEmpty() ? "no cation label" : s.cation();
    }

    /** K_M is fitted only from rows whose extractant carries the cation. */
    private static void requireSaponifiedRows(ShakeoutSelection sel) {
        requireOneCation(sel, "--fit-cation-constant");
        for (Shakeout s : sel.rows()) {
            if (s.saponification() > 0) {
                return;
            }
        }
        throw new InvalidInputException("--fit-cation-constant", "given for " + sel.data().file() + ", whose "
                + sel.rows().size() + " row" + (sel.rows().size() == 1 ? "" : "s") + " used all have saponification 0",
                "data with saponified rows (a saponification column with values > 0 and their cation): K_M of "
                        + "M+ + 1/2 (HA)2 = MA + H+ acts only where the extractant carries the cation, so rows "
                        + "without it cannot tell it");
    }

    private static int referenceIndex(List<String> elements, String reference) {
        int ref = reference == null ? 0 : elements.indexOf(reference);
        if (ref < 0) {
            throw new InvalidInputException("--reference", reference, "one of the fitted rare earths: "
                    + String.join(", ", elements));
        }
        return ref;
    }

    /** log10 of every point's measured D. */
    private static double[] measuredLog10D(ShakeoutSelection sel) {
        double[] target = new double[sel.pointCount()];
        for (int i = 0; i < target.length; i++) {
            target[i] = Math.log10(sel.measuredD(i));
        }
        return target;
    }

    /**
     * Fits the selection.
     *
     * @param cationExchangeConstant K_M of the saponifying cation ({@code M⁺ + ½(HA)₂ ⇌ MA + H⁺}), used
     *                               by rows with saponification &gt; 0; NaN if not given (then such rows
     *                               are an error)
     * @param reference              rare earth the separation factors are relative to (null: the first fitted)
     */
    public static FitResult fit(ShakeoutSelection sel, double cationExchangeConstant, String reference) {
        List<String> elements = sel.elements();
        int p = elements.size();
        int ref = referenceIndex(elements, reference);
        double km = cationConstant(sel, cationExchangeConstant, "--cation-exchange-constant");
        Contacts contacts = new Contacts(sel, km, Law.MASS_ACTION);
        double[] target = measuredLog10D(sel);
        double[] weight = weights(sel);
        String[] names = new String[p];
        for (int k = 0; k < p; k++) {
            names[k] = "ln K_ex(" + elements.get(k) + ")";
        }
        WeightedLeastSquares.Solution sol = WeightedLeastSquares.fit(contacts::predict, target, weight,
                contacts.start(), names);
        contacts.predict(sol.parameters(), null);
        return new FitResult(Law.MASS_ACTION.label(), sel, parameters(sol, names, elements, "K_ex"), sol, target,
                contacts.pointPH(), contacts.pointFreeDimer(), elements.get(ref), betas(sol, elements, ref));
    }

    /**
     * The estimates with their standard errors and 95 % intervals (estimate ± t·SE), one quantity
     * per rare earth in ln (K_ex, D), or, for the correlation, a, b and c per rare earth.
     */
    private static List<FitResult.Parameter> parameters(WeightedLeastSquares.Solution sol, String[] names,
                                                        List<String> elements, String... quantities) {
        List<FitResult.Parameter> params = new ArrayList<>();
        int per = quantities.length;
        for (int q = 0; q < names.length; q++) {
            double v = sol.parameters()[q];
            double se = sol.standardError(q);
            params.add(new FitResult.Parameter(names[q], elements.get(q / per), quantities[q % per], v, se,
                    v - sol.t975() * se, v + sol.t975() * se, per == 1));
        }
        return params;
    }

    /** The weight of every point (its row's). */
    private static double[] weights(ShakeoutSelection sel) {
        double[] weight = new double[sel.pointCount()];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = sel.rows().get(sel.pointRow()[i]).weight();
        }
        return weight;
    }

    /**
     * β_j = X_j / X_ref from parameters ln X (K_ex or D): ln β = ln X_j − ln X_ref, its variance by the
     * delta method (exact here, as ln β is linear in the parameters): V_jj + V_rr − 2 V_jr.
     */
    private static List<FitResult.Parameter> betas(WeightedLeastSquares.Solution sol, List<String> elements,
                                                   int ref) {
        List<FitResult.Parameter> betas = new ArrayList<>();
        double[][] v = sol.covariance();
        for (int k = 0; k < elements.size(); k++) {
            if (k == ref) {
                continue;
            }
            double lnBeta = sol.parameters()[k] - sol.parameters()[ref];
            double se = Math.sqrt(Math.max(0, v[k][k] + v[ref][ref] - 2 * v[k][ref]));
            betas.add(new FitResult.Parameter("beta(" + elements.get(k) + "/" + elements.get(ref) + ")",
                    elements.get(k), "beta", lnBeta, se, lnBeta - sol.t975() * se, lnBeta + sol.t975() * se, true));
        }
        return betas;
    }

    /**
     * A constant D per rare earth: ln D_j fitted to the same points (the weighted mean of log10 D
     * per rare earth, found by the same least squares), β = D_j/D_ref. The equilibrium pH and free
     * dimer of each experiment are the mass-action fit's (this law has none), for the charts.
     */
    private static FitResult constantDistribution(ShakeoutSelection sel, FitResult massAction) {
        List<String> elements = sel.elements();
        int p = elements.size();
        int n = sel.pointCount();
        double[] weight = weights(sel);
        String[] names = new String[p];
        double[] start = new double[p];
        for (int k = 0; k < p; k++) {
            names[k] = "ln D(" + elements.get(k) + ")";
        }
        for (int i = 0; i < sel.pointCount(); i++) { // the unweighted mean of ln D (the answer with equal weights)
            start[sel.pointElement()[i]] += massAction.measured()[i] * LN10 / massAction.points().count(
                    sel.pointElement()[i]);
        }
        Contacts contacts = new Contacts(sel, 1, Law.CONSTANT_DISTRIBUTION);
        WeightedLeastSquares.Solution sol = WeightedLeastSquares.fit(contacts::predict, massAction.measured(),
                weight, start, names);
        int ref = elements.indexOf(massAction.reference());
        return new FitResult(Law.CONSTANT_DISTRIBUTION.label(), sel, parameters(sol, names, elements, "D"), sol,
                massAction.measured(),
                massAction.pH(), massAction.freeDimer(), massAction.reference(), betas(sol, elements, ref));
    }

    /**
     * Predicts another data set with a fit's parameters, without refitting: every point of
     * {@code other} (a selection over the fit's rare earths, {@link ShakeoutSelection#forPrediction})
     * solved as a contact with the fitted law.
     *
     * @param km K_M of the saponifying cation (NaN if not given: then saponified rows are an error)
     */
    public static Prediction predict(FitResult fit, ShakeoutSelection other, double km) {
        Law law = Law.of(fit.model());
        if (law == Law.SEPARATION_FACTORS) {
            return predictRatios(fit, other);
        }
        int per = law.perElement();
        List<String> fitted = fit.selection().elements();
        double[] params = new double[per * other.elements().size()];
        for (int k = 0; k < other.elements().size(); k++) {
            int from = fitted.indexOf(other.elements().get(k));
            for (int q = 0; q < per; q++) {
                params[per * k + q] = fit.parameters().get(per * from + q).estimate();
            }
        }
        FitResult.Parameter fittedKm = fit.cationConstant();
        FitResult.Parameter n = fit.stoichiometry();
        Contacts contacts = new Contacts(other, fittedKm != null ? fittedKm.value()
                : cationConstant(other, km, "--cation-exchange-constant"),
                n != null ? n.estimate() : MassActionEquilibrium.MASS_ACTION_SLOPE, law, Shared.NONE);
        double[] predicted = new double[other.pointCount()];
        contacts.predict(params, predicted);
        return new Prediction(other, measuredLog10D(other), predicted);
    }

    /**
     * Constant separation factors fitted to the ratios of D within experiments ({@link
     * Law#SEPARATION_FACTORS}): weighted least squares on log10 D with one level per experiment,
     * eliminated by variable projection ({@link Ratios}, {@link Levels}), so that the covariance of the ln β is
     * exact for this linear model and the levels use up their degrees of freedom. The equilibrium
     * pH and free dimer of each experiment are those of a mass-action fit to the same points (this
     * law has none), for the charts and the table of residuals; NaN where that fit fails (the β fit
     * does not need it).
     */
    private static FitResult separationFactors(ShakeoutSelection all, double km, String reference) {
        ShakeoutSelection sel = all.withSeveralPoints();
        List<String> elements = sel.elements();
        if (sel.pointCount() == 0) {
            throw new InvalidInputException("--model", Law.SEPARATION_FACTORS.label(), "data with at least one "
                    + "experiment holding two or more of the fitted rare earths (" + String.join(", ", elements)
                    + "): a separation factor is a ratio of two D in the same experiment, and "
                    + all.data().file() + " has none among the rows selected; fit mass-action or "
                    + "constant-distribution, whose β come from single-element rows too");
        }
        for (int k = 0; k < elements.size(); k++) {
            int kk = k;
            if (java.util.Arrays.stream(sel.pointElement()).noneMatch(e -> e == kk)) {
                throw new InvalidInputException("--elements", elements.get(k), "a rare earth that shares an "
                        + "experiment with another fitted one, for --model separation-factors (" + elements.get(k)
                        + " has points only in experiments without another fitted rare earth)");
            }
        }
        // the mass-action fit only gives each point its equilibrium pH and free dimer (charts, table);
        // the β fit does not depend on it, so a mass-action fit that fails leaves them unknown (NaN)
        int ref = referenceIndex(elements, reference);
        double[] pH = new double[sel.pointCount()];
        double[] freeDimer = new double[sel.pointCount()];
        try {
            FitResult massAction = fit(sel, km, reference);
            System.arraycopy(massAction.pH(), 0, pH, 0, pH.length);
            System.arraycopy(massAction.freeDimer(), 0, freeDimer, 0, freeDimer.length);
        } catch (FitFailedException | InvalidInputException e) {
            java.util.Arrays.fill(pH, Double.NaN);
            java.util.Arrays.fill(freeDimer, Double.NaN);
        }
        double[] target = measuredLog10D(sel);
        double[] weight = weights(sel);
        String[] names = new String[elements.size() - 1];
        double[] start = new double[names.length];
        for (int k = 0, q = 0; k < elements.size(); k++) {
            if (k != ref) {
                names[q++] = "ln beta(" + elements.get(k) + "/" + elements.get(ref) + ")";
            }
        }
        Ratios ratios = new Ratios(sel, ref, target, weight);
        WeightedLeastSquares.Solution sol = WeightedLeastSquares.fit(ratios::predict, target, weight, start, names,
                sel.rows().size());
        List<FitResult.Parameter> params = new ArrayList<>();
        for (int k = 0, q = 0; k < elements.size(); k++) {
            if (k != ref) {
                double v = sol.parameters()[q];
                double se = sol.standardError(q);
                params.add(new FitResult.Parameter(names[q], elements.get(k), "beta", v, se, v - sol.t975() * se,
                        v + sol.t975() * se, true));
                q++;
            }
        }
        return new FitResult(Law.SEPARATION_FACTORS.label(), sel, params, sol, target, pH, freeDimer,
                elements.get(ref), params);
    }

    /**
     * Predicts another data set's ratios with fitted separation factors: its experiments with two or
     * more of the fitted rare earths, each at the level its own points give (a constant-β model
     * says nothing about the level of D, only about the ratios).
     */
    private static Prediction predictRatios(FitResult fit, ShakeoutSelection other) {
        ShakeoutSelection sel = other.withSeveralPoints();
        if (sel.pointCount() == 0) {
            throw new InvalidInputException("--predict", other.data().file(), "a shake-out file with at least one "
                    + "experiment holding two or more of the fitted rare earths, for separation factors");
        }
        List<String> fitted = fit.selection().elements();
        int ref = sel.elements().indexOf(fit.reference());
        if (ref < 0) {
            throw new InvalidInputException("--predict", other.data().file(), "a shake-out file with columns of the "
                    + "reference rare earth " + fit.reference() + " of the separation factors");
        }
        double[] lnBeta = new double[sel.elements().size() - 1];
        for (int k = 0, q = 0; k < sel.elements().size(); k++) {
            if (k != ref) {
                int from = fitted.indexOf(sel.elements().get(k));
                lnBeta[q++] = fit.parameters().get(from < fitted.indexOf(fit.reference()) ? from : from - 1).estimate();
            }
        }
        double[] measured = measuredLog10D(sel);
        double[] weight = weights(sel);
        double[] predicted = new double[measured.length];
        new Ratios(sel, ref, measured, weight).predict(lnBeta, predicted);
        return new Prediction(sel, measured, predicted);
    }

    /**
     * log10 D of every point of constant separation factors, each experiment at the level that
     * fits its own points best ({@link Levels}). Nothing is allocated per call.
     */
    static final class Ratios {
        private final int[] pointRow;
        private final int[] parameter; // per point: index of its ln β, or -1 for the reference
        private final double[] target;
        private final double[] weight;
        private final double[] raw;

        Ratios(ShakeoutSelection sel, int ref, double[] target, double[] weight) {
            pointRow = sel.pointRow();
            parameter = new int[pointRow.length];
            for (int i = 0; i < pointRow.length; i++) {
                int k = sel.pointElement()[i];
                parameter[i] = k == ref ? -1 : k < ref ? k : k - 1;
            }
            this.target = target;
            this.weight = weight;
            this.raw = new double[pointRow.length];
        }

        void predict(double[] lnBeta, double[] out) {
            for (int i = 0; i < raw.length; i++) {
                raw[i] = (parameter[i] < 0 ? 0 : lnBeta[parameter[i]]) / LN10;
            }
            Levels.project(pointRow, raw, target, weight, out);
        }
    }

    /** K_M for a selection: the given one if a row is saponified (an error if not given), else 1 (no effect). */
    private static double cationConstant(ShakeoutSelection sel, double km, String option) {
        requireOneCation(sel, option);
        for (Shakeout s : sel.rows()) {
            if (s.saponification() > 0) {
                if (!(km > 0) || !Double.isFinite(km)) {
                    throw new InvalidInputException(option, Double.isNaN(km) ? InvalidInputException.MISSING : km,
                            "K_M > 0 of the saponifying cation (M+ + 1/2 (HA)2 = MA + H+), needed by the rows with "
                                    + "saponification > 0 (" + s.experimentId() + ", line " + s.line() + ")");
                }
                return km;
            }
        }
        return 1; // no effect without cation in the contents
    }

    /**
     * The correlation {@code log10 D_j = a_j·pH + b_j·log10 e + c_j} with the stoichiometry of mass
     * action, started from a mass-action fit. Slopes must end inside the range the engine allows
     * ({@link MassActionEquilibrium#slopesAllowed}); the iteration sees slopes outside it clamped
     * to its edge.
     */
    private static FitResult correlation(ShakeoutSelection sel, FitResult massAction, double km) {
        List<String> elements = sel.elements();
        int p = elements.size();
        FitResult.Parameter fittedKm = massAction.cationConstant(); // fitted too, from the mass-action fit's
        Shared shared = new Shared(fittedKm != null, false);
        Contacts contacts = new Contacts(sel, fittedKm != null ? fittedKm.value()
                : cationConstant(sel, km, "--cation-exchange-constant"), MassActionEquilibrium.MASS_ACTION_SLOPE,
                Law.CORRELATION, shared);
        double[] weight = weights(sel);
        String[] names = new String[contacts.parameterCount()];
        double[] start = new double[names.length];
        if (fittedKm != null) {
            names[3 * p] = "ln K_M";
            start[3 * p] = fittedKm.estimate();
        }
        for (int k = 0; k < p; k++) {
            names[3 * k] = "a(" + elements.get(k) + ")";
            names[3 * k + 1] = "b(" + elements.get(k) + ")";
            names[3 * k + 2] = "c(" + elements.get(k) + ")";
            start[3 * k] = MassActionEquilibrium.MASS_ACTION_SLOPE;
            start[3 * k + 1] = MassActionEquilibrium.MASS_ACTION_SLOPE;
            start[3 * k + 2] = massAction.parameters().get(k).estimate() / LN10;
        }
        WeightedLeastSquares.Solution sol = WeightedLeastSquares.fit(contacts::predict, massAction.measured(),
                weight, start, names);
        WeightedLeastSquares.requireDistinguishable(sol.covariance(), names, 3 * p, MAX_SHARED_CORRELATION);
        double[] x = sol.parameters();
        for (int k = 0; k < p; k++) {
            if (!MassActionEquilibrium.slopesAllowed(x[3 * k], x[3 * k + 1])) {
                throw new FitFailedException("the correlation's slopes for " + elements.get(k) + " end outside the "
                        + "range the engine allows (a = " + x[3 * k] + ", b = " + x[3 * k + 1] + "; "
                        + MassActionEquilibrium.slopeRange(x[3 * k + 1]) + "): these data do not support it");
            }
        }
        contacts.predict(x, null);
        List<FitResult.Parameter> params = new ArrayList<>(parameters(sol, Arrays.copyOf(names, 3 * p), elements,
                "pHSlope", "dimerSlope", "intercept"));
        addShared(params, sol, names, 3 * p);
        return new FitResult(Law.CORRELATION.label(), sel, params, sol, massAction.measured(), contacts.pointPH(),
                contacts.pointFreeDimer(), massAction.reference(), List.of());
    }

    /**
     * The shake-outs of a selection as a model: one {@link MassActionEquilibrium} per distinct
     * extractant concentration, one {@link BatchContact} reused for every row.
     */
    static final class Contacts {
        private final ShakeoutSelection sel;
        private final double km;
        private final double stoichiometry;
        private final Shared shared;
        private final double[] dimer; // distinct extractant concentrations as dimer
        private final int[] rowModel;
        private final BatchContact contact;
        private final Law law;
        private final double[] k;
        private final double[] a;
        private final double[] b;
        private final MassActionEquilibrium[] models;
        final double[] acidity;
        final double[] freeDimer;

        Contacts(ShakeoutSelection sel, double km, Law law) {
            this(sel, km, MassActionEquilibrium.MASS_ACTION_SLOPE, law, Shared.NONE);
        }

        /**
         * Contacts whose parameters are the law's per rare earth followed by ln K_M (if
         * {@code shared.cationConstant()}) and n (if {@code shared.stoichiometry()}); K_M and n are the
         * fixed values otherwise (n = 3: mass action).
         */
        Contacts(ShakeoutSelection sel, double km, double stoichiometry, Law law, Shared shared) {
            this.sel = sel;
            this.km = km;
            this.stoichiometry = stoichiometry;
            this.shared = shared;
            this.law = law;
            List<Double> distinct = new ArrayList<>();
            rowModel = new int[sel.rows().size()];
            for (int r = 0; r < rowModel.length; r++) {
                double c = sel.rows().get(r).extractant() / 2; // monomer HA → dimer (HA)2
                int at = distinct.indexOf(c);
                if (at < 0) {
                    at = distinct.size();
                    distinct.add(c);
                }
                rowModel[r] = at;
            }
            dimer = distinct.stream().mapToDouble(Double::doubleValue).toArray();
            contact = new BatchContact(sel.elements().size());
            k = new double[sel.elements().size()];
            a = new double[k.length];
            b = new double[k.length];
            models = new MassActionEquilibrium[dimer.length];
            acidity = new double[rowModel.length];
            freeDimer = new double[rowModel.length];
        }

        /**
         * log10 D of every point at the parameters (into {@code out} unless null): ln K_j for mass
         * action, (a_j, b_j, c_j) for the correlation, whose slopes are clamped into the engine's
         * range. Keeps each row's equilibrium acidity and free dimer. The models are rebuilt once per
         * call (the constants change); the row loop allocates nothing.
         */
        void predict(double[] params, double[] out) {
            if (law == Law.CONSTANT_DISTRIBUTION) {
                for (int i = 0; i < sel.pointCount() && out != null; i++) {
                    out[i] = params[sel.pointElement()[i]] / LN10;
                }
                return;
            }
            int q = law.perElement() * k.length;
            double kmNow = shared.cationConstant() ? Math.exp(params[q++]) : km;
            // n: log10 D = 3 pH + n log10 e + log10 K, the engine's correlation with a = 3, b = n (a < 2b: n > 1.5)
            double n = shared.stoichiometry() ? Math.min(Math.max(params[q],
                    0.5 * MassActionEquilibrium.MASS_ACTION_SLOPE * (1 + 1e-9)), MassActionEquilibrium.MAX_SLOPE)
                    : stoichiometry;
            for (int j = 0; j < k.length; j++) {
                if (law == Law.MASS_ACTION) {
                    k[j] = Math.exp(params[j]);
                    a[j] = MassActionEquilibrium.MASS_ACTION_SLOPE;
                    b[j] = n;
                } else {
                    b[j] = Math.min(Math.max(params[3 * j + 1], 1e-6), MassActionEquilibrium.MAX_SLOPE);
                    a[j] = Math.min(Math.max(params[3 * j], 1e-6),
                            Math.min(MassActionEquilibrium.MAX_SLOPE, 2 * b[j] * (1 - 1e-9)));
                    k[j] = Math.pow(10, params[3 * j + 2]);
                }
            }
            for (int m = 0; m < dimer.length; m++) {
                models[m] = new MassActionEquilibrium(k, a, b, kmNow, dimer[m], 1);
            }
            int[] pointRow = sel.pointRow();
            int[] pointElement = sel.pointElement();
            int i = 0;
            for (int r = 0; r < rowModel.length; r++) {
                Shakeout s = sel.rows().get(r);
                contact.solve(models[rowModel[r]], s.organicToAqueous(), sel.initial()[r], s.saponification(),
                        s.initialAcid());
                acidity[r] = contact.acidity();
                freeDimer[r] = contact.freeDimer();
                // points are in row order
                for (; i < pointRow.length && pointRow[i] == r; i++) {
                    if (out != null) {
                        out[i] = contact.lnDistributionRatio(pointElement[i]) / LN10;
                    }
                }
            }
        }

        /** Parameters: the law's per rare earth, then ln K_M and n where fitted. */
        int parameterCount() {
            return law.perElement() * k.length + (shared.cationConstant() ? 1 : 0) + (shared.stoichiometry() ? 1 : 0);
        }

        /** Equilibrium pH of every point's experiment at the last {@link #predict}. */
        double[] pointPH() {
            double[] pH = new double[sel.pointCount()];
            for (int i = 0; i < pH.length; i++) {
                pH[i] = -Math.log10(acidity[sel.pointRow()[i]]);
            }
            return pH;
        }

        /** Equilibrium free dimer (mol/L) of every point's experiment at the last {@link #predict}. */
        double[] pointFreeDimer() {
            double[] free = new double[sel.pointCount()];
            for (int i = 0; i < free.length; i++) {
                free[i] = freeDimer[sel.pointRow()[i]];
            }
            return free;
        }

        /**
         * A start for ln K per rare earth: the median over its points of {@code ln D + 3 ln h − 3 ln e}
         * with h and e estimated from the measured D (3 H⁺ released and 3 dimers bound per RE extracted,
         * the cation released first).
         */
        double[] start() {
            int p = k.length;
            List<List<Double>> guesses = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                guesses.add(new ArrayList<>());
            }
            for (int i = 0; i < sel.pointCount(); i++) {
                int r = sel.pointRow()[i];
                Shakeout s = sel.rows().get(r);
                double ratio = s.organicToAqueous();
                double loaded = 0; // mol/L organic
                for (int i2 = 0; i2 < sel.pointCount(); i2++) {
                    if (sel.pointRow()[i2] == r) {
                        double d = sel.measuredD(i2);
                        loaded += sel.initial()[r][sel.pointElement()[i2]] * d / (1 + ratio * d);
                    }
                }
                double c = s.extractant() / 2;
                double released = Math.max(0, 3 * loaded - 2 * s.saponification() * c) * ratio;
                double h = Math.max(s.initialAcid() + released, 1e-7);
                double e = Math.max(c * (1 - s.saponification()) - 1.5 * loaded, 1e-3 * c);
                guesses.get(sel.pointElement()[i]).add(Math.log(sel.measuredD(i)) + 3 * Math.log(h) - 3 * Math.log(e));
            }
            double[] start = new double[p];
            for (int j = 0; j < p; j++) {
                double[] g = guesses.get(j).stream().mapToDouble(Double::doubleValue).toArray();
                Arrays.sort(g);
                start[j] = g[g.length / 2];
            }
            return start;
        }
    }
}
