package org.sxcascade.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ModelCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.sweep.ParameterPath;

/**
 * Fits a cascade's chemistry and stage efficiencies to samples of its stages (docs/fit.md, "Stage
 * samples"): the case file describes the running cascade, each parameter is a numeric field of
 * it (e.g. {@code components[1].separationFactor}, {@code components[1].exchangeConstant},
 * {@code efficiency.extraction}), and every evaluation solves the whole cascade with the engine
 * that {@code simulate} uses, for any model. The residuals are log10 of each measured amount,
 * predicted − measured, with each sample at its own level (the weighted mean over its points,
 * eliminated as in {@link MassActionFit}'s separation-factor fit): only the ratios between the
 * components of a sample count, so a sample may be given in mol/L or as mole fractions.
 * Parameters are fitted in ln (positive quantities) or in logit (Murphree efficiencies, in (0, 1)),
 * by weighted Levenberg–Marquardt ({@link WeightedLeastSquares}).
 */
public final class StageSampleFit {
    private static final double LN10 = Math.log(10);

    /** How a fitted field is transformed. */
    enum Scale {
        /** ln of a positive quantity. */
        LN,
        /** logit of an efficiency in (0, 1). */
        LOGIT,
        /** the value itself (a correlation's intercept). */
        LINEAR;

        double toParameter(double v) {
            return switch (this) {
                case LN -> Math.log(v);
                case LOGIT -> Math.log(v / (1 - v));
                case LINEAR -> v;
            };
        }

        double toValue(double p) {
            return switch (this) {
                case LN -> Math.exp(p);
                case LOGIT -> 1 / (1 + Math.exp(-p));
                case LINEAR -> p;
            };
        }
    }

    /**
     * A fitted field.
     *
     * @param path      the case-file field
     * @param caseValue its value in the case as given
     * @param value     the fitted value
     * @param low       lower end of its 95 % interval
     * @param high      upper end
     * @param standardError standard error of the fitted parameter (of ln or logit of the value,
     *                      as {@code scale} says)
     * @param scale     {@code ln}, {@code logit} or {@code linear}
     */
    public record Field(String path, double caseValue, double value, double low, double high, double standardError,
                        String scale) {
    }

    /**
     * A point's residual.
     *
     * @param sample    the sample's label
     * @param line      its line in the file
     * @param stage     its stage
     * @param phase     aqueous or organic
     * @param component the component
     * @param measured  log10 of the amount measured
     * @param predicted log10 of the amount predicted, at the sample's level
     */
    public record Residual(String sample, int line, int stage, String phase, String component, double measured,
                           double predicted) {
        /** predicted − measured. */
        public double residual() {
            return predicted - measured;
        }
    }

    /**
     * The outcome.
     *
     * @param data       the samples
     * @param caseName   the case's title
     * @param model      the case's model
     * @param fields     the fitted fields with their intervals
     * @param solution   the least-squares solution (in ln / logit of the fields)
     * @param residuals  every point's residual
     * @param samplesUsed samples with two or more points (each one level in the degrees of freedom)
     * @param fitted     the case tree with the fitted values
     * @param state      the steady state at the fitted values
     * @param solves     cascade solves made by the fit
     */
    public record Result(StageSampleData data, String caseName, String model, List<Field> fields,
                         WeightedLeastSquares.Solution solution, List<Residual> residuals, int samplesUsed,
                         JsonNode fitted, SteadyState state, int solves) {
        public Result {
            fields = List.copyOf(fields);
            residuals = List.copyOf(residuals);
            fitted = fitted.deepCopy();
        }

        @Override
        public JsonNode fitted() {
            return fitted.deepCopy();
        }

        /** Unweighted RMS of predicted − measured log10 amount over all points. */
        public double rmsLog10() {
            double ss = 0;
            for (Residual r : residuals) {
                ss += r.residual() * r.residual();
            }
            return Math.sqrt(ss / residuals.size());
        }

        /** The {@code count} points with the largest |residual|, largest first. */
        public List<Residual> largestResiduals(int count) {
            List<Residual> all = new ArrayList<>(residuals);
            all.sort(java.util.Comparator.comparingDouble((Residual r) -> -Math.abs(r.residual())));
            return all.subList(0, Math.min(count, all.size()));
        }
    }

    private StageSampleFit() {
    }

    /**
     * The fields fitted by default: the distribution law of every component but the first
     * (separation factors, exchange constants or correlation intercepts: only their ratios or
     * differences shape a composition profile), every distribution ratio of a distribution-ratios
     * case, and with {@code efficiencies} the Murphree efficiency of the extraction and (if it has
     * stages) the scrub section.
     */
    public static List<String> defaultFields(JsonNode caseTree, boolean efficiencies) {
        List<String> paths = new ArrayList<>();
        JsonNode comps = caseTree.path("components");
        for (int i = 0; i < comps.size(); i++) {
            JsonNode c = comps.get(i);
            if (c.has("distributionRatio")) {
                paths.add("components[" + i + "].distributionRatio");
            } else if (i > 0 && c.has("separationFactor")) {
                paths.add("components[" + i + "].separationFactor");
            } else if (i > 0 && c.has("exchangeConstant")) {
                paths.add("components[" + i + "].exchangeConstant");
            } else if (i > 0 && c.path("correlation").has("intercept")) {
                paths.add("components[" + i + "].correlation.intercept");
            }
        }
        if (efficiencies) {
            paths.add("efficiency.extraction");
            if (caseTree.path("cascade").path("scrubStages").asInt(0) > 0) {
                paths.add("efficiency.scrub");
            }
        }
        return paths;
    }

    /**
     * Fits the fields to the samples.
     *
     * @param caseTree the case file's YAML tree (a single cascade of any model)
     * @param data     the samples, whose components must be the case's
     * @param paths    the fields to fit (case-file paths; {@link #defaultFields})
     * @throws InvalidInputException for a field that is not a number of the case, a sample of a
     *         stage or component the case does not have, too few points, or parameters the samples
     *         cannot tell apart (with their correlation)
     * @throws FitFailedException    when the cascade does not converge at a trial point or the
     *         iteration does not converge
     */
    public static Result fit(JsonNode caseTree, StageSampleData data, List<String> paths) {
        if (caseTree.has("cascades")) {
            throw new InvalidInputException("--case", "a flowsheet", "a case of one cascade: a stage-sample fit "
                    + "simulates one cascade (fit each unit of a flowsheet with its own samples and case)");
        }
        ObjectNode tree = (ObjectNode) caseTree.deepCopy();
        CaseReader reader = new CaseReader();
        ModelCase base = reader.modelCaseFromTree(tree);
        List<String> names = new ArrayList<>();
        JsonNode comps = tree.path("components");
        for (int i = 0; i < comps.size(); i++) {
            names.add(comps.get(i).path("name").asText());
        }
        int[] component = new int[data.components().size()];
        for (int c = 0; c < component.length; c++) {
            component[c] = names.indexOf(data.components().get(c));
            if (component[c] < 0) {
                throw new InvalidInputException(data.file() + " header, column " + data.components().get(c)
                        + "_…", data.components().get(c), "a component of the case (" + String.join(", ", names)
                        + ")");
            }
        }
        int stages = base.network().stages();
        for (StageSample s : data.samples()) {
            if (s.stage() > stages) {
                throw new InvalidInputException(data.file() + " line " + s.line() + ", column stage", s.stage(),
                        "a stage of the case, 1 … " + stages);
            }
        }
        if (paths.isEmpty()) {
            throw new InvalidInputException("--parameters", "(none)", "at least one numeric field of the case to fit");
        }
        Scale[] scale = new Scale[paths.size()];
        ParameterPath.Setter[] setters = new ParameterPath.Setter[paths.size()];
        double[] start = new double[paths.size()];
        double[] caseValue = new double[paths.size()];
        for (int q = 0; q < paths.size(); q++) {
            String text = paths.get(q);
            ParameterPath path = ParameterPath.parse(text);
            boolean efficiency = text.startsWith("efficiency.");
            if (efficiency && !java.util.List.of("efficiency.extraction", "efficiency.scrub", "efficiency.strip")
                    .contains(text)) {
                throw new InvalidInputException("--parameters", text, "efficiency.extraction, efficiency.scrub or "
                        + "efficiency.strip for a section's Murphree efficiency");
            }
            if (efficiency && !tree.has("efficiency")) {
                tree.putObject("efficiency");
            }
            JsonNode node = path == null ? null : path.find(tree);
            if (path == null || (!efficiency && !ParameterPath.isNumber(node))) {
                throw new InvalidInputException("--parameters", text, "a numeric field of the case, e.g. "
                        + "components[1].separationFactor or efficiency.extraction (docs/fit.md, \"Stage samples\")");
            }
            double v = node == null ? 1 : Double.parseDouble(node.asText());
            scale[q] = efficiency ? Scale.LOGIT : text.endsWith(".intercept") ? Scale.LINEAR : Scale.LN;
            if (scale[q] == Scale.LN && !(v > 0)) {
                throw new InvalidInputException("--parameters", text + " = " + v, "a field whose value is above 0 "
                        + "(it is fitted in ln)");
            }
            caseValue[q] = v;
            // an efficiency of 1 is the edge of the logit: start just inside it
            start[q] = scale[q].toParameter(efficiency ? Math.min(v, 0.99) : v);
            setters[q] = path.setter(tree);
        }
        // points: (sample, component) measured above 0, in samples with two or more of them
        List<int[]> points = new ArrayList<>();
        int used = 0;
        for (int s = 0; s < data.samples().size(); s++) {
            StageSample sample = data.samples().get(s);
            int before = points.size();
            for (int c = 0; c < component.length; c++) {
                if (sample.amount(c) > 0) {
                    points.add(new int[] {s, c});
                }
            }
            if (points.size() - before < 2) {
                points.subList(before, points.size()).clear();
            } else {
                used++;
            }
        }
        int composition = points.size();
        // then the measured pH of aqueous samples (mass action): fitted as it is, without a level
        for (int s = 0; s < data.samples().size(); s++) {
            if (!Double.isNaN(data.samples().get(s).pH())) {
                points.add(new int[] {s, -1}); // a model without acidity is refused at the first solve
            }
        }
        int n = points.size();
        if (n > composition && !CaseReader.isMassAction(tree)) {
            throw new InvalidInputException(data.file() + " column pH", "given", "blank for a case of a model "
                    + "without acidity (" + tree.path("model").asText() + "): pH is fitted for mass-action cases only");
        }
        int[] group = new int[n];
        double[] target = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            StageSample sample = data.samples().get(points.get(i)[0]);
            group[i] = points.get(i)[0];
            target[i] = points.get(i)[1] < 0 ? sample.pH() : Math.log10(sample.amount(points.get(i)[1]));
            weight[i] = sample.weight();
        }
        Evaluation eval = new Evaluation(reader, tree, setters, scale, data, points, component, group, target,
                weight, composition);
        WeightedLeastSquares.Solution sol = WeightedLeastSquares.fit(eval::predict, target, weight, start,
                paths.toArray(String[]::new), used);
        eval.predict(sol.parameters(), new double[n]); // leaves the tree and the state at the estimates
        List<Field> fields = new ArrayList<>();
        for (int q = 0; q < paths.size(); q++) {
            double p = sol.parameters()[q];
            double se = sol.standardError(q);
            fields.add(new Field(paths.get(q), caseValue[q], scale[q].toValue(p),
                    scale[q].toValue(p - sol.t975() * se), scale[q].toValue(p + sol.t975() * se), se,
                    scale[q].name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<Residual> residuals = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StageSample sample = data.samples().get(points.get(i)[0]);
            residuals.add(new Residual(sample.sampleId(), sample.line(), sample.stage(),
                    sample.organic() ? "organic" : "aqueous", points.get(i)[1] < 0 ? "pH"
                    : data.components().get(points.get(i)[1]), target[i], sol.predicted()[i]));
        }
        return new Result(data, base.name(), tree.path("model").asText(), fields, sol, residuals, used, tree,
                eval.state, eval.solves);
    }

    /** The model: sets the fields, solves the cascade, and gives log10 amounts at each sample's level. */
    private static final class Evaluation {
        private final CaseReader reader;
        private final JsonNode tree;
        private final ParameterPath.Setter[] setters;
        private final Scale[] scale;
        private final StageSampleData data;
        private final List<int[]> points;
        private final int[] component;
        private final int[] group;
        private final double[] target;
        private final double[] weight;
        private final double[] raw;
        SteadyState state;
        int solves;

        private final int composition;
        private final int[] compositionGroup; // the groups of the composition points (the first ones)

        Evaluation(CaseReader reader, JsonNode tree, ParameterPath.Setter[] setters, Scale[] scale,
                   StageSampleData data, List<int[]> points, int[] component, int[] group, double[] target,
                   double[] weight, int composition) {
            this.composition = composition;
            this.compositionGroup = java.util.Arrays.copyOf(group, composition);
            this.reader = reader;
            this.tree = tree;
            this.setters = setters;
            this.scale = scale;
            this.data = data;
            this.points = points;
            this.component = component;
            this.group = group;
            this.target = target;
            this.weight = weight;
            this.raw = new double[points.size()];
        }

        void predict(double[] p, double[] out) {
            for (int q = 0; q < p.length; q++) {
                setters[q].set(scale[q].toValue(p[q]), false);
            }
            ModelCase c = reader.modelCaseFromTree(tree);
            CascadeNetwork network = c.network();
            try {
                state = org.sxcascade.solver.SteadyStateSolver.solveFallingBackOnRows(network, c.solver(), note -> { });
            } catch (NoConvergenceException e) {
                throw new FitFailedException("the cascade did not converge at trial values of the fitted fields ("
                        + trial(p) + "): " + e.getMessage());
            }
            solves++;
            double[] pH = null;
            if (composition < raw.length) {
                var acidity = c.view(network, state).acidityLoading();
                if (acidity == null) {
                    throw new InvalidInputException(data.file() + " column pH", "given", "blank for a case of a model "
                            + "without acidity (" + tree.path("model").asText() + "): pH is fitted for mass-action "
                            + "cases only");
                }
                pH = acidity.pH();
            }
            for (int i = composition; i < raw.length; i++) {
                out[i] = pH[data.samples().get(points.get(i)[0]).stage() - 1];
            }
            for (int i = 0; i < composition; i++) {
                StageSample s = data.samples().get(points.get(i)[0]);
                int j = component[points.get(i)[1]];
                double ln = s.organic() ? state.lnOrganicFlow(s.stage(), j) : state.lnAqueousFlow(s.stage(), j);
                if (!Double.isFinite(ln)) {
                    throw new InvalidInputException(data.file() + " line " + s.line(), data.components().get(
                            points.get(i)[1]) + " measured on stage " + s.stage(), "components the cascade "
                            + "carries there (the case's feed has none of it)");
                }
                raw[i] = ln / LN10;
            }
            // the composition points only (the first ones; the pH points have no level)
            Levels.project(compositionGroup, raw, target, weight, out);
        }

        private String trial(double[] p) {
            StringBuilder b = new StringBuilder();
            for (int q = 0; q < p.length; q++) {
                b.append(q == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.6g", scale[q].toValue(p[q])));
            }
            return b.toString();
        }
    }
}
