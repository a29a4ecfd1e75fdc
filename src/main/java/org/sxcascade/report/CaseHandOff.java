package org.sxcascade.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code --case-out} file of {@code design} and {@code optimize} as a complete hand-off: the
 * case the command wrote (its stages, flows and targets, with comments) and, after it, every
 * top-level section of the input case that the written case does not have (the cost model, the
 * transient section, the solver settings …), as given. So {@code optimize --objective cost},
 * {@code transient} and {@code report} run on the file as they did on the input (docs/design.md,
 * "The written case").
 */
public final class CaseHandOff {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private CaseHandOff() {
    }

    /**
     * @param written the case the command wrote, as YAML text
     * @param input   the input case's tree ({@code CaseReader.readTree})
     * @return {@code written}, then each top-level section of {@code input} that {@code written} lacks
     */
    public static String complete(String written, JsonNode input) {
        JsonNode have;
        try {
            have = YAML.readTree(written);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the written case is not YAML: " + e.getMessage(), e);
        }
        if (input == null || !input.isObject() || have == null || !have.isObject()) {
            return written;
        }
        ObjectNode missing = YAML.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!have.has(e.getKey())) {
                missing.set(e.getKey(), e.getValue());
            }
        }
        if (missing.isEmpty()) {
            return written;
        }
        StringBuilder y = new StringBuilder(written);
        if (!written.endsWith("\n")) {
            y.append('\n');
        }
        y.append("# The input case's other sections, as given:\n");
        try {
            y.append(YAML.writeValueAsString(missing));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree that cannot be written: " + e.getMessage(), e);
        }
        return y.toString();
    }
}
