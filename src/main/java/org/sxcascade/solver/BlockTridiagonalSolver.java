package org.sxcascade.solver;

/**
 * Block-tridiagonal linear solver (block Thomas algorithm) with partial pivoting inside each
 * diagonal block. Allocation-free after construction, in two phases like EJML's solvers: the
 * caller fills the blocks in {@link #lower()}, {@link #diagonal()} and {@link #upper()}, calls
 * {@link #factor(int)}, then {@link #solve(int, double[])} any number of times.
 *
 * <p>Row block k reads {@code L_k x_{k−1} + D_k x_k + U_k x_{k+1} = r_k}. Blocks are C×C,
 * row-major, block k at offset {@code k·C·C}; {@code L_0} and {@code U_{n−1}} are ignored.
 * Factoring overwrites the diagonal blocks with the LU factors of the Schur complements
 * {@code D'_k = D_k − L_k D'_{k−1}⁻¹ U_{k−1}}.
 */
public final class BlockTridiagonalSolver {
    private final int capacity;
    private final int size;
    private final double[] lower;
    private final double[] diagonal;
    private final double[] upper;
    private final double[] coupling; // X_k = D'_k⁻¹ U_k
    private final int[] pivots;
    private final double[] column;

    /**
     * @param capacity largest number of row blocks
     * @param size     block size C
     */
    public BlockTridiagonalSolver(int capacity, int size) {
        if (capacity < 1 || size < 1) {
            throw new IllegalArgumentException("capacity and size must be ≥ 1");
        }
        this.capacity = capacity;
        this.size = size;
        int blocks = capacity * size * size;
        this.lower = new double[blocks];
        this.diagonal = new double[blocks];
        this.upper = new double[blocks];
        this.coupling = new double[blocks];
        this.pivots = new int[capacity * size];
        this.column = new double[size];
    }

    public int capacity() {
        return capacity;
    }

    public int blockSize() {
        return size;
    }

    /** Sub-diagonal blocks L_k, filled by the caller. */
    public double[] lower() {
        return lower;
    }

    /** Diagonal blocks D_k, filled by the caller; overwritten by {@link #factor(int)}. */
    public double[] diagonal() {
        return diagonal;
    }

    /** Super-diagonal blocks U_k, filled by the caller. */
    public double[] upper() {
        return upper;
    }

    /** Sets the first {@code n} lower, diagonal and upper blocks to zero, ready to be filled. */
    public void clear(int n) {
        int blocks = n * size * size;
        java.util.Arrays.fill(lower, 0, blocks, 0.0);
        java.util.Arrays.fill(diagonal, 0, blocks, 0.0);
        java.util.Arrays.fill(upper, 0, blocks, 0.0);
    }

    /**
     * Factors the first {@code n} row blocks.
     *
     * @return false if a Schur complement is singular to working precision (or not finite)
     */
    public boolean factor(int n) {
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("n = " + n + " outside 1.." + capacity);
        }
        int c = size;
        int cc = c * c;
        for (int k = 0; k < n; k++) {
            int off = k * cc;
            if (k > 0) {
                // D'_k = D_k − L_k X_{k−1}
                int prev = off - cc;
                for (int r = 0; r < c; r++) {
                    for (int q = 0; q < c; q++) {
                        double l = lower[off + r * c + q];
                        if (l == 0) {
                            continue;
                        }
                        int xRow = prev + q * c;
                        int dRow = off + r * c;
                        for (int s = 0; s < c; s++) {
                            diagonal[dRow + s] -= l * coupling[xRow + s];
                        }
                    }
                }
            }
            if (!luFactor(diagonal, off, pivots, k * c)) {
                return false;
            }
            if (k < n - 1) {
                // X_k = D'_k⁻¹ U_k, column by column
                for (int s = 0; s < c; s++) {
                    for (int r = 0; r < c; r++) {
                        column[r] = upper[off + r * c + s];
                    }
                    luSolve(diagonal, off, pivots, k * c, column, 0);
                    for (int r = 0; r < c; r++) {
                        coupling[off + r * c + s] = column[r];
                    }
                }
            }
        }
        return true;
    }

    /**
     * Solves the factored system in place: {@code rhs} (n·C entries) is replaced by x.
     */
    public void solve(int n, double[] rhs) {
        int c = size;
        int cc = c * c;
        for (int k = 0; k < n; k++) {
            int off = k * cc;
            int v = k * c;
            if (k > 0) {
                for (int r = 0; r < c; r++) {
                    double sum = 0;
                    for (int q = 0; q < c; q++) {
                        sum += lower[off + r * c + q] * rhs[v - c + q];
                    }
                    rhs[v + r] -= sum;
                }
            }
            luSolve(diagonal, off, pivots, k * c, rhs, v);
        }
        for (int k = n - 2; k >= 0; k--) {
            int off = k * cc;
            int v = k * c;
            for (int r = 0; r < c; r++) {
                double sum = 0;
                for (int q = 0; q < c; q++) {
                    sum += coupling[off + r * c + q] * rhs[v + c + q];
                }
                rhs[v + r] -= sum;
            }
        }
    }

    /** In-place LU with partial pivoting of the C×C block at {@code off}. */
    private boolean luFactor(double[] a, int off, int[] piv, int pivOff) {
        int c = size;
        for (int p = 0; p < c; p++) {
            int best = p;
            double bestAbs = Math.abs(a[off + p * c + p]);
            for (int r = p + 1; r < c; r++) {
                double v = Math.abs(a[off + r * c + p]);
                if (v > bestAbs) {
                    bestAbs = v;
                    best = r;
                }
            }
            if (!(bestAbs > 1e-300) || !Double.isFinite(bestAbs)) {
                return false;
            }
            piv[pivOff + p] = best;
            if (best != p) {
                for (int s = 0; s < c; s++) {
                    double t = a[off + p * c + s];
                    a[off + p * c + s] = a[off + best * c + s];
                    a[off + best * c + s] = t;
                }
            }
            double inv = 1.0 / a[off + p * c + p];
            for (int r = p + 1; r < c; r++) {
                double f = a[off + r * c + p] * inv;
                a[off + r * c + p] = f;
                if (f != 0) {
                    for (int s = p + 1; s < c; s++) {
                        a[off + r * c + s] -= f * a[off + p * c + s];
                    }
                }
            }
        }
        return true;
    }

    private void luSolve(double[] a, int off, int[] piv, int pivOff, double[] b, int bOff) {
        int c = size;
        for (int p = 0; p < c; p++) {
            int q = piv[pivOff + p];
            if (q != p) {
                double t = b[bOff + p];
                b[bOff + p] = b[bOff + q];
                b[bOff + q] = t;
            }
        }
        for (int r = 1; r < c; r++) {
            double sum = b[bOff + r];
            for (int s = 0; s < r; s++) {
                sum -= a[off + r * c + s] * b[bOff + s];
            }
            b[bOff + r] = sum;
        }
        for (int r = c - 1; r >= 0; r--) {
            double sum = b[bOff + r];
            for (int s = r + 1; s < c; s++) {
                sum -= a[off + r * c + s] * b[bOff + s];
            }
            b[bOff + r] = sum / a[off + r * c + r];
        }
    }
}
