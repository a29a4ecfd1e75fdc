/**
 * {@code sxcascade optimize}: the configuration (stage counts n and m, extractant S, scrub W)
 * that meets the purity targets at the least total stages, extractant flow, Xu's production
 * indicator Φ = S·(n + m) or annual cost, and the Pareto front of stages against extractant flow
 * and reagent use. See {@link org.sxcascade.optimize.CascadeOptimizer} and {@code docs/optimize.md}.
 */
package org.sxcascade.optimize;
