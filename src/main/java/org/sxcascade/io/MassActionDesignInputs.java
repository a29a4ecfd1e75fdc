package org.sxcascade.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.sxcascade.model.MassActionCase;

/**
 * What {@code design} reads from a {@code model: mass-action} case file.
 *
 * @param template the case as read; its cascade and flows are provisional when the file has none
 *                 (design replaces both, through {@link MassActionCase#withStages} and
 *                 {@link MassActionCase#withFlows}, before anything is solved)
 * @param settings the {@code design:} section, or its defaults
 * @param tree     the file's YAML tree, to write the designed case with every other field as given
 */
public record MassActionDesignInputs(MassActionCase template, MassActionDesignSettings settings, JsonNode tree) {
    public MassActionDesignInputs {
        tree = tree.deepCopy();
    }

    @Override
    public JsonNode tree() {
        return tree.deepCopy();
    }
}
