package org.sxcascade.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A field of a case file written as a path, e.g. {@code components[1].separationFactor},
 * {@code cascade.extractionStages}, {@code flows.extractant} or {@code feed.composition.Nd}: the
 * same spelling as the case reader's error messages (docs/case-format.md).
 *
 * @param text     the path as written
 * @param segments its parts: a {@link String} key of a mapping or an {@link Integer} index of a list
 */
public record ParameterPath(String text, List<Object> segments) {
    /** Copies the segments. */
    public ParameterPath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses a path.
     *
     * @return the path, or {@code null} if it is not of the form {@code key(.key|[index])*}
     */
    public static ParameterPath parse(String text) {
        List<Object> parts = new ArrayList<>();
        int i = 0;
        int n = text.length();
        boolean expectKey = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0 || parts.isEmpty()) {
                    return null;
                }
                String digits = text.substring(i + 1, close);
                if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 6) {
                    return null;
                }
                parts.add(Integer.parseInt(digits));
                i = close + 1;
                expectKey = false;
            } else if (c == '.') {
                if (parts.isEmpty() || expectKey) {
                    return null;
                }
                i++;
                expectKey = true;
                if (i == n) {
                    return null;
                }
            } else {
                if (!expectKey) {
                    return null;
                }
                int end = i;
                while (end < n && text.charAt(end) != '.' && text.charAt(end) != '[') {
                    end++;
                }
                parts.add(text.substring(i, end));
                i = end;
                expectKey = false;
            }
        }
        return parts.isEmpty() ? null : new ParameterPath(text, parts);
    }

    /** The node at this path in a tree, or {@code null} if there is none. */
    public JsonNode find(JsonNode root) {
        JsonNode node = root;
        for (Object s : segments) {
            if (node == null) {
                return null;
            }
            node = s instanceof Integer index ? (node.isArray() ? node.get(index) : null)
                    : (node.isObject() ? node.get((String) s) : null);
        }
        return node;
    }

    /** The last segment: the key or index the value is stored under. */
    Object last() {
        return segments.get(segments.size() - 1);
    }

    /**
     * A setter of this path's value in one tree whose containers exist (as in the base case).
     * Setting replaces the value node only, so the setter stays valid for the tree's lifetime.
     */
    public Setter setter(JsonNode root) {
        JsonNode container = root;
        for (int i = 0; i < segments.size() - 1; i++) {
            Object s = segments.get(i);
            container = s instanceof Integer index ? container.get(index) : container.get((String) s);
        }
        return new Setter(container, last());
    }

    /** Sets one path's value in one tree. */
    public static final class Setter {
        private final ObjectNode object;
        private final ArrayNode array;
        private final String key;
        private final int index;

        Setter(JsonNode container, Object key) {
            this.object = container instanceof ObjectNode o ? o : null;
            this.array = container instanceof ArrayNode a ? a : null;
            this.key = key instanceof String s ? s : null;
            this.index = key instanceof Integer i ? i : -1;
        }

        /** Sets the value (as an integer node when {@code integer}). */
        public void set(double value, boolean integer) {
            if (object != null) {
                if (integer) {
                    object.put(key, (int) value);
                } else {
                    object.put(key, value);
                }
            } else if (integer) {
                array.set(index, array.numberNode((int) value));
            } else {
                array.set(index, array.numberNode(value));
            }
        }
    }

    /** Every path to a number in a tree (numbers written as text, such as 1e-12, count too). */
    static List<String> numericPaths(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> out.addAll(numericPaths(e.getValue(),
                    prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(numericPaths(node.get(i), prefix + "[" + i + "]"));
            }
        } else if (isNumber(node)) {
            out.add(prefix);
        }
        return out;
    }

    /** Whether a node holds a number (YAML 1.1 reads 1e-12 as text; the case reader accepts it). */
    public static boolean isNumber(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isNumber()) {
            return true;
        }
        if (node.isTextual()) {
            try {
                Double.parseDouble(node.asText().trim());
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
