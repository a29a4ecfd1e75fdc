package org.sxcascade.optimize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.sxcascade.io.YamlMapping;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;

/**
 * Bounds, constraints and objective weights of {@code optimize} on a {@code model: mass-action}
 * case: the optional {@code optimize} section of the case file (docs/optimize.md).
 *
 * @param organicFlow          {min, max} organic flow, L/h
 * @param saponification       {min, max} saponification, fraction of the extractant's H (max &lt; 1)
 * @param stripFlow            {min, max} strip acid flow, L/h
 * @param reflux               {min, max} reflux fraction of the strip liquor (max &lt; 1)
 * @param maxStrippedRareEarth largest RE flow left on the stripped organic, mol per mol RE fed
 * @param maxPH                largest aqueous pH on any stage (the steady state must stay acidic)
 * @param acidPrice            weight of 1 mol H⁺ in the objective
 * @param basePrice            weight of 1 mol saponifying base in the objective
 * @param currency             label of the weights, or {@code null} when they are plain mol counts
 * @param maxEvaluations       largest number of flow settings one flow search evaluates (a search that finds no feasible point is followed by a feasibility search and another flow search, each with this budget)
 * @param scrubFlow            {min, max} fresh scrub acid flow, L/h, or {@code null}: fixed at the case's
 * @param scrubAcidity         acidity of a searched scrub acid, mol/L H⁺ (NaN when the scrub flow is fixed)
 * @param stripAcidity         {min, max} strip acidity, mol/L H⁺, or {@code null}: fixed at the case's
 * @param extractionStages     {min, max} extraction stages n, or {@code null}: fixed at the case's
 * @param scrubStages          {min, max} scrub stages m, or {@code null}: fixed at the case's
 * @param stripStages          {min, max} strip stages k, or {@code null}: fixed at the case's
 * @param maxStageCounts       largest number of stage counts (n, m, k) whose flows a stage search
 *                             optimises (each with {@link #stageEvaluations()} flow settings)
 */
public record MassActionSettings(double[] organicFlow, double[] saponification, double[] stripFlow, double[] reflux,
                                 double maxStrippedRareEarth, double maxPH, double acidPrice, double basePrice,
                                 String currency, int maxEvaluations, double[] scrubFlow, double scrubAcidity,
                                 double[] stripAcidity, int[] extractionStages, int[] scrubStages,
                                 int[] stripStages, int maxStageCounts) {
    /** Default upper bound of the saponification: the organic keeps at least 10 % of its H for the acid balance. */
    public static final double DEFAULT_MAX_SAPONIFICATION = 0.9;
    /** Default upper bound of the reflux. */
    public static final double DEFAULT_MAX_REFLUX = 0.999;
    /** Default largest RE flow on the stripped organic, mol per mol RE fed (0.01 % of the feed). */
    public static final double DEFAULT_MAX_STRIPPED = 1e-4;
    /** Default largest stage pH: RE hydroxides start to precipitate near pH 6–7. */
    public static final double DEFAULT_MAX_PH = 5;
    public static final int DEFAULT_MAX_EVALUATIONS = 150;
    /** Default budget of a stage search: stage counts whose flows are optimised. */
    public static final int DEFAULT_MAX_STAGE_COUNTS = 40;
    /** Largest stage count of one section a stage search accepts. */
    public static final int MAX_SECTION_STAGES = 1000;

    private static final Set<String> KEYS = Set.of("organicFlow", "saponification", "stripFlow", "reflux",
            "maxStrippedRareEarth", "maxPH", "acidPrice", "basePrice", "currency", "maxEvaluations", "scrubFlow",
            "scrubAcidity", "stripAcidity", "extractionStages", "scrubStages", "stripStages", "maxStageCounts");
    private static final Set<String> RANGE = Set.of("min", "max");

    public MassActionSettings {
        organicFlow = range("optimize.organicFlow", organicFlow, 0, false, Double.POSITIVE_INFINITY, "L/h");
        saponification = range("optimize.saponification", saponification, 0, true, 1, "a fraction");
        stripFlow = range("optimize.stripFlow", stripFlow, 0, false, Double.POSITIVE_INFINITY, "L/h");
        reflux = range("optimize.reflux", reflux, 0, true, 1, "a fraction");
        if (!(maxStrippedRareEarth > 0 && maxStrippedRareEarth < 1)) {
            throw new InvalidInputException("optimize.maxStrippedRareEarth", maxStrippedRareEarth,
                    "greater than 0 and below 1 mol RE per mol RE fed");
        }
        if (!(maxPH > 0 && maxPH <= 14)) {
            throw new InvalidInputException("optimize.maxPH", maxPH, "a pH above 0 and at most 14");
        }
        nonNegative("optimize.acidPrice", acidPrice);
        nonNegative("optimize.basePrice", basePrice);
        if (!(acidPrice + basePrice > 0)) {
            throw new InvalidInputException("optimize.basePrice", basePrice, "above 0 when acidPrice is 0");
        }
        if (maxEvaluations < 10 || maxEvaluations > 100_000) {
            throw new InvalidInputException("optimize.maxEvaluations", maxEvaluations, "an integer from 10 to 100000");
        }
        if (scrubFlow != null) {
            scrubFlow = range("optimize.scrubFlow", scrubFlow, 0, true, Double.POSITIVE_INFINITY, "L/h");
            if (!(scrubAcidity > 0) || !Double.isFinite(scrubAcidity)) {
                throw new InvalidInputException("optimize.scrubAcidity", scrubAcidity, "greater than 0 mol/L H+ when "
                        + "optimize.scrubFlow is searched (default flows.scrubAcidity, which this case leaves at 0)");
            }
        }
        if (stripAcidity != null) {
            stripAcidity = range("optimize.stripAcidity", stripAcidity, 0, false, Double.POSITIVE_INFINITY, "mol/L H+");
        }
        extractionStages = stageRange("optimize.extractionStages", extractionStages);
        scrubStages = stageRange("optimize.scrubStages", scrubStages);
        stripStages = stageRange("optimize.stripStages", stripStages);
        if (maxStageCounts < 1 || maxStageCounts > 10_000) {
            throw new InvalidInputException("optimize.maxStageCounts", maxStageCounts, "an integer from 1 to 10000");
        }
    }

    private static int[] stageRange(String field, int[] r) {
        if (r == null) {
            return null;
        }
        if (r[0] < 1 || r[0] > MAX_SECTION_STAGES) {
            throw new InvalidInputException(field + ".min", r[0], "an integer from 1 to " + MAX_SECTION_STAGES
                    + " (stages)");
        }
        if (r[1] < r[0] || r[1] > MAX_SECTION_STAGES) {
            throw new InvalidInputException(field + ".max", r[1], "an integer from min = " + r[0] + " to "
                    + MAX_SECTION_STAGES + " (stages)");
        }
        return r.clone();
    }

    /** The defaults for a case: flows from half to twice the case's, saponification 0 … 0.9, reflux 0 … 0.999. */
    public static MassActionSettings defaults(MassActionCase c) {
        MassActionFlows f = c.flows();
        return new MassActionSettings(new double[] {f.organicFlow() / 2, f.organicFlow() * 2},
                new double[] {0, DEFAULT_MAX_SAPONIFICATION}, new double[] {f.stripFlow() / 2, f.stripFlow() * 2},
                new double[] {0, DEFAULT_MAX_REFLUX}, DEFAULT_MAX_STRIPPED, DEFAULT_MAX_PH, 1, 1, null,
                DEFAULT_MAX_EVALUATIONS, null, Double.NaN, null, null, null, null, DEFAULT_MAX_STAGE_COUNTS);
    }

    /**
     * The settings of a case file: its {@code optimize} section (the mapping, or {@code null} when
     * the file has none) over the defaults. Unknown keys are errors.
     */
    public static MassActionSettings read(JsonNode section, MassActionCase c) {
        MassActionSettings d = defaults(c);
        if (section == null || section.isNull()) {
            return d;
        }
        YamlMapping m = new YamlMapping(section, "optimize");
        m.allow(KEYS);
        return new MassActionSettings(range(m, "organicFlow", d.organicFlow), range(m, "saponification",
                d.saponification), range(m, "stripFlow", d.stripFlow), range(m, "reflux", d.reflux),
                m.has("maxStrippedRareEarth") ? m.number("maxStrippedRareEarth") : d.maxStrippedRareEarth,
                m.has("maxPH") ? m.number("maxPH") : d.maxPH, m.has("acidPrice") ? m.number("acidPrice") : 1,
                m.has("basePrice") ? m.number("basePrice") : 1, m.optText("currency", null),
                m.has("maxEvaluations") ? m.integer("maxEvaluations") : d.maxEvaluations,
                m.has("scrubFlow") ? range(m, "scrubFlow", new double[] {0, Double.NaN}) : null,
                m.has("scrubAcidity") ? m.number("scrubAcidity") : c.flows().scrubAcidity(),
                m.has("stripAcidity") ? range(m, "stripAcidity", new double[] {c.flows().stripAcidity() / 2,
                        c.flows().stripAcidity() * 2}) : null,
                stageRange(m, "extractionStages", c.cascade().extractionStages()),
                stageRange(m, "scrubStages", c.cascade().scrubStages()), stageRange(m, "stripStages", c.stripStages()),
                m.has("maxStageCounts") ? m.integer("maxStageCounts") : d.maxStageCounts);
    }

    /** A section's {min, max} stages, either defaulting to the case's count, or {@code null} when not given. */
    private static int[] stageRange(YamlMapping m, String key, int caseCount) {
        if (!m.has(key)) {
            return null;
        }
        YamlMapping r = m.obj(key);
        r.allow(RANGE);
        return new int[] {r.has("min") ? r.integer("min") : Math.min(1, caseCount),
            r.has("max") ? r.integer("max") : caseCount};
    }

    private static double[] range(YamlMapping m, String key, double[] fallback) {
        if (!m.has(key)) {
            return fallback;
        }
        YamlMapping r = m.obj(key);
        r.allow(RANGE);
        return new double[] {r.has("min") ? r.number("min") : fallback[0], r.has("max") ? r.number("max") : fallback[1]};
    }

    private static double[] range(String field, double[] r, double low, boolean lowIncluded, double high, String unit) {
        if (r == null || r.length != 2) {
            throw new IllegalArgumentException(field + " needs {min, max}");
        }
        double min = r[0];
        double max = r[1];
        if (!(lowIncluded ? min >= low : min > low) || !Double.isFinite(min)) {
            throw new InvalidInputException(field + ".min", min, (lowIncluded ? "at least " : "greater than ") + low
                    + " (" + unit + ")");
        }
        if (!(max < high) || !Double.isFinite(max) || !(max > min)) {
            throw new InvalidInputException(field + ".max", max, "above min = " + min
                    + (Double.isFinite(high) ? " and below " + high : "") + " (" + unit + ")");
        }
        return r.clone();
    }

    private static void nonNegative(String field, double x) {
        if (!(x >= 0) || !Double.isFinite(x)) {
            throw new InvalidInputException(field, x, "a finite weight ≥ 0");
        }
    }

    /** Whether the objective weights are prices (a currency was given). */
    public boolean priced() {
        return currency != null;
    }

    /** Unit of the objective. */
    public String objectiveUnit() {
        return currency != null ? currency + " per mol RE fed" : acidPrice == 1 && basePrice == 1
                ? "mol (acid + base) per mol RE fed" : "weighted mol per mol RE fed";
    }

    @Override
    public double[] organicFlow() {
        return organicFlow.clone();
    }

    @Override
    public double[] saponification() {
        return saponification.clone();
    }

    @Override
    public double[] stripFlow() {
        return stripFlow.clone();
    }

    @Override
    public double[] reflux() {
        return reflux.clone();
    }

    /** {min, max} of the searched scrub acid flow, or {@code null} when it is fixed. */
    @Override
    public double[] scrubFlow() {
        return scrubFlow == null ? null : scrubFlow.clone();
    }

    /** Whether any section's stage count is searched. */
    public boolean searchesStages() {
        return extractionStages != null || scrubStages != null || stripStages != null;
    }

    /**
     * Flow settings a stage search evaluates at each stage count it tries before the full search
     * at the best: a fifth of {@link #maxEvaluations()}, at least 10.
     */
    public int stageEvaluations() {
        return Math.max(10, maxEvaluations / 5);
    }

    /** {min, max} of a searched section (0 extraction, 1 scrub, 2 strip), or {@code null} when fixed. */
    public int[] stageRange(int section) {
        int[] r = section == 0 ? extractionStages : section == 1 ? scrubStages : stripStages;
        return r == null ? null : r.clone();
    }

    /** {min, max} of the searched strip acidity, or {@code null} when it is fixed. */
    @Override
    public double[] stripAcidity() {
        return stripAcidity == null ? null : stripAcidity.clone();
    }
}
