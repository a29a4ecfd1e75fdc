package org.sxcascade.report;

import java.util.Locale;

/** Number formats shared by the terminal reports (always with a dot, whatever the locale). */
public final class Formats {
    private Formats() {
    }

    /** Six decimals: flows and ratios. */
    public static String fixed(double x) {
        return String.format(Locale.ROOT, "%.6f", x);
    }

    /** Six significant digits without trailing zeros: plant quantities and parameters. */
    public static String general(double x) {
        String s = String.format(Locale.ROOT, "%.6g", x);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** A mole fraction: six decimals, or three significant digits in exponent form below 1e-3. */
    public static String fraction(double x) {
        return x != 0 && Math.abs(x) < 1e-3 ? String.format(Locale.ROOT, "%.3e", x) : fixed(x);
    }

    /** x rounded to the given significant digits, without trailing zeros or an exponent ("2724.845"). */
    public static String significant(double x, int digits) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(digits)).stripTrailingZeros()
                .toPlainString();
    }

    /** A fraction as a percentage with four decimals: purities. */
    public static String percent(double x) {
        return String.format(Locale.ROOT, "%.4f%%", 100 * x);
    }
}
