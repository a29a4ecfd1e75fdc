package org.sxcascade.design;

/**
 * A finished design of any model, as {@link Designer} returns it: what {@code design} prints
 * (report/DesignOutput renders it as text, JSON and a case file).
 */
public sealed interface DesignResult permits CascadeDesigner.Design, MassActionDesign.Designed {
    /** Whether the design meets its targets (a design that does not is reported, then refused). */
    boolean met();
}
