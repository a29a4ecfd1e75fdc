package org.sxcascade.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.sxcascade.io.CaseReader;

/**
 * A validated sweep spec (format: docs/sweep.md): the base case, what runs at each point, the
 * parameters and how their points are chosen, and what is recorded.
 *
 * @param name       title of the sweep
 * @param baseCase   the base case as a YAML tree (read only: points change copies of it)
 * @param components the base case's component names, in order
 * @param cmer       whether the base case's model is separation-factors (flows S and W; true for
 *                   design and optimize; false for distribution-ratios and mass-action)
 * @param task       what runs at each point
 * @param parameters the varied quantities, in spec order (their columns come first, in this order)
 * @param sampling   grid, Latin hypercube or random
 * @param samples    number of sampled points (Latin hypercube, random); 0 for a grid
 * @param seed       seed of the sampling (0 for a grid)
 * @param maxPoints  the largest number of points the spec allows
 * @param outputs    the recorded column groups, in spec order
 * @param resolved   the spec with its base case inlined, as JSON: everything a runner on another
 *                   machine needs ({@link #fromResolved(String)})
 * @param inputs     the files the spec was read from: the spec, then its base case file if it has
 *                   one (outputs must not overwrite them); empty for a spec from resolved text
 */
public record SweepSpec(String name, JsonNode baseCase, List<String> components, boolean cmer, SweepTask task,
                        List<Parameter> parameters, Sampling sampling, long samples, long seed, long maxPoints,
                        List<Output> outputs, String resolved, List<Path> inputs) {
    /** Default of {@code maxPoints}. */
    public static final long DEFAULT_MAX_POINTS = 10_000_000L;

    /** Copies the lists and the base case tree (the spec never shares a caller's mutable state). */
    public SweepSpec {
        components = List.copyOf(components);
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
        inputs = List.copyOf(inputs);
        baseCase = baseCase.deepCopy();
    }

    /**
     * Reads and validates a spec file; its {@code base} case is read relative to the spec's folder.
     *
     * @throws org.sxcascade.model.InvalidInputException naming the spec field, the value and what is allowed
     * @throws org.sxcascade.io.CaseFileException if the spec or the base case cannot be read
     */
    public static SweepSpec read(Path file) {
        return SpecReader.read(file);
    }

    /** A spec from {@link #resolved()} text (validated again). */
    public static SweepSpec fromResolved(String resolvedJson) {
        return SpecReader.fromResolved(resolvedJson);
    }

    /**
     * Whether the base case is a {@code model: mass-action} case (docs/mass-action.md): its points
     * are validated as mass-action cases and solved as {@code simulate} solves them, and its rows
     * have the mass-action columns (docs/sweep.md). Such a spec runs {@code simulate} only.
     *
     * @return true for a mass-action base case
     */
    public boolean massAction() {
        return CaseReader.isMassAction(baseCase);
    }

    /** The base case tree (a copy). */
    @Override
    public JsonNode baseCase() {
        return baseCase.deepCopy();
    }

    /** Number of points. */
    public long pointCount() {
        return sampling == Sampling.GRID ? gridSize(parameters) : samples;
    }

    /**
     * Number of points of a grid: the product of the parameters' numbers of values.
     *
     * @throws ArithmeticException when that exceeds a long
     */
    static long gridSize(List<Parameter> parameters) {
        long n = 1;
        for (Parameter p : parameters) {
            n = Math.multiplyExact(n, p.count());
        }
        return n;
    }

    /**
     * A fingerprint of the spec (SHA-256 of its resolved form and the row format version): a
     * resumed run must have the same.
     */
    public String hash() {
        return SpecReader.sha256(RowFormat.VERSION + "\n" + resolved);
    }
}
