package org.sxcascade.window;

import java.util.List;

/**
 * The targets at one point of an operating-window search: met, missed (which) or not computable
 * (the case is invalid there, or the steady state does not converge).
 *
 * @param margins the margin of each target in nines, case order (empty when {@link #failure()} is set)
 * @param failure why the point could not be judged (an invalid value or no convergence), else {@code null}
 */
public record Evaluation(List<NinesMargin> margins, String failure) {
    /** Copies the margins. */
    public Evaluation {
        margins = List.copyOf(margins);
    }

    /** A point that could not be judged. */
    static Evaluation failed(String why) {
        return new Evaluation(List.of(), why);
    }

    /** Whether every target holds (false for a failed point). */
    public boolean met() {
        return failure == null && margins.stream().allMatch(NinesMargin::met);
    }

    /** The least margin in nines (the binding target's), or NaN for a failed point. */
    public double leastMargin() {
        return failure != null ? Double.NaN : margins.stream().mapToDouble(NinesMargin::margin).min().orElse(0);
    }

    /** What fails here, in words: the missed targets, or the reason the point could not be judged. */
    public String missed() {
        if (failure != null) {
            return failure;
        }
        List<String> m = margins.stream().filter(t -> !t.met()).map(NinesMargin::label).toList();
        return m.isEmpty() ? "" : String.join(", ", m) + " missed";
    }
}
