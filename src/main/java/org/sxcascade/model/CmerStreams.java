package org.sxcascade.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.report.Formats;

/**
 * The streams of a CMER flowsheet ({@code model: separation-factors}): a stream is its RE
 * component flows in mol per mol of fresh RE, and its RE total is fixed by the flowsheet's metal
 * balance, so torn streams start at, and are rescaled to, their exact totals.
 *
 * @param separationFactors the separation factors, one per component
 */
public record CmerStreams(ConstantSeparationFactors separationFactors) implements StreamModel {

    @Override
    public EquilibriumModel equilibrium() {
        return separationFactors;
    }

    @Override
    public StreamModel atFeedTotal(double feedTotal) {
        return this;
    }

    @Override
    public int listedCount() {
        return separationFactors.componentCount();
    }

    @Override
    public String cation() {
        return null;
    }

    @Override
    public String label() {
        return "CMER";
    }

    @Override
    public String key() {
        return "separation-factors";
    }

    @Override
    public boolean solutionFeeds() {
        return false;
    }

    @Override
    public String feedRule() {
        return "an amount of RE (no solution) in a CMER flowsheet";
    }

    @Override
    public String totalWords() {
        return "an RE";
    }

    @Override
    public List<String> streamComponents(List<String> components) {
        return components;
    }

    /** Its share of each RE. */
    @Override
    public double[] freshStream(double share, double[] composition, double flow, double concentration,
                                double acidity) {
        double[] z = new double[composition.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = share * composition[j];
        }
        return z;
    }

    @Override
    public boolean exactTotals() {
        return true;
    }

    @Override
    public double extractability(int j) {
        return separationFactors.separationFactor(j);
    }

    /** Its exact RE total with the composition z. */
    @Override
    public double[] startStream(double fixedTotal, double[] z, double feedTotal, double feedVolume, double feedAcid,
                                FeedPhase phase) {
        double[] x = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            x[j] = fixedTotal * z[j];
        }
        return x;
    }

    /** Rescaled to its exact RE total (the metal balance's). */
    @Override
    public void project(double[] flows, double fixedTotal, FeedPhase phase) {
        double sum = 0;
        for (double f : flows) {
            sum += f;
        }
        if (sum > 0) {
            for (int j = 0; j < flows.length; j++) {
                flows[j] *= fixedTotal / sum;
            }
        }
    }

    @Override
    public String startText(String start) {
        return switch (start) {
            case "sharp" -> "exact totals, compositions of a sharp split";
            case "feed" -> "exact totals with the fresh feed's composition";
            default -> "exact totals with equal fractions";
        };
    }

    @Override
    public String modelText(List<String> components) {
        StringBuilder model = new StringBuilder("constant mixed extraction ratio (CMER); separation factors");
        for (int j = 0; j < components.size(); j++) {
            model.append(' ').append(components.get(j)).append(' ')
                    .append(Formats.general(separationFactors.separationFactor(j)));
        }
        return model.toString();
    }

    @Override
    public Map<String, Object> modelJson(List<String> components) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", key());
        Map<String, Object> beta = new LinkedHashMap<>();
        for (int j = 0; j < components.size(); j++) {
            beta.put(components.get(j), separationFactors.separationFactor(j));
        }
        o.put("separationFactors", beta);
        return o;
    }

    @Override
    public String amountUnit() {
        return "per unit time";
    }

    @Override
    public String tornLine(String stream, String takers, double reTotal, double fixedTotal) {
        return String.format(Locale.ROOT, "  %s → %s; RE total %s fixed by the metal balance%n", stream, takers,
                Formats.fixed(fixedTotal));
    }

    @Override
    public Map<String, Object> tornJson(double reTotal, double fixedTotal) {
        return Map.of("total", fixedTotal);
    }
}
