package org.sxcascade.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The optional analyses a command appends to its report (rounded flows, operating window,
 * uncertainty, robust design): each printed after a blank line in the text, and set under its key
 * in the JSON document. Absent ones are skipped.
 */
final class AppendedSections {
    private record Section(String key, Supplier<ObjectNode> json, Supplier<String> text) {
    }

    private final List<Section> sections = new ArrayList<>();

    /** Adds a section unless {@code present} is false. */
    AppendedSections add(boolean present, String key, Supplier<ObjectNode> json, Supplier<String> text) {
        if (present) {
            sections.add(new Section(key, json, text));
        }
        return this;
    }

    /** Whether there is any. */
    boolean isEmpty() {
        return sections.isEmpty();
    }

    /** Sets every section's JSON under its key. */
    void putInto(ObjectNode document) {
        for (Section s : sections) {
            document.set(s.key(), s.json().get());
        }
    }

    /** Prints every section's text, each after a blank line. */
    void print(PrintWriter out) {
        for (Section s : sections) {
            out.println();
            out.print(s.text().get());
        }
    }
}
