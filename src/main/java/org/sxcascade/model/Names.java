package org.sxcascade.model;

import java.util.Locale;

/**
 * Names that end up in tables, CSV headers and reports (components, side draws, feeds): visible
 * text only. A control character (NUL, tab, line break), a Unicode format character (zero-width
 * space and joiners, bidirectional overrides and isolates, the byte-order mark), a line or
 * paragraph separator or a lone surrogate is never intended and would break a header or hide
 * what a table says, so it is refused.
 */
public final class Names {
    private Names() {
    }

    /**
     * Returns the name if it is not blank and every character is visible text or a plain space.
     *
     * @param field the field's path, e.g. {@code components[1].name}
     * @param name  the name as read
     * @return the name
     * @throws InvalidInputException naming the field, the name with the offending character
     *         escaped (U+XXXX), and which character it is and where
     */
    public static String check(String field, String name) {
        if (visible(name)) {
            return name;
        }
        if (name.isBlank()) {
            throw new InvalidInputException(field, "\"" + escaped(name) + "\"", "a name with at least one visible character");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (invisible(cp)) {
                String what = Character.getName(cp);
                throw new InvalidInputException(field, "\"" + escaped(name) + "\"", String.format(Locale.ROOT,
                        "a name of visible characters: character %d is U+%04X%s, a control or invisible character",
                        name.codePointCount(0, i) + 1, cp,
                        what == null ? "" : " (" + what.toLowerCase(Locale.ROOT) + ")"));
            }
            i += Character.charCount(cp);
        }
        return name;
    }

    /**
     * Whether {@link #check} accepts the name: not blank, and every character visible text or a plain space.
     *
     * @param name the name as read
     * @return true if it is a valid name
     */
    public static boolean visible(String name) {
        if (name.isBlank()) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (invisible(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }

    /** The name with its control and invisible characters written as U+XXXX, so a message shows them. */
    static String escaped(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().forEach(cp -> {
            if (invisible(cp)) {
                b.append(String.format(Locale.ROOT, "<U+%04X>", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
