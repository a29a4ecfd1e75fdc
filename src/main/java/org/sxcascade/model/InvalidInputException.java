package org.sxcascade.model;

/**
 * Input that cannot describe a cascade. The message always names the field (as a path in the
 * case file, e.g. {@code feed.composition.Nd}), the offending value and what is allowed.
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String allowed;

    /**
     * @param field   path of the field in the case file ({@code cascade.scrubStages})
     * @param value   the value as the user wrote it (or as it was read)
     * @param allowed what would have been accepted, in words ("an integer from 1 to 1000")
     */
    public InvalidInputException(String field, Object value, String allowed) {
        super(format(field, value, allowed));
        this.field = field;
        this.value = String.valueOf(value);
        this.allowed = allowed;
    }

    /** The value of a field that is not there, as {@link #value()} gives it. */
    public static final String MISSING = "(missing)";

    private static String format(String field, Object value, String allowed) {
        if (MISSING.equals(String.valueOf(value))) {
            return field + " is missing: give " + allowed; // not "X = (missing) is not allowed"
        }
        return field + " = " + value + " is not allowed: " + allowed;
    }

    /** Same error with the field placed under a parent path, e.g. {@code components[1]}. */
    public InvalidInputException under(String parent) {
        String path = field.isEmpty() ? parent : (field.startsWith("[") ? parent + field : parent + "." + field);
        return new InvalidInputException(path, value, allowed);
    }

    public String field() {
        return field;
    }

    public String value() {
        return value;
    }

    public String allowed() {
        return allowed;
    }

    /** Throws unless {@code x} is finite and strictly positive. */
    public static double requirePositive(String field, double x) {
        return requirePositive(field, x, null);
    }

    /** Throws unless {@code x} is finite and strictly positive, naming its unit (e.g. h) if not null. */
    public static double requirePositive(String field, double x, String unit) {
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new InvalidInputException(field, x,
                    "a finite number greater than 0" + (unit == null ? "" : " (" + unit + ")"));
        }
        return x;
    }
}
