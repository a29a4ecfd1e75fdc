package org.sxcascade.model;

import org.sxcascade.dynamics.*;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sxcascade.solver.CascadeNetwork;

/**
 * The configurations of a transient model (the case at t = 0 and after each event) with their
 * stage networks, shared by the models of each case type.
 *
 * @param <C> the case type
 */
abstract class ConfiguredModel<C> implements TransientModel {
    /** The case at t = 0, then after each event. */
    final List<C> configurations = new ArrayList<>();
    /** The stage network of each configuration, in the dynamics' unit. */
    final CascadeNetwork[] networks;

    /**
     * @param first   the case at t = 0
     * @param events  the events, in time order
     * @param apply   the case after an event (errors name the event's field)
     * @param network the stage network of a case
     * @param withDraws whether a case has side draws (they must fit the flows after every event)
     */
    ConfiguredModel(C first, List<TransientEvent> events, java.util.function.BiFunction<TransientEvent, C, C> apply,
                    Function<C, CascadeNetwork> network, java.util.function.Predicate<C> withDraws) {
        C c = first;
        configurations.add(c);
        for (int i = 0; i < events.size(); i++) {
            try {
                c = apply.apply(events.get(i), c);
            } catch (org.sxcascade.model.InvalidInputException x) {
                throw x.field().startsWith("transient") ? x : x.under("transient.events[" + i + "]");
            }
            if (withDraws.test(c)) {
                try {
                    network.apply(c); // the side draws must fit the flows after the event
                } catch (org.sxcascade.model.InvalidInputException x) {
                    throw new org.sxcascade.model.InvalidInputException(x.field(), x.value(), x.allowed()
                            + " after transient.events[" + i + "]");
                }
            }
            configurations.add(c);
        }
        networks = new CascadeNetwork[configurations.size()];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = network.apply(configurations.get(i));
        }
    }

    /** The case at t = 0. */
    final C first() {
        return configurations.get(0);
    }

    @Override
    public final int configurations() {
        return configurations.size();
    }

    @Override
    public final CascadeNetwork network(int i) {
        return networks[i];
    }
}
