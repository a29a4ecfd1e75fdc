package org.sxcascade.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.report.Formats;

/**
 * The streams of a mass-action flowsheet ({@code model: mass-action}, docs/flowsheets.md): a
 * stream carries its rare earths, the saponifying cation and its free acid (component flows in mol
 * per mol of fresh RE, the model's molar scale being the fresh RE in mol/h), and its volume (L/h)
 * is what the flowsheet's volume balance fixes; RE, cation and acid of torn streams are iterated.
 *
 * @param equilibrium the mass-action model
 * @param cation      the saponifying cation's name
 */
public record MassActionStreams(MassActionEquilibrium equilibrium, String cation) implements StreamModel {
    public MassActionStreams {
        java.util.Objects.requireNonNull(equilibrium, "equilibrium");
        java.util.Objects.requireNonNull(cation, "cation");
    }

    /** The model at molar scale {@code feedTotal} mol/h, so that flows read as mol per mol of fresh RE. */
    @Override
    public StreamModel atFeedTotal(double feedTotal) {
        return new MassActionStreams(equilibrium.withMolarScale(feedTotal), cation);
    }

    @Override
    public int listedCount() {
        return equilibrium.rareEarthCount();
    }

    @Override
    public String label() {
        return "mass-action";
    }

    @Override
    public String key() {
        return "mass-action";
    }

    @Override
    public boolean solutionFeeds() {
        return true;
    }

    @Override
    public String feedRule() {
        return "an aqueous solution with flow (L/h), concentration (mol/L RE) and acidity (mol/L H+) in a "
                + "mass-action flowsheet";
    }

    @Override
    public String totalWords() {
        return "a volume (L/h)";
    }

    /**
     * A phase links only into the same phase: an aqueous stream (a fresh feed, a raffinate, a strip
     * liquor, an aqueous draw) into an aqueous inlet, an organic one (a cascade's organic outlet
     * or an organic draw) into an organic inlet, where it joins the organic of its stage (by default
     * the cascade's own organic at stage 1; {@link MassActionTemplate}). An organic's H is its extractant's, an aqueous stream's its
     * free acid: read in the other phase they would mean something else.
     */
    @Override
    public void checkLink(String field, String from, FeedPhase sourcePhase, FeedPhase inletPhase) {
        FeedPhase source = sourcePhase == null ? FeedPhase.AQUEOUS : sourcePhase;
        if (source != inletPhase) {
            throw new InvalidInputException(field, from, (inletPhase == FeedPhase.ORGANIC
                    ? "an organic stream (<cascade>.organic or an organic side draw) for an organic inlet: " + from
                    + " is " + (sourcePhase == null ? "a fresh feed, an aqueous solution" : "aqueous")
                    : "an aqueous stream (a fresh feed, <cascade>.raffinate, <cascade>.strip or an aqueous side draw) "
                    + "for an aqueous inlet: " + from + " is an organic")
                    + "; in a mass-action flowsheet a stream is linked into the phase it leaves in (an organic carries "
                    + "its extractant, an aqueous stream its free acid; docs/flowsheets.md)");
        }
    }

    /** The rare earths, then the cation and {@code H+} (free acid). */
    @Override
    public List<String> streamComponents(List<String> components) {
        List<String> names = new ArrayList<>(components);
        names.add(cation);
        names.add("H+");
        return List.copyOf(names);
    }

    /** Its RE, no cation and its free acid, at its flow. */
    @Override
    public double[] freshStream(double share, double[] composition, double flow, double concentration,
                                double acidity) {
        double[] concentrations = new double[composition.length];
        for (int j = 0; j < concentrations.length; j++) {
            concentrations[j] = composition[j] * concentration;
        }
        return equilibrium.aqueousStream(flow, concentrations, 0, acidity);
    }

    @Override
    public boolean exactTotals() {
        return false;
    }

    @Override
    public double extractability(int j) {
        return equilibrium.exchangeConstant(j);
    }

    /**
     * An aqueous stream at its exact volume as the fresh feeds' mixed solution (their RE
     * concentration and acidity), no cation; an organic one at its exact volume as barren,
     * unsaponified extractant (all of its 2C sites per litre H).
     */
    @Override
    public double[] startStream(double fixedTotal, double[] z, double feedTotal, double feedVolume, double feedAcid,
                                FeedPhase phase) {
        if (phase == FeedPhase.ORGANIC) {
            return equilibrium.saponifiedOrganic(0, fixedTotal);
        }
        double[] concentrations = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            concentrations[j] = z[j] * feedTotal / feedVolume;
        }
        return equilibrium.aqueousStream(fixedTotal, concentrations, 0, feedAcid / feedVolume);
    }

    /**
     * An organic: H set so that its sites add up, {@code H + 3 Σ RE + M = 2C} per litre at its
     * volume (docs/mass-action.md); an aqueous stream has no such balance.
     */
    @Override
    public void project(double[] flows, double fixedTotal, FeedPhase phase) {
        if (phase != FeedPhase.ORGANIC) {
            return;
        }
        int r = listedCount();
        double sites = equilibrium.saponifiedOrganic(0, fixedTotal)[r + 1];
        double taken = flows[r];
        for (int j = 0; j < r; j++) {
            taken += 3 * flows[j];
        }
        flows[r + 1] = sites - taken;
    }

    /** An organic's free extractant, (H − 3 Σ RE)/2 (mol (HA)₂ in flow units); 0 for an aqueous stream. */
    @Override
    public double capacity(double[] flows, FeedPhase phase) {
        if (phase != FeedPhase.ORGANIC) {
            return 0;
        }
        int r = listedCount();
        double free = flows[r + 1];
        for (int j = 0; j < r; j++) {
            free -= 3 * flows[j];
        }
        return free / 2;
    }

    @Override
    public String startText(String start) {
        return "exact volumes, the fresh feeds' solution" + (start.equals("uniform") ? " with equal fractions" : "");
    }

    /**
     * Each inlet's volume, free acid (an aqueous inlet's; an organic's H is its extractant's, not
     * acid: none) and cation concentration (in an organic, the cation held by the extractant).
     */
    @Override
    public List<InletColumn> inletColumns() {
        int r = listedCount();
        return List.of(new InletColumn("L/h", "volumetricFlow", (f, v, t, p) -> v),
                new InletColumn("acid mol/L", "acidity", (f, v, t, p) -> p == FeedPhase.ORGANIC ? Double.NaN
                        : f[r + 1] * t / v),
                new InletColumn(cation + " mol/L", "cationConcentration", (f, v, t, p) -> f[r] * t / v));
    }

    @Override
    public String modelText(List<String> components) {
        return MassActionCaseView.modelWords(equilibrium, components) + " (docs/mass-action.md)" + "; extractant "
                + Formats.general(equilibrium.extractantConcentration()) + " mol/L as dimer, cation " + cation + " (K "
                + Formats.general(equilibrium.cationExchangeConstant()) + ')';
    }

    @Override
    public Map<String, Object> modelJson(List<String> components) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", key());
        boolean law = MassActionCaseView.isMassActionLaw(equilibrium);
        Map<String, Object> k = new LinkedHashMap<>();
        for (int j = 0; j < components.size(); j++) {
            if (law) {
                k.put(components.get(j), equilibrium.exchangeConstant(j));
            } else {
                Map<String, Object> abc = new LinkedHashMap<>();
                abc.put("pHSlope", equilibrium.acidSlope(j));
                abc.put("dimerSlope", equilibrium.dimerSlope(j));
                abc.put("intercept", Math.log10(equilibrium.exchangeConstant(j)));
                k.put(components.get(j), abc);
            }
        }
        o.put(law ? "exchangeConstants" : "correlations", k);
        Map<String, Object> ex = new LinkedHashMap<>();
        ex.put("concentration", equilibrium.extractantConcentration());
        ex.put("cation", cation);
        ex.put("cationExchangeConstant", equilibrium.cationExchangeConstant());
        o.put("extractant", ex);
        return o;
    }

    @Override
    public String amountUnit() {
        return "RE/h";
    }

    @Override
    public String tornLine(String stream, String takers, double reTotal, double fixedTotal) {
        return String.format(Locale.ROOT, "  %s → %s; RE total %s, volume %s L/h fixed by the volume balance%n", stream,
                takers, Formats.fixed(reTotal), Formats.general(fixedTotal));
    }

    @Override
    public Map<String, Object> tornJson(double reTotal, double fixedTotal) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("total", reTotal);
        o.put("volumetricFlow", fixedTotal);
        return o;
    }
}
