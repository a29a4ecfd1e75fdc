package org.sxcascade.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.sxcascade.dynamics.Times;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.Names;

/**
 * A mapping of a YAML file (case file, sweep spec) with its path, read strictly: unknown keys,
 * missing keys and wrong types are {@link InvalidInputException}s that name the field as a path,
 * the value and what is allowed.
 */
public final class YamlMapping {
    private final JsonNode node;
    /** Its path, or {@code null} until a message needs it (built from {@link #parent} and {@link #key}). */
    private String path;
    private final YamlMapping parent;
    private final String key;
    /** The entry's place in a list ({@link #YamlMapping(JsonNode, String, int)}), else −1. */
    private final int index;

    /**
     * @param node the mapping
     * @param path its path in the file, {@code ""} for the top level
     * @throws InvalidInputException if the node is not a mapping
     */
    public YamlMapping(JsonNode node, String path) {
        this(node, path, null, null, -1);
    }

    /**
     * An entry of a list, its path {@code list[index]} (built only when a message needs it: sweeps
     * validate a case tree per point).
     *
     * @param node  the mapping
     * @param list  the list's path in the file
     * @param index the entry's place in the list, from 0
     * @throws InvalidInputException if the node is not a mapping
     */
    public YamlMapping(JsonNode node, String list, int index) {
        this(node, null, null, list, index);
    }

    private YamlMapping(JsonNode node, String path, YamlMapping parent, String key, int index) {
        this.node = node;
        this.path = path;
        this.parent = parent;
        this.key = key;
        this.index = index;
        if (node == null || !node.isObject()) {
            String at = path();
            throw new InvalidInputException(at.isEmpty() ? "(top level)" : at, describe(node),
                    "a mapping of keys to values");
        }
    }

    /** This mapping's path in the file, {@code ""} for the top level. */
    private String path() {
        if (path == null) {
            path = parent != null ? parent.at(key) : key + "[" + index + "]";
        }
        return path;
    }

    /** The path of a key of this mapping. */
    public String at(String key) {
        String own = path();
        return own.isEmpty() ? key : own + "." + key;
    }

    /** Throws for the first key not allowed, suggesting the closest allowed one. */
    public void allow(Set<String> allowed) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String key = it.next();
            if (!allowed.contains(key)) {
                List<String> sorted = new ArrayList<>(allowed);
                java.util.Collections.sort(sorted);
                String hint = CaseReader.closest(key, sorted);
                if (key.isBlank()) {
                    // e.g. "&lows:" is a YAML anchor named "lows:" on an empty key, not a key "&lows"
                    throw new InvalidInputException(at("\"" + key + "\""), "(a key with no name)", "named keys: "
                            + "a line starting with & or * (a YAML anchor or alias), or with a blank before the "
                            + "colon, has none; allowed keys" + (path().isEmpty() ? "" : " in " + path()) + ": "
                            + String.join(", ", new java.util.TreeSet<>(allowed)));
                }
                throw new InvalidInputException(at(key), "(unknown key)",
                        (hint == null ? "" : "did you mean '" + hint + "'? ") + "allowed keys"
                                + (path().isEmpty() ? "" : " in " + path()) + ": " + String.join(", ", sorted));
            }
        }
    }

    /** Whether the key is there with a value other than null. */
    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** The key's value; throws if it is missing, saying what is allowed. */
    public JsonNode required(String key, String allowed) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(at(key), "(missing)", allowed);
        }
        return v;
    }

    /** The key's mapping (required). */
    public YamlMapping obj(String key) {
        return new YamlMapping(required(key, "a mapping"), null, this, key, -1);
    }

    /** The key's scalar value as text (required). */
    public String text(String key, String allowed) {
        JsonNode v = required(key, allowed);
        if (!v.isValueNode()) {
            throw new InvalidInputException(at(key), describe(v), allowed);
        }
        return v.asText();
    }

    /** The key's text as a name (required): visible characters only ({@link Names#check}). */
    public String name(String key, String allowed) {
        String name = text(key, allowed);
        return Names.visible(name) ? name : Names.check(at(key), name);
    }

    /** The key's text as a name ({@link Names#check}), or a fallback if it is missing. */
    public String optName(String key, String fallback) {
        return has(key) ? name(key, "a name") : fallback;
    }

    /** The key's text, or a fallback if it is missing. */
    public String optText(String key, String fallback) {
        return has(key) ? text(key, "a text") : fallback;
    }

    /**
     * Throws if the value is text in quotes that reads as a number ({@code "10"}, {@code '1.5'}):
     * where a number is expected it is written without quotes (docs/case-format.md).
     *
     * @param field   the field's path
     * @param allowed what the field takes, e.g. "a number"
     */
    public static void refuseQuotedNumber(String field, JsonNode v, String allowed) {
        if (v instanceof StrictYaml.Quoted) {
            String text = v.asText().trim();
            try {
                Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return; // not a number in quotes: the caller says what is wrong
            }
            throw new InvalidInputException(field, "\"" + v.asText() + "\" (in quotes)",
                    allowed + " written without quotes: " + text);
        }
    }

    /** The key's number (required; unquoted text such as 1e-12, which YAML 1.1 reads as text, counts). */
    public double number(String key) {
        JsonNode v = required(key, "a number");
        if (v.isNumber()) {
            return v.doubleValue();
        }
        refuseQuotedNumber(at(key), v, "a number");
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText().trim()); // YAML 1.1 reads 1e-12 as text
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new InvalidInputException(at(key), describe(v), "a number");
    }

    /** A time with its unit ({@code 15 d}, {@code 6 h}, {@code 30 min}), in hours. */
    public double time(String key) {
        JsonNode v = required(key, "a time with its unit, e.g. 15 d, 6 h or 30 min");
        return Times.parseHours(at(key), v.isValueNode() ? v.asText() : describe(v));
    }

    /** The key's number, finite and greater than 0 (required). */
    public double positive(String key) {
        double x = number(key);
        if (!(x > 0) || !Double.isFinite(x)) {
            throw new InvalidInputException(at(key), node.get(key).asText(), "a finite number greater than 0");
        }
        return x;
    }

    /** The key's positive number, or {@code null} if it is missing. */
    public Double optPositive(String key) {
        return has(key) ? positive(key) : null;
    }

    /** The key's integer (required). */
    public int integer(String key) {
        JsonNode v = required(key, "an integer");
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        refuseQuotedNumber(at(key), v, "an integer");
        if (v.isTextual()) {
            try {
                return Integer.parseInt(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new InvalidInputException(at(key), describe(v), "an integer");
    }

    /** The mapping's node. */
    public JsonNode node() {
        return node;
    }

    /** A node in words for messages: its text, "a list", "a mapping" or "(empty)". */
    public static String describe(JsonNode node) {
        if (node == null || node.isNull()) {
            return "(empty)";
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "a list" : "a mapping";
        }
        return node.asText();
    }
}
