package org.sxcascade.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.sxcascade.model.MassActionCase;

/**
 * What {@code design} reads from a {@code model: mass-action} case file.
 *
 * @param template the case as read: its feeds and pre-load as given, n and m as the file gives
 *                 them (1 and 1 without a cascade; a feed's stage is read relative to that n), strip
 *                 stages and flows provisional (design replaces stage counts and flows before
 *                 anything is solved)
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
