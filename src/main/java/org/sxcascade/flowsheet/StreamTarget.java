package org.sxcascade.flowsheet;

import org.sxcascade.model.ProductTarget;

/**
 * A purity (and/or recovery) target on a cascade outlet of a flowsheet. The purity is judged on
 * the outlet's composition; the recovery is the fraction of the target components' fresh feed
 * that leaves the flowsheet in the outlet's product share.
 *
 * @param stream the outlet, {@code <cascade>.raffinate}, {@code <cascade>.organic} or {@code <cascade>.<draw>}
 * @param target the components that count and the required numbers
 */
public record StreamTarget(String stream, ProductTarget target) {
}
