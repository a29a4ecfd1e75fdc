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
    /** X_k = D'_k⁻¹ U_k; after {@link #factorDiagonalUpper}, Z_kᵀ = (L_k D'_{k−1}⁻¹)ᵀ. */
    private final double[] coupling;
    private final int[] pivots;
    /** 1 / U_pp of each block's LU factors, the divisions of the solves done once. */
    private final double[] inversePivots;
    private final double[] column;
    /** (L_{k+1} D'_k⁻¹)ᵀ of {@link #factorDiagonalUpper}, one C×C block of scratch. */
    private final double[] rowSolve;
    /** The row order of {@link #rowSolve} after the pivots' swaps. */
    private final int[] order;
    /** Whether the last factorisation was {@link #factorDiagonalUpper} (no X_k stored). */
    private boolean diagonalUpper;

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
        this.inversePivots = new double[capacity * size];
        this.column = new double[size];
        this.rowSolve = new double[size * size];
        this.order = new int[size];
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
        diagonalUpper = false;
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
     * Factors the first {@code n} row blocks of a system whose super-diagonal blocks are
     * diagonal: only the diagonal entries of each U_k are read (the caller leaves the rest zero).
     * The same factorisation as {@link #factor(int)} in exact arithmetic, with about 40 % fewer
     * operations for C ≥ 4: the Schur complement is formed as
     * {@code D'_k = D_k − (L_k D'_{k−1}⁻¹) diag(U_{k−1})}, the row solves {@code L_k D'_{k−1}⁻¹}
     * taking C³ multiply–adds against 2C³ for {@code X_{k−1} = D'_{k−1}⁻¹ U_{k−1}} and its product
     * with L_k. The factorisation keeps {@code Z_k = L_k D'_{k−1}⁻¹}, so that {@link #solve} needs one
     * product and one block solve per block (against one product and two block solves after
     * {@link #factor(int)}).
     *
     * @return false if a Schur complement is singular to working precision (or not finite)
     */
    public boolean factorDiagonalUpper(int n) {
        if (n < 1 || n > capacity) {
            throw new IllegalArgumentException("n = " + n + " outside 1.." + capacity);
        }
        diagonalUpper = true;
        int c = size;
        int cc = c * c;
        double[] zt = rowSolve;
        for (int k = 0; k < n; k++) {
            int off = k * cc;
            if (k > 0) {
                int prev = off - cc;
                // Z = L_k D'_{k−1}⁻¹ = L_k U⁻¹ L⁻¹ P (D' = Pᵀ L U), built as its transpose Zᵀ so that
                // every step is an update of a whole contiguous row by independent multiply–adds
                for (int r = 0; r < c; r++) {
                    for (int s = 0; s < c; s++) {
                        zt[s * c + r] = lower[off + r * c + s];
                    }
                }
                // Zᵀ ← U⁻ᵀ Zᵀ: row s is final once divided by U_ss, then taken off the rows below
                for (int s = 0; s < c; s++) {
                    int zs = s * c;
                    double inv = inversePivots[(k - 1) * c + s];
                    for (int r = 0; r < c; r++) {
                        zt[zs + r] *= inv;
                    }
                    for (int t = s + 1; t < c; t++) {
                        double f = diagonal[prev + s * c + t];
                        if (f != 0) {
                            int zt0 = t * c;
                            for (int r = 0; r < c; r++) {
                                zt[zt0 + r] -= f * zt[zs + r];
                            }
                        }
                    }
                }
                // Zᵀ ← L⁻ᵀ Zᵀ (L unit lower): row q is final, taken off the rows above
                for (int q = c - 1; q > 0; q--) {
                    int zq = q * c;
                    for (int t = 0; t < q; t++) {
                        double f = diagonal[prev + q * c + t];
                        if (f != 0) {
                            int zt0 = t * c;
                            for (int r = 0; r < c; r++) {
                                zt[zt0 + r] -= f * zt[zq + r];
                            }
                        }
                    }
                }
                // Zᵀ = Pᵀ Yᵀ, P = P_{C−1} ⋯ P_0: row s of Zᵀ is row π(s) of Yᵀ, π the swaps applied
                // in reverse order to the identity; then D'_k = D_k − Z diag(U_{k−1})
                for (int s = 0; s < c; s++) {
                    order[s] = s;
                }
                for (int p = c - 1; p >= 0; p--) {
                    int q = pivots[(k - 1) * c + p];
                    int t = order[p];
                    order[p] = order[q];
                    order[q] = t;
                }
                // Zᵀ is kept (in coupling, block k) for the forward pass of solve
                for (int s = 0; s < c; s++) {
                    double mu = upper[prev + s * c + s];
                    int zs = order[s] * c;
                    int ks = off + s * c;
                    for (int r = 0; r < c; r++) {
                        double z = zt[zs + r];
                        coupling[ks + r] = z;
                        diagonal[off + r * c + s] -= z * mu;
                    }
                }
            }
            if (!luFactor(diagonal, off, pivots, k * c)) {
                return false;
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
        if (diagonalUpper) {
            solveDiagonalUpper(n, rhs);
            return;
        }
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
            inversePivots[pivOff + p] = inv;
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

    /**
     * {@link #solve} after {@link #factorDiagonalUpper}: the forward pass keeps
     * {@code r'_k = D'_k y_k = r_k − Z_k r'_{k−1}} ({@code Z_k = L_k D'_{k−1}⁻¹}, stored by the
     * factorisation), and the backward pass solves {@code x_k = D'_k⁻¹ (r'_k − diag(U_k) x_{k+1})}:
     * one product and one block solve per block instead of a product and two block solves.
     */
    private void solveDiagonalUpper(int n, double[] rhs) {
        int c = size;
        int cc = c * c;
        for (int k = 1; k < n; k++) {
            int off = k * cc;
            int v = k * c;
            for (int s = 0; s < c; s++) {
                double prev = rhs[v - c + s];
                if (prev != 0) {
                    int ks = off + s * c;
                    for (int r = 0; r < c; r++) {
                        rhs[v + r] -= coupling[ks + r] * prev;
                    }
                }
            }
        }
        for (int k = n - 1; k >= 0; k--) {
            int off = k * cc;
            int v = k * c;
            if (k < n - 1) {
                for (int r = 0; r < c; r++) {
                    rhs[v + r] -= upper[off + r * c + r] * rhs[v + c + r];
                }
            }
            luSolve(diagonal, off, pivots, k * c, rhs, v);
        }
    }

    /**
     * Solves with the LU factors of the block at {@code off}: b ← U⁻¹ L⁻¹ P b, both substitutions
     * column by column (each finished unknown is taken off the others at once, independent
     * multiply–adds rather than one chain of dot products), dividing by multiplying with the
     * stored reciprocal pivots.
     */
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
        for (int s = 0; s < c - 1; s++) {
            double bs = b[bOff + s];
            if (bs != 0) {
                for (int r = s + 1; r < c; r++) {
                    b[bOff + r] -= a[off + r * c + s] * bs;
                }
            }
        }
        for (int s = c - 1; s >= 0; s--) {
            double bs = b[bOff + s] * inversePivots[pivOff + s];
            b[bOff + s] = bs;
            if (bs != 0) {
                for (int r = 0; r < s; r++) {
                    b[bOff + r] -= a[off + r * c + s] * bs;
                }
            }
        }
    }
}
