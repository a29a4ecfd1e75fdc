package org.sxcascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
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
    private CaseHandOff() {
    }

    /**
     * @param written the case the command wrote, as YAML text
     * @param input   the input case's tree ({@code CaseReader.readTree})
     * @return {@code written}, then each top-level section of {@code input} that {@code written} lacks
     */
    public static String complete(String written, JsonNode input) {
        JsonNode have = CaseTreeYaml.parse(written);
        if (input == null || !input.isObject() || have == null || !have.isObject()) {
            return written;
        }
        ObjectNode missing = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!have.has(e.getKey())) {
                missing.set(e.getKey(), e.getValue());
            }
        }
        if (missing.isEmpty()) {
            return written;
        }
        return (written.endsWith("\n") ? written : written + "\n")
                + CaseTreeYaml.write(List.of("The input case's other sections, as given:"), missing);
    }
}
