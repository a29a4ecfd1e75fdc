/**
 * {@code sxcascade optimize} for every model, through the one entry point
 * {@link org.sxcascade.optimize.Optimization} (the command and {@code sweep} with
 * {@code run: optimize} both call it). For constant separation factors or distribution ratios,
 * the configuration (stage counts n and m, extractant S, scrub W) that meets the purity targets at
 * the least total stages, extractant flow, Xu's production indicator Φ = S·(n + m) or annual cost,
 * and the Pareto front of stages against extractant flow and reagent use
 * ({@link org.sxcascade.optimize.MetalFlowSearch}); for mass action, the plant flows, reflux and
 * (within bounds) stage counts at the least reagent use, stages or cost
 * ({@link org.sxcascade.optimize.PlantFlowSearch}). Both measure targets with
 * {@link org.sxcascade.design.TargetMargin}, search stage counts with
 * {@link org.sxcascade.design.StageSearch} and price with {@link org.sxcascade.optimize.Economics}.
 * See {@code docs/optimize.md}.
 */
package org.sxcascade.optimize;
