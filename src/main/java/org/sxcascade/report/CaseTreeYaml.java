package org.sxcascade.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.List;

/**
 * A case file written from a case's YAML tree (as read, with the fields a command set), under a
 * header of comment lines: the {@code --case-out} file of {@code design} and {@code optimize} on a
 * mass-action case, and the input's sections that {@link CaseHandOff} adds to any written case.
 */
public final class CaseTreeYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private CaseTreeYaml() {
    }

    /** The tree of YAML text that this class (or a command's report) wrote. */
    static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a written case that is not YAML: " + e.getMessage(), e);
        }
    }

    /** {@code "# "} and each of {@code comments} on a line of its own, then the tree as YAML. */
    public static String write(List<String> comments, JsonNode tree) {
        StringBuilder y = new StringBuilder();
        for (String line : comments) {
            y.append("# ").append(line).append('\n');
        }
        try {
            return y.append(YAML.writeValueAsString(tree)).toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a YAML tree that cannot be written: " + e.getMessage(), e);
        }
    }
}
