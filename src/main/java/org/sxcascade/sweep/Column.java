package org.sxcascade.sweep;

/**
 * A column of the results.
 *
 * @param name the header name (units are part of it where there are any, e.g. {@code S_mol_per_mol_fed})
 * @param type the type of its values
 */
public record Column(String name, Type type) {
    /** Types of values. */
    public enum Type {
        /** {@link Long} */
        LONG,
        /** {@link Integer} */
        INTEGER,
        /** {@link Double} */
        DOUBLE,
        /** {@link String} */
        STRING,
        /** {@link Boolean} */
        BOOLEAN
    }
}
