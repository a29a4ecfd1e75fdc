package org.sxcascade.design;

/**
 * What {@code design} was asked besides the case file: the flow choice, the stage limit, the
 * reagent excess, targets from the command line and the options given. {@link Designer}
 * applies each to the case's model or refuses it with a message naming the option.
 *
 * @param choice        how the flows are chosen (Xu's optimum, a margin over the minimum, or fixed)
 * @param maxStages     largest n + m to consider
 * @param reagentExcess excess of strip acid and saponification base over 3 mol per mol RE
 * @param targets       targets given on the command line
 * @param given         every option given on the command line, by name, with its value as typed
 *                      ({@link OptionRefusals})
 */
public record DesignRequest(FlowChoice choice, int maxStages, double reagentExcess, TargetOverrides targets,
                            java.util.Map<String, String> given) {
    public DesignRequest {
        given = java.util.Map.copyOf(given);
    }
}
