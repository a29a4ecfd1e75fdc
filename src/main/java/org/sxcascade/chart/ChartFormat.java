package org.sxcascade.chart;

import java.util.Locale;
import org.sxcascade.model.InvalidInputException;

/** The file formats a chart can be written in. */
public enum ChartFormat {
    /** Portable Network Graphics, a bitmap of the requested size in pixels. */
    PNG,
    /** Scalable Vector Graphics, drawn by JFreeSVG; text stays text. */
    SVG;

    /** The file name extension, without the dot. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param field the option or key that gave the text, for the error message
     * @throws InvalidInputException unless the text is {@code png} or {@code svg} (any case)
     */
    public static ChartFormat parse(String field, String text) {
        if (text != null) {
            for (ChartFormat f : values()) {
                if (f.extension().equalsIgnoreCase(text.strip())) {
                    return f;
                }
            }
        }
        throw new InvalidInputException(field, text, "png or svg");
    }
}
