package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.XuFlows;

/**
 * A cascade with its transient settings, checked together: hold-up volumes need volumetric flows,
 * and every event must leave a valid cascade (errors name {@code transient.events[i]}).
 *
 * @param cascadeCase the cascade at t = 0
 * @param settings    hold-ups, times, events
 */
public record TransientCase(CascadeCase cascadeCase, TransientSettings settings) {
    public TransientCase {
        if (cascadeCase == null || settings == null) {
            throw new InvalidInputException("transient", "(missing)", "a cascade and its transient settings");
        }
        if (settings.holdUp() instanceof HoldUp.Volumes && cascadeCase.flows() instanceof XuFlows xu
                && xu.engineering() == null) {
            throw new InvalidInputException("transient.holdUp", "volumes in L",
                    "residenceTime {aqueous, organic} (e.g. 0.5 h) for a case with flows as S and W; hold-up volumes "
                            + "need plant flows (feed.flow, flows.organicFlow …) to give residence times");
        }
        CascadeCase c = cascadeCase;
        for (int i = 0; i < settings.events().size(); i++) {
            try {
                c = settings.events().get(i).applyTo(c);
            } catch (InvalidInputException e) {
                throw e.under("transient.events[" + i + "]");
            }
        }
    }

    /**
     * The cascade in effect after each event: element 0 is the case at t = 0, element i the case
     * after event i − 1.
     */
    public List<CascadeCase> configurations() {
        List<CascadeCase> list = new ArrayList<>();
        CascadeCase c = cascadeCase;
        list.add(c);
        for (TransientEvent e : settings.events()) {
            c = e.applyTo(c);
            list.add(c);
        }
        return list;
    }
}
