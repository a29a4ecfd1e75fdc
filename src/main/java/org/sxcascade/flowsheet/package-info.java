/**
 * Flowsheets of linked cascades ("hyperlinked" cascades, docs/flowsheets.md): several cascades,
 * all CMER or all mass-action ({@link org.sxcascade.flowsheet.FlowsheetUnit}s, each with the
 * {@link org.sxcascade.model.CascadeTemplate} of its model), whose outlets feed
 * one another, with recycle loops, solved as a whole. A
 * {@link org.sxcascade.flowsheet.Flowsheet} is read by {@link org.sxcascade.io.FlowsheetReader}
 * (format in {@code docs/flowsheets.md}), solved by {@link org.sxcascade.flowsheet.FlowsheetSolver}
 * (each cascade by {@link org.sxcascade.solver.NewtonCascadeSolver}, recycles by tear-stream
 * iteration with bounded Wegstein acceleration) and reported by
 * {@link org.sxcascade.flowsheet.FlowsheetReport}.
 */
package org.sxcascade.flowsheet;
