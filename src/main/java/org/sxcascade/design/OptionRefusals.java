package org.sxcascade.design;

import java.util.List;
import java.util.Map;
import org.sxcascade.model.InvalidInputException;

/**
 * The one rule by which {@code design} and {@code optimize} refuse command-line options that have
 * no meaning for a case's model (a mass-action case takes its targets and bounds from the case
 * file; a distribution-ratios case has no metal flows S and W): the first of the options given is
 * refused, exit code 2, naming it and the value as typed.
 */
public final class OptionRefusals {
    private OptionRefusals() {
    }

    /**
     * @param given   every option given on the command line, by name, with its value as typed
     * @param options the options the model does not take, in the order they are checked
     * @param allowed what to do instead, as the message's "allowed" part
     * @throws InvalidInputException for the first of {@code options} in {@code given}
     */
    public static void refuse(Map<String, String> given, List<String> options, String allowed) {
        for (String option : options) {
            if (given.containsKey(option)) {
                throw new InvalidInputException(option, given.get(option), allowed);
            }
        }
    }
}
