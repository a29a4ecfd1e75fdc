package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The block Thomas solver against a dense LU solve (EJML) of the same system. */
class BlockTridiagonalSolverTest {

    private static final double REL_TOL = 1e-10;

    /** One random system: blocks as the solver expects them, n row blocks of size c. */
    record BlockSystem(int n, int c, double[] lower, double[] diagonal, double[] upper) {
        DMatrixRMaj dense() {
            int size = n * c;
            int cc = c * c;
            DMatrixRMaj a = new DMatrixRMaj(size, size);
            for (int k = 0; k < n; k++) {
                for (int r = 0; r < c; r++) {
                    for (int q = 0; q < c; q++) {
                        a.set(k * c + r, k * c + q, diagonal[k * cc + r * c + q]);
                        if (k > 0) {
                            a.set(k * c + r, (k - 1) * c + q, lower[k * cc + r * c + q]);
                        }
                        if (k < n - 1) {
                            a.set(k * c + r, (k + 1) * c + q, upper[k * cc + r * c + q]);
                        }
                    }
                }
            }
            return a;
        }
    }

    /**
     * Random system, each row strictly diagonally dominant over the whole row. If
     * {@code permuteRows}, the rows inside each block row (of L_k, D_k and U_k alike) are then
     * shuffled: the system stays as well conditioned, but the large entries of D_k move off its
     * diagonal, so the block LU must pivot. Both solvers get the same shuffled system.
     */
    static BlockSystem randomSystem(Random rnd, int n, int c, boolean permuteRows) {
        return randomSystem(rnd, n, c, permuteRows, false);
    }

    /**
     * As {@link #randomSystem(Random, int, int, boolean)}, or, if {@code diagonalUpper}, with
     * diagonal super-diagonal blocks U_k (the shape of the two-phase solver's reduced Newton
     * system): then only the rows of L_k and D_k are shuffled, U_k staying diagonal, and each
     * dominant entry exceeds its row's other entries by 1.1 more, which covers the one U_k entry
     * that the shuffle leaves in the row.
     */
    static BlockSystem randomSystem(Random rnd, int n, int c, boolean permuteRows, boolean diagonalUpper) {
        int cc = c * c;
        double[] lo = new double[n * cc];
        double[] di = new double[n * cc];
        double[] up = new double[n * cc];
        for (int k = 0; k < n; k++) {
            for (int r = 0; r < c; r++) {
                double off = 0;
                for (int q = 0; q < c; q++) {
                    int i = k * cc + r * c + q;
                    // L_0 and U_{n−1} are outside the matrix: fill them with junk the solver must ignore
                    lo[i] = 2 * rnd.nextDouble() - 1;
                    up[i] = diagonalUpper && q != r ? 0 : 2 * rnd.nextDouble() - 1;
                    if (k > 0) {
                        off += Math.abs(lo[i]);
                    }
                    if (k < n - 1) {
                        off += Math.abs(up[i]);
                    }
                    if (q != r) {
                        di[i] = 2 * rnd.nextDouble() - 1;
                        off += Math.abs(di[i]);
                    }
                }
                double sign = rnd.nextBoolean() ? 1 : -1;
                di[k * cc + r * c + r] = sign * (off * (1.05 + rnd.nextDouble()) + (diagonalUpper ? 1.2 : 0.1));
            }
            if (permuteRows && c > 1) {
                int[] perm = shuffle(rnd, c);
                permuteBlockRows(lo, k * cc, c, perm);
                permuteBlockRows(di, k * cc, c, perm);
                if (!diagonalUpper) {
                    permuteBlockRows(up, k * cc, c, perm);
                }
            }
        }
        return new BlockSystem(n, c, lo, di, up);
    }

    private static int[] shuffle(Random rnd, int c) {
        int[] p = new int[c];
        for (int i = 0; i < c; i++) {
            p[i] = i;
        }
        for (int i = c - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static void permuteBlockRows(double[] a, int off, int c, int[] perm) {
        double[] copy = new double[c * c];
        System.arraycopy(a, off, copy, 0, c * c);
        for (int r = 0; r < c; r++) {
            System.arraycopy(copy, perm[r] * c, a, off + r * c, c);
        }
    }

    static Stream<Arguments> systems() {
        Random rnd = new Random(7_123_457L);
        List<Arguments> out = new ArrayList<>();
        for (int t = 0; t < 150; t++) {
            int c = 1 + rnd.nextInt(6);
            int n = 1 + rnd.nextInt(40);
            boolean permute = t % 2 == 1;
            int capacity = n + (t % 3 == 0 ? rnd.nextInt(5) : 0);
            out.add(Arguments.of(t, capacity, randomSystem(rnd, n, c, permute), rnd.nextLong()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "system {0}")
    @MethodSource("systems")
    void agreesWithDenseSolve(int id, int capacity, BlockSystem sys, long rhsSeed) {
        int n = sys.n();
        int c = sys.c();
        int cc = c * c;
        DMatrixRMaj a = sys.dense();
        BlockTridiagonalSolver solver = new BlockTridiagonalSolver(capacity, c);
        assertThat(solver.capacity()).isEqualTo(capacity);
        assertThat(solver.blockSize()).isEqualTo(c);
        System.arraycopy(sys.lower(), 0, solver.lower(), 0, n * cc);
        System.arraycopy(sys.diagonal(), 0, solver.diagonal(), 0, n * cc);
        System.arraycopy(sys.upper(), 0, solver.upper(), 0, n * cc);
        assertThat(solver.factor(n)).isTrue();
        Random rnd = new Random(rhsSeed);
        // one factorisation, several right-hand sides
        for (int rep = 0; rep < 3; rep++) {
            double[] rhs = new double[n * c];
            double scale = Math.pow(10, rnd.nextInt(21) - 10);
            for (int i = 0; i < rhs.length; i++) {
                rhs[i] = scale * (2 * rnd.nextDouble() - 1);
            }
            DMatrixRMaj b = new DMatrixRMaj(n * c, 1, true, rhs);
            DMatrixRMaj x = new DMatrixRMaj(n * c, 1);
            assertThat(CommonOps_DDRM.solve(a.copy(), b, x)).isTrue();
            double[] mine = rhs.clone();
            solver.solve(n, mine);
            double norm = 0;
            double err = 0;
            for (int i = 0; i < mine.length; i++) {
                norm = Math.max(norm, Math.abs(x.get(i)));
                err = Math.max(err, Math.abs(mine[i] - x.get(i)));
            }
            assertThat(norm).isPositive();
            assertThat(err).as("max |x − x_dense| / max |x_dense|, rhs %d", rep).isLessThanOrEqualTo(REL_TOL * norm);
            // and the residual of the original system is small
            DMatrixRMaj ax = new DMatrixRMaj(n * c, 1);
            CommonOps_DDRM.mult(a, new DMatrixRMaj(n * c, 1, true, mine), ax);
            double res = 0;
            double bnorm = 0;
            for (int i = 0; i < rhs.length; i++) {
                res = Math.max(res, Math.abs(ax.get(i) - rhs[i]));
                bnorm = Math.max(bnorm, Math.abs(rhs[i]));
            }
            assertThat(res).isLessThanOrEqualTo(1e-12 * bnorm);
        }
    }

    static Stream<Arguments> diagonalUpperSystems() {
        Random rnd = new Random(4_406_311L);
        List<Arguments> out = new ArrayList<>();
        for (int t = 0; t < 120; t++) {
            int c = 1 + rnd.nextInt(9);
            int n = 1 + rnd.nextInt(40);
            out.add(Arguments.of(t, randomSystem(rnd, n, c, t % 2 == 1, true), rnd.nextLong()));
        }
        return out.stream();
    }

    /**
     * {@link BlockTridiagonalSolver#factorDiagonalUpper} solves a system with diagonal U_k as the
     * dense LU does, and as {@link BlockTridiagonalSolver#factor} does, and a solver can switch
     * between the two factorisations.
     */
    @ParameterizedTest(name = "system {0}")
    @MethodSource("diagonalUpperSystems")
    void diagonalUpperFactorAgreesWithDenseAndGeneralSolve(int id, BlockSystem sys, long rhsSeed) {
        int n = sys.n();
        int c = sys.c();
        int cc = c * c;
        DMatrixRMaj a = sys.dense();
        BlockTridiagonalSolver special = new BlockTridiagonalSolver(n, c);
        BlockTridiagonalSolver general = new BlockTridiagonalSolver(n, c);
        Random rnd = new Random(rhsSeed);
        for (int rep = 0; rep < 3; rep++) {
            for (BlockTridiagonalSolver s : List.of(special, general)) {
                System.arraycopy(sys.lower(), 0, s.lower(), 0, n * cc);
                System.arraycopy(sys.diagonal(), 0, s.diagonal(), 0, n * cc);
                System.arraycopy(sys.upper(), 0, s.upper(), 0, n * cc);
            }
            // the same instance alternates: general, diagonal-upper, general
            boolean specialFirst = rep != 1;
            assertThat(specialFirst ? special.factorDiagonalUpper(n) : special.factor(n)).isTrue();
            assertThat(specialFirst ? general.factor(n) : general.factorDiagonalUpper(n)).isTrue();
            double[] rhs = new double[n * c];
            for (int i = 0; i < rhs.length; i++) {
                rhs[i] = 2 * rnd.nextDouble() - 1;
            }
            DMatrixRMaj x = new DMatrixRMaj(n * c, 1);
            assertThat(CommonOps_DDRM.solve(a.copy(), new DMatrixRMaj(n * c, 1, true, rhs), x)).isTrue();
            double[] mine = rhs.clone();
            special.solve(n, mine);
            double[] theirs = rhs.clone();
            general.solve(n, theirs);
            double norm = 0;
            double err = 0;
            double diff = 0;
            for (int i = 0; i < mine.length; i++) {
                norm = Math.max(norm, Math.abs(x.get(i)));
                err = Math.max(err, Math.abs(mine[i] - x.get(i)));
                diff = Math.max(diff, Math.abs(mine[i] - theirs[i]));
            }
            assertThat(norm).isPositive();
            assertThat(err).as("against the dense solve, rhs %d", rep).isLessThanOrEqualTo(REL_TOL * norm);
            assertThat(diff).as("against the general factorisation, rhs %d", rep).isLessThanOrEqualTo(1e-12 * norm);
        }
    }

    @Test
    void factorReportsSingularDiagonalBlock() {
        for (int c = 1; c <= 4; c++) {
            BlockTridiagonalSolver solver = new BlockTridiagonalSolver(3, c);
            // n = 1 with a zero block
            assertThat(solver.factor(1)).as("zero %dx%d block", c, c).isFalse();
        }
    }

    @Test
    void factorReportsRankDeficientDiagonalBlock() {
        BlockTridiagonalSolver solver = new BlockTridiagonalSolver(1, 2);
        double[] d = solver.diagonal();
        d[0] = 1;
        d[1] = 2;
        d[2] = 2;
        d[3] = 4; // rows proportional
        assertThat(solver.factor(1)).isFalse();
    }

    @Test
    void factorReportsSingularSchurComplement() {
        assertThat(singularSchurComplement().factor(2)).isFalse();
        assertThat(singularSchurComplement().factorDiagonalUpper(2)).isFalse();
    }

    /** D_0 = I, U_0 = I, L_1 = I, D_1 = I: D'_1 = D_1 − L_1 D_0⁻¹ U_0 = 0, though every block is regular. */
    private static BlockTridiagonalSolver singularSchurComplement() {
        int c = 3;
        BlockTridiagonalSolver solver = new BlockTridiagonalSolver(2, c);
        for (int r = 0; r < c; r++) {
            solver.diagonal()[r * c + r] = 1;
            solver.upper()[r * c + r] = 1;
            solver.lower()[c * c + r * c + r] = 1;
            solver.diagonal()[c * c + r * c + r] = 1;
        }
        return solver;
    }

    @Test
    void factorReportsNonFiniteBlock() {
        BlockTridiagonalSolver solver = new BlockTridiagonalSolver(1, 1);
        solver.diagonal()[0] = Double.NaN;
        assertThat(solver.factor(1)).isFalse();
    }

    @Test
    void rejectsBadSizes() {
        assertThatThrownBy(() -> new BlockTridiagonalSolver(0, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockTridiagonalSolver(2, 0)).isInstanceOf(IllegalArgumentException.class);
        BlockTridiagonalSolver solver = new BlockTridiagonalSolver(2, 2);
        assertThatThrownBy(() -> solver.factor(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> solver.factor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
