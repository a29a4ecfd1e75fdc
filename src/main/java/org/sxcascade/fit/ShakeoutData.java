package org.sxcascade.fit;

import java.util.List;

/**
 * A shake-out data set as read, wholly checked, from one CSV file (docs/fit.md).
 *
 * @param file     the file's name, for messages and outputs
 * @param elements the rare earths that have columns in the file, in column order
 * @param rows     the experiments in file order
 */
public record ShakeoutData(String file, List<String> elements, List<Shakeout> rows) {
    public ShakeoutData {
        elements = List.copyOf(elements);
        rows = List.copyOf(rows);
    }
}
