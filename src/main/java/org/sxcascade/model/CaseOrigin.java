package org.sxcascade.model;

import java.util.List;

/**
 * How a case file was made, as {@code design --case-out} and {@code optimize --case-out} record it
 * in the case's {@code origin} section (docs/case-format.md): the command, what it minimized and the
 * value reached, the exact optimum's value when a margin was kept for the rounding of the flows,
 * the constraints that held the result where it is, and the digits its flows were rounded to.
 * {@code report} shows it with the case's own design.
 *
 * @param command     {@code design} or {@code optimize}
 * @param objective   what was minimized, in words ("least Xu's production indicator Φ = S·(n + m)"), or
 *                    {@code null} (a design)
 * @param value       the objective's value at the written case, or {@code null}
 * @param unit        its unit, or {@code null}
 * @param exactValue  the exact optimum's value (at the targets themselves) when a margin was kept, or {@code null}
 * @param marginNines the margin kept for the rounding, in nines, or {@code null}
 * @param digits      the significant digits the written flows were rounded to, or {@code null} (exact flows)
 * @param binding     the constraints that hold the result where it is, in words (possibly none)
 */
public record CaseOrigin(String command, String objective, Double value, String unit, Double exactValue,
                         Double marginNines, Integer digits, List<String> binding) {
    /** The commands that write an origin section. */
    public static final List<String> COMMANDS = List.of("design", "optimize");

    public CaseOrigin {
        if (!COMMANDS.contains(command)) {
            throw new InvalidInputException("origin.command", command, "design or optimize");
        }
        binding = binding == null ? List.of() : List.copyOf(binding);
    }
}
