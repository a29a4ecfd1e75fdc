package org.sxcascade.sweep;

import org.sxcascade.model.InvalidInputException;

/**
 * The k-th of N deterministic slices of a sweep ({@code --shard k/N}): the points whose index i
 * has i mod N = k − 1. Every point is in exactly one shard, and a shard's rows, like the whole
 * sweep's, are in increasing point order; so the rows of shards 1/N … N/N together, sorted by
 * point, are the rows of the whole sweep.
 *
 * @param k which slice, 1 … n
 * @param n number of slices, ≥ 1
 */
public record Shard(int k, int n) {
    /** The whole sweep. */
    public static final Shard ALL = new Shard(1, 1);

    /**
     * A shard.
     *
     * @throws InvalidInputException (as {@code --shard}) unless 1 ≤ k ≤ n
     */
    public Shard {
        if (n < 1 || k < 1 || k > n) {
            throw new InvalidInputException("--shard", k + "/" + n, "k/N with 1 ≤ k ≤ N, e.g. 2/8");
        }
    }

    /** Parses {@code k/N}; {@code field} names it in errors. */
    public static Shard parse(String field, String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            if (parts.length == 2) {
                return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            }
        } catch (NumberFormatException e) {
            // fall through
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, text, e.allowed());
        }
        throw new InvalidInputException(field, text, "k/N with 1 ≤ k ≤ N, e.g. 2/8");
    }

    /** Number of this shard's points in a sweep of {@code total} points. */
    public long count(long total) {
        long first = k - 1;
        return total <= first ? 0 : (total - first + n - 1) / n;
    }

    /** The point index of this shard's {@code ordinal}-th point (from 0). */
    public long point(long ordinal) {
        return k - 1 + ordinal * n;
    }

    /** The ordinal within this shard of a point of it. */
    public long ordinal(long point) {
        return (point - (k - 1)) / n;
    }

    /** Whether the point is in this shard. */
    public boolean contains(long point) {
        return point >= 0 && point % n == k - 1;
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}
