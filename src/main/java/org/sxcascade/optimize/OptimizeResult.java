package org.sxcascade.optimize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A finished optimization of any model, as {@link Optimization} returns it: what {@code optimize}
 * prints (report/OptimizeOutput renders it as text, JSON and a case file).
 */
public sealed interface OptimizeResult permits Optimum, OptimizeResult.MassAction {

    /**
     * A mass-action optimum with the case file's YAML tree, from which the optimized case file is
     * written (every field the optimizer does not set kept as given).
     *
     * @param optimum the optimum
     * @param tree    the case file's YAML tree
     */
    record MassAction(MassActionOptimum optimum, JsonNode tree) implements OptimizeResult {
        public MassAction {
            tree = tree.deepCopy();
        }

        @Override
        public JsonNode tree() {
            return tree.deepCopy();
        }
    }
}
