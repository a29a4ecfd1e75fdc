package org.sxcascade.dynamics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.Feed;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.OperatingFlows;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;

/**
 * A step change at a given time: every non-null field replaces the value in effect. Plant
 * quantities (L/h) need a case with volumetric flows (plant flows for the CMER model, or the
 * linear model); S and W need a case given in Xu's normalised flows.
 *
 * @param hours           when the step happens, h after the start
 * @param feedComposition new feed mole fractions (case component order), or {@code null}
 * @param feedFlow        new feed flow, L/h, or {@code null}
 * @param organicFlow     new organic flow into stage 1, L/h, or {@code null}
 * @param scrubFlow       new scrub liquor flow into stage N, L/h, or {@code null}
 * @param extractant      new S, mol RE per mol RE fed, or {@code null}
 * @param scrub           new W, mol RE per mol RE fed, or {@code null}
 * @param saponification  new fraction of the organic's extractant saponified (mass action), or {@code null}
 * @param scrubAcidity    new free acid of the fresh scrub liquor, mol/L (mass action), or {@code null}
 * @param stripFlow       new strip acid flow, L/h (mass action), or {@code null}
 * @param stripAcidity    new free acid of the strip acid, mol/L (mass action), or {@code null}
 * @param reflux          new fraction of the strip liquor returned as scrub liquor (mass action), or {@code null}
 */
public record TransientEvent(double hours, double[] feedComposition, Double feedFlow, Double organicFlow,
                             Double scrubFlow, Double extractant, Double scrub, Double saponification,
                             Double scrubAcidity, Double stripFlow, Double stripAcidity, Double reflux) {
    /** The keys of the chemistry changes, which only a mass-action case has. */
    public static final List<String> CHEMISTRY = List.of("saponification", "scrubAcidity", "stripFlow",
            "stripAcidity", "reflux");

    public TransientEvent {
        if (!(hours > 0) || !Double.isFinite(hours)) {
            throw new InvalidInputException("at", hours + " h", "a time after the start (> 0)");
        }
        if (feedComposition == null && feedFlow == null && organicFlow == null && scrubFlow == null
                && extractant == null && scrub == null && saponification == null && scrubAcidity == null
                && stripFlow == null && stripAcidity == null && reflux == null) {
            throw new InvalidInputException("(event)", "no change", "at least one of feedComposition, feedFlow, "
                    + "organicFlow, scrubFlow, extractant, scrub, saponification, scrubAcidity, stripFlow, "
                    + "stripAcidity, reflux");
        }
        if (saponification != null && !(saponification >= 0 && saponification < 1)) {
            throw new InvalidInputException("saponification", saponification, "a fraction from 0 to below 1");
        }
        if (reflux != null && !(reflux >= 0 && reflux < 1)) {
            throw new InvalidInputException("reflux", reflux, "a fraction from 0 to below 1");
        }
        for (Object[] f : new Object[][] {{"scrubAcidity", scrubAcidity, "mol/L"}, {"stripFlow", stripFlow, "L/h"},
                {"stripAcidity", stripAcidity, "mol/L"}}) {
            Double v = (Double) f[1];
            if (v != null && (!(v >= 0) || !Double.isFinite(v))) {
                throw new InvalidInputException((String) f[0], v, "a finite number ≥ 0 (" + f[2] + ")");
            }
        }
        feedComposition = feedComposition == null ? null : feedComposition.clone();
        if (feedFlow != null) {
            InvalidInputException.requirePositive("feedFlow", feedFlow);
        }
        if (organicFlow != null) {
            InvalidInputException.requirePositive("organicFlow", organicFlow);
        }
        if (scrubFlow != null && (!(scrubFlow >= 0) || !Double.isFinite(scrubFlow))) {
            throw new InvalidInputException("scrubFlow", scrubFlow, "a finite number ≥ 0 (L/h)");
        }
        if (extractant != null) {
            InvalidInputException.requirePositive("extractant", extractant);
        }
        if (scrub != null) {
            InvalidInputException.requirePositive("scrub", scrub);
        }
    }

    /** A change of the feed, the organic flow, the scrub flow or S and W (the inputs every model has). */
    public TransientEvent(double hours, double[] feedComposition, Double feedFlow, Double organicFlow,
                          Double scrubFlow, Double extractant, Double scrub) {
        this(hours, feedComposition, feedFlow, organicFlow, scrubFlow, extractant, scrub, null, null, null, null,
                null);
    }

    /** The first chemistry change of this event (a key of {@link #CHEMISTRY}), or {@code null}. */
    public String chemistryChange() {
        Double[] v = {saponification, scrubAcidity, stripFlow, stripAcidity, reflux};
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                return CHEMISTRY.get(i);
            }
        }
        return null;
    }

    @Override
    public double[] feedComposition() {
        return feedComposition == null ? null : feedComposition.clone();
    }

    /**
     * The case after this step. The result is validated like any case (feasible flows, fractions
     * summing to 1); errors name the event's field.
     */
    public CascadeCase applyTo(CascadeCase c) {
        String chemistry = chemistryChange();
        if (chemistry != null) {
            throw new InvalidInputException(chemistry, "a change", "feedComposition, feedFlow, organicFlow, "
                    + "scrubFlow, extractant or scrub for a " + (c.equilibrium() instanceof org.sxcascade.equilibrium.ConstantDistributionRatios ? "distribution-ratios"
                    : "separation-factors") + " case: saponification, acidities, the strip flow and the reflux are "
                    + "inputs of mass-action cases only");
        }
        Feed feed = c.feed();
        OperatingFlows flows = c.flows();
        boolean plantChange = feedFlow != null || organicFlow != null || scrubFlow != null;
        boolean xuChange = extractant != null || scrub != null;
        Double newFeedFlow = feedFlow != null ? feedFlow : feed.volumetricFlow();
        if (flows instanceof XuFlows xu && xu.engineering() == null) {
            if (plantChange) {
                throw new InvalidInputException(feedFlow != null ? "feedFlow" : organicFlow != null ? "organicFlow"
                        : "scrubFlow", "a flow in L/h", "extractant and scrub (S, W) changes: the case gives its flows "
                        + "as S and W, not in plant units");
            }
            if (xuChange) {
                flows = new XuFlows(extractant != null ? extractant : xu.extractant(), scrub != null ? scrub : xu.scrub());
            }
        } else {
            if (xuChange) {
                throw new InvalidInputException(extractant != null ? "extractant" : "scrub", "S or W",
                        "feedFlow, organicFlow and scrubFlow changes in L/h: the case gives plant flows");
            }
            if (flows instanceof XuFlows xu) {
                EngineeringFlows e = xu.engineering();
                flows = XuFlows.from(new EngineeringFlows(newFeedFlow, e.feedConcentration(),
                        organicFlow != null ? organicFlow : e.organicFlow(), e.organicLoading(),
                        scrubFlow != null ? scrubFlow : e.scrubFlow(), e.scrubAcidity()));
            } else if (flows instanceof VolumetricFlows v) {
                flows = new VolumetricFlows(newFeedFlow, organicFlow != null ? organicFlow : v.organicFlow(),
                        scrubFlow != null ? scrubFlow : v.scrubFlow());
            }
        }
        double[] z = feedComposition != null ? feedComposition : feed.composition();
        if (z.length != c.components().size()) {
            throw new InvalidInputException("feedComposition", z.length + " fractions",
                    "one mole fraction for each of the " + c.components().size() + " components");
        }
        Feed newFeed;
        try {
            newFeed = new Feed(feed.phase(), z, newFeedFlow, feed.concentration());
        } catch (InvalidInputException e) {
            throw e.field().startsWith("composition") ? new InvalidInputException("feedComposition"
                    + e.field().substring("composition".length()), e.value(), e.allowed()) : e;
        }
        return new CascadeCase(c.name(), c.components(), c.equilibrium(), newFeed, c.cascade(), flows,
                c.organicTarget(), c.aqueousTarget(), c.solver(), c.stageOptions());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransientEvent e && e.hours == hours && Arrays.equals(e.feedComposition, feedComposition)
                && Objects.equals(e.feedFlow, feedFlow) && Objects.equals(e.organicFlow, organicFlow)
                && Objects.equals(e.scrubFlow, scrubFlow) && Objects.equals(e.extractant, extractant)
                && Objects.equals(e.scrub, scrub) && Objects.equals(e.saponification, saponification)
                && Objects.equals(e.scrubAcidity, scrubAcidity) && Objects.equals(e.stripFlow, stripFlow)
                && Objects.equals(e.stripAcidity, stripAcidity) && Objects.equals(e.reflux, reflux);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hours, Arrays.hashCode(feedComposition), feedFlow, organicFlow, scrubFlow, extractant, scrub,
                saponification, scrubAcidity, stripFlow, stripAcidity, reflux);
    }

    @Override
    public String toString() {
        return "TransientEvent[" + describe() + "]";
    }

    /** What changes, in words with units, e.g. {@code at 120 h: feedFlow 110 L/h}. */
    public String describe() {
        StringBuilder b = new StringBuilder("at ").append(Times.format(hours)).append(':');
        if (feedComposition != null) {
            b.append(" feed composition ").append(Arrays.toString(feedComposition));
        }
        if (feedFlow != null) {
            b.append(" feed flow ").append(feedFlow).append(" L/h");
        }
        if (organicFlow != null) {
            b.append(" organic flow ").append(organicFlow).append(" L/h");
        }
        if (scrubFlow != null) {
            b.append(" scrub flow ").append(scrubFlow).append(" L/h");
        }
        if (extractant != null) {
            b.append(" S = ").append(extractant);
        }
        if (scrub != null) {
            b.append(" W = ").append(scrub);
        }
        if (saponification != null) {
            b.append(" saponification ").append(saponification);
        }
        if (scrubAcidity != null) {
            b.append(" scrub acidity ").append(scrubAcidity).append(" mol/L");
        }
        if (stripFlow != null) {
            b.append(" strip flow ").append(stripFlow).append(" L/h");
        }
        if (stripAcidity != null) {
            b.append(" strip acidity ").append(stripAcidity).append(" mol/L");
        }
        if (reflux != null) {
            b.append(" reflux ").append(reflux);
        }
        return b.toString();
    }
}
