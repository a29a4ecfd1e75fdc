package org.sxcascade.dynamics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sxcascade.model.InvalidInputException;

/** Times with units, as case files and options write them: {@code 15 d}, {@code 6 h}, {@code 30 min}. */
public final class Times {
    private static final Pattern TIME = Pattern.compile(
            "\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(d|day|days|h|hour|hours|min|minute|minutes)\\s*");

    /** Hours in a day. */
    public static final double HOURS_PER_DAY = 24.0;

    private Times() {
    }

    /**
     * Parses a time with its unit into hours.
     *
     * @throws InvalidInputException naming {@code field} unless the text is a number followed by
     *                               d, h or min and the time is positive and finite
     */
    public static double parseHours(String field, String text) {
        Matcher m = text == null ? null : TIME.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidInputException(field, text, "a time with its unit, e.g. 15 d, 6 h or 30 min");
        }
        double value = Double.parseDouble(m.group(1));
        double hours = switch (m.group(2)) {
            case "d", "day", "days" -> value * HOURS_PER_DAY;
            case "min", "minute", "minutes" -> value / 60.0;
            default -> value;
        };
        if (!(hours > 0) || !Double.isFinite(hours)) {
            throw new InvalidInputException(field, text, "a time greater than 0");
        }
        return hours;
    }

    /** A time for people: hours below two days, else days and hours, e.g. {@code 9.31 d (223.4 h)}. */
    public static String format(double hours) {
        if (hours < 48) {
            return String.format(Locale.ROOT, "%.4g h", hours);
        }
        return String.format(Locale.ROOT, "%.2f d (%.1f h)", hours / HOURS_PER_DAY, hours);
    }
}
