package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFeed;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.solver.CascadeNetwork;

/**
 * A mass-action cascade ({@code model: mass-action}, docs/mass-action.md) with its transient
 * settings, checked together. The start-up simulation models equilibrium stages, so every section
 * must have a Murphree efficiency of 1. Events may change what maps onto the plant flows of a
 * mass-action case: the feed composition (rare earths), the feed flow, the organic flow and the
 * fresh scrub acid flow (L/h); the normalised S and W of an event are refused, since a mass-action
 * case has no such inputs (errors name {@code transient.events[i]}). Side draws (L/h) stay as the
 * case gives them and must fit the flows after every event.
 *
 * @param massActionCase the cascade at t = 0
 * @param settings       hold-ups, times, events
 */
public record MassActionTransientCase(MassActionCase massActionCase, TransientSettings settings) {
    public MassActionTransientCase {
        if (massActionCase == null || settings == null) {
            throw new InvalidInputException("transient", "(missing)", "a cascade and its transient settings");
        }
        double[] e = massActionCase.efficiency();
        String[] sections = {"extraction", "scrub", "strip"};
        for (int i = 0; i < e.length; i++) {
            if (e[i] != 1.0) {
                throw new InvalidInputException("efficiency." + sections[i], e[i], "1 (or no efficiency) in a case "
                        + "with a transient section: the start-up simulation models equilibrium stages");
            }
        }
        MassActionCase c = massActionCase;
        for (int i = 0; i < settings.events().size(); i++) {
            try {
                c = applyEvent(settings.events().get(i), c);
            } catch (InvalidInputException x) {
                throw x.field().startsWith("transient") ? x : x.under("transient.events[" + i + "]");
            }
            if (!c.sideDraws().isEmpty()) {
                try {
                    CascadeNetwork.massAction(c); // the side draws (L/h) must fit the flows after the event
                } catch (InvalidInputException x) {
                    throw new InvalidInputException(x.field(), x.value(), x.allowed() + " after transient.events[" + i
                            + "]");
                }
            }
        }
    }

    /**
     * The cascade in effect after each event: element 0 is the case at t = 0, element i the case
     * after event i − 1. Every element keeps the equilibrium of the case at t = 0, so that component
     * flows stay in one unit (mol per mol/h of RE fed at t = 0) through the run.
     */
    public List<MassActionCase> configurations() {
        List<MassActionCase> list = new ArrayList<>();
        MassActionCase c = massActionCase;
        list.add(c);
        for (TransientEvent e : settings.events()) {
            c = applyEvent(e, c);
            list.add(c);
        }
        return list;
    }

    /** The case after an event; errors name the event's field. */
    static MassActionCase applyEvent(TransientEvent e, MassActionCase c) {
        if (e.extractant() != null || e.scrub() != null) {
            throw new InvalidInputException(e.extractant() != null ? "extractant" : "scrub",
                    e.extractant() != null ? "S = " + e.extractant() : "W = " + e.scrub(),
                    "feedComposition, feedFlow, organicFlow or scrubFlow (L/h) for a mass-action case: its flows "
                            + "are plant flows, S and W are results");
        }
        if ((e.feedComposition() != null || e.feedFlow() != null) && c.feeds().size() > 1) {
            throw new InvalidInputException(e.feedComposition() != null ? "feedComposition" : "feedFlow",
                    e.feedComposition() != null ? "a composition" : e.feedFlow(),
                    "organicFlow or scrubFlow only for a case with several feeds (feed events change the single feed)");
        }
        MassActionFeed single = c.feeds().get(0);
        Feed feed = single.feed();
        double[] z = e.feedComposition() != null ? e.feedComposition() : feed.composition();
        if (z.length != c.rareEarths().size()) {
            throw new InvalidInputException("feedComposition", z.length + " fractions",
                    "one mole fraction for each of the " + c.rareEarths().size() + " rare earths");
        }
        Feed newFeed;
        try {
            newFeed = new Feed(FeedPhase.AQUEOUS, z, e.feedFlow() != null ? e.feedFlow() : feed.volumetricFlow(),
                    feed.concentration());
        } catch (InvalidInputException x) {
            throw x.field().startsWith("composition") ? new InvalidInputException("feedComposition"
                    + x.field().substring("composition".length()), x.value(), x.allowed()) : x;
        }
        MassActionFlows f = c.flows();
        MassActionFlows flows;
        try {
            flows = new MassActionFlows(e.organicFlow() != null ? e.organicFlow() : f.organicFlow(), f.saponification(),
                    e.scrubFlow() != null ? e.scrubFlow() : f.scrubFlow(), f.scrubAcidity(), f.stripFlow(),
                    f.stripAcidity(), f.reflux());
        } catch (InvalidInputException x) {
            throw x.field().equals("flows.scrubAcidity") ? new InvalidInputException("scrubFlow", e.scrubFlow(),
                    "0 L/h for a case without flows.scrubAcidity (fresh scrub acid needs an acidity)") : x;
        }
        try {
            return c.withFlows(flows).withFeeds(List.of(new MassActionFeed(single.name(), newFeed, single.acidity(),
                    single.stage())));
        } catch (InvalidInputException x) {
            throw x.field().equals("flows.scrubFlow") ? new InvalidInputException("scrubFlow", e.scrubFlow(),
                    x.allowed()) : x;
        }
    }

    /**
     * A configuration with the equilibrium in its own unit (its molar scale its own RE feed rate), as
     * {@code simulate} reads the case: what its steady state is solved and reported in.
     */
    static MassActionCase ownUnits(MassActionCase c) {
        MassActionEquilibrium eq = c.equilibrium();
        if (eq.molarScale() == c.feedRate()) {
            return c;
        }
        return c.withEquilibrium(eq.withMolarScale(c.feedRate()));
    }
}
