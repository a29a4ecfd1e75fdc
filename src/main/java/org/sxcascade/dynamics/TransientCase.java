package org.sxcascade.dynamics;

import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;

/**
 * A cascade of any model with its transient settings, checked together: the hold-up must suit the
 * case (volumes need plant flows), and every event must leave a valid cascade (errors name
 * {@code transient.events[i]}).
 *
 * @param model    the case at t = 0 and after each event, through its model
 * @param settings hold-ups, times, events
 */
public record TransientCase(TransientModel model, TransientSettings settings) {
    public TransientCase {
        if (model == null || settings == null) {
            throw new InvalidInputException("transient", "(missing)", "a cascade and its transient settings");
        }
        model.check(settings.holdUp());
    }

    /** A CMER or constant-D case with its settings. */
    public static TransientCase of(CascadeCase c, TransientSettings settings) {
        if (c == null || settings == null) {
            throw new InvalidInputException("transient", "(missing)", "a cascade and its transient settings");
        }
        return new TransientCase(TransientModel.of(c, settings.events()), settings);
    }

    /** A mass-action case with its settings. */
    public static TransientCase of(MassActionCase c, TransientSettings settings) {
        if (c == null || settings == null) {
            throw new InvalidInputException("transient", "(missing)", "a cascade and its transient settings");
        }
        return new TransientCase(TransientModel.of(c, settings.events()), settings);
    }

    /** The same case with other settings (the same events). */
    public TransientCase withSettings(TransientSettings s) {
        if (!s.events().equals(settings.events())) {
            throw new IllegalArgumentException("new settings must keep the events");
        }
        return new TransientCase(model, s);
    }
}
