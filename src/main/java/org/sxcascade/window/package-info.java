/**
 * The operating window of a cascade of any model (docs/design.md, "Operating window"): the range
 * of each controllable input within which every target holds, the margins in nines, the tolerance
 * on the separation factors and the feasible region of the two main flows. It works on the case
 * file's tree, so the inputs are named by their case-file fields and units, and every point is
 * validated and solved exactly as {@code simulate} would.
 */
package org.sxcascade.window;
