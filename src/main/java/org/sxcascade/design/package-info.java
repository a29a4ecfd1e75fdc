/**
 * {@code sxcascade design} for every model, through the one entry point
 * {@link org.sxcascade.design.Designer}: Xu Guangxian's closed-form static design of a
 * two-section countercurrent cascade for a binary (or two-group) separation from purity targets
 * (product split, optimum and minimum flows, extraction ratios and stage-number estimates;
 * {@link org.sxcascade.design.XuDesign}), verified stage by stage
 * ({@link org.sxcascade.design.CascadeDesigner}), and the plant design of mass-action cascades
 * built on it ({@link org.sxcascade.design.PlantFlowDesign}). Shared by every model and by
 * {@code optimize}: the target margins ({@link org.sxcascade.design.TargetMargin}) and the stage
 * search ({@link org.sxcascade.design.StageSearch}: growth to a cascade that meets the targets,
 * the staircase of the fewest stages, the bisection on one section). See {@code docs/design.md}.
 */
package org.sxcascade.design;
