package org.sxcascade.model;

/**
 * How the phases flow through the cascade. The constant-separation-factor (CMER) model takes
 * {@link XuFlows} (metal flows per unit feed); the constant-distribution-ratio model takes
 * {@link VolumetricFlows}.
 */
public sealed interface OperatingFlows permits XuFlows, VolumetricFlows {
}
