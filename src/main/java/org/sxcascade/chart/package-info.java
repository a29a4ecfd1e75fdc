/**
 * Charts of cascades, drawn headless with JFreeChart and written as PNG or as SVG (JFreeSVG):
 * the stage profile, the McCabe–Thiele diagram of a key pair, purity against stage count for a
 * design, the Pareto front of the optimizer and the outlet purities of a start-up.
 *
 * <p>Each chart class builds a {@link org.jfree.chart.JFreeChart} from solver results only (it
 * solves nothing itself); its datasets hold the solver's numbers unchanged, so a chart can be
 * checked against the solution it shows. {@link org.sxcascade.chart.ChartWriter} renders them.
 */
package org.sxcascade.chart;
