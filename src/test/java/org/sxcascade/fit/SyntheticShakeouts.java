package org.sxcascade.fit;

import java.util.Random;
import org.sxcascade.equilibrium.BatchContact;
import org.sxcascade.equilibrium.MassActionEquilibrium;

/**
 * Shake-out CSV text made from known exchange constants with the same equilibrium stage the fit
 * uses ({@link BatchContact}), optionally with Gaussian noise on log10 D from a seeded generator.
 * Pr and Nd, alone and mixed, over acidities 0.02–0.5 mol/L, feeds 0.01–0.2 mol/L, 0.5–1.5 mol/L
 * extractant (monomer), O/A 0.5–2 and some saponified rows.
 */
final class SyntheticShakeouts {
    static final double K_MCATION = 0.001;

    private SyntheticShakeouts() {
    }

    /** The CSV text of {@code rows} experiments (Pr, Nd; noise SD in log10 D, 0 for none), mass action. */
    static String csv(double[] k, int rows, double noise, long seed) {
        return csv(k, new double[] {3, 3}, new double[] {3, 3}, rows, noise, seed);
    }

    /**
     * Pr and Nd shake-outs from known K_ex, a shared stoichiometry n ({@code log10 D = 3 pH + n log10 e
     * + log10 K}, the engine's correlation with a = 3, b = n) and K_M of Na, with the conditions of
     * each row drawn from a seeded generator: extractant from {@code monomers} (mol/L HA), O/A
     * 0.5–2, initial acid 0.01–0.5 mol/L, feeds 0.01–0.2 mol/L (Pr; Nd 1.5 times), saponification from {@code
     * saponifications} (Na), Pr, Nd or both; noise SD in log10 D (0 for none).
     */
    static String saponified(double[] k, double n, double km, int rows, double noise, long seed, double[] monomers,
                             double[] saponifications) {
        return saponified(k, n, km, rows, noise, seed, monomers, saponifications, new double[] {0.01, 0.05, 0.1, 0.2});
    }

    /** The same with the feeds (mol/L of each rare earth, Nd at 1.5 times) drawn from {@code feeds}. */
    static String saponified(double[] k, double n, double km, int rows, double noise, long seed, double[] monomers,
                             double[] saponifications, double[] feeds) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("experiment_id,extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,"
                + "saponification,cation,Pr_initial_mol_per_L,Pr_D,Nd_initial_mol_per_L,Nd_D\n");
        BatchContact contact = new BatchContact(2);
        double[] acids = {0.01, 0.02, 0.05, 0.1, 0.2, 0.5};
        double[] ratios = {0.5, 1, 2};
        for (int r = 0; r < rows; r++) {
            double monomer = monomers[random.nextInt(monomers.length)];
            double ratio = ratios[random.nextInt(ratios.length)];
            double acid = acids[random.nextInt(acids.length)];
            double feed = feeds[random.nextInt(feeds.length)];
            double sap = saponifications[r % saponifications.length];
            int kind = r % 3; // 0 Pr alone, 1 Nd alone, 2 both
            double[] initial = {kind == 1 ? 0 : feed, kind == 0 ? 0 : feed * 1.5};
            MassActionEquilibrium model = new MassActionEquilibrium(k, new double[] {3, 3}, new double[] {n, n}, km,
                    monomer / 2, 1);
            contact.solve(model, ratio, initial, sap, acid);
            row(out, r, monomer, ratio, acid, sap, initial, contact, noise, random);
        }
        return out.toString();
    }

    /**
     * The same with the correlation {@code log10 D = a pH + b log10 e + log10 k} of docs/mass-action.md
     * (a = b = 3 is mass action).
     */
    static String csv(double[] k, double[] a, double[] b, int rows, double noise, long seed) {
        Random random = new Random(seed);
        StringBuilder out = new StringBuilder("experiment_id,extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,"
                + "saponification,cation,Pr_initial_mol_per_L,Pr_D,Nd_initial_mol_per_L,Nd_D\n");
        BatchContact contact = new BatchContact(2);
        double[] acids = {0.02, 0.05, 0.1, 0.2, 0.5};
        double[] feeds = {0.01, 0.05, 0.1, 0.2};
        double[] monomers = {0.5, 1.0, 1.5};
        double[] ratios = {0.5, 1, 2};
        for (int r = 0; r < rows; r++) {
            double monomer = monomers[r % monomers.length];
            double ratio = ratios[(r / 3) % ratios.length];
            double acid = acids[(r / 2) % acids.length];
            double feed = feeds[(r / 5) % feeds.length];
            double sap = r % 7 == 6 ? 0.2 : 0;
            int kind = r % 3; // 0 Pr alone, 1 Nd alone, 2 both
            double[] initial = {kind == 1 ? 0 : feed, kind == 0 ? 0 : feed * 1.5};
            MassActionEquilibrium model = new MassActionEquilibrium(k, a, b, K_MCATION, monomer / 2, 1);
            contact.solve(model, ratio, initial, sap, acid);
            row(out, r, monomer, ratio, acid, sap, initial, contact, noise, random);
        }
        return out.toString();
    }

    /** One CSV row: the contact just solved, its measured D with the noise drawn in element order. */
    private static void row(StringBuilder out, int r, double monomer, double ratio, double acid, double sap,
                            double[] initial, BatchContact contact, double noise, Random random) {
        out.append("s").append(r).append(',').append(monomer).append(',').append(ratio).append(',').append(acid)
                .append(',').append(sap).append(',').append(sap > 0 ? "Na" : "");
        for (int j = 0; j < 2; j++) {
            if (initial[j] > 0) {
                double log10D = contact.lnDistributionRatio(j) / Math.log(10) + noise * random.nextGaussian();
                out.append(',').append(initial[j]).append(',').append(Math.pow(10, log10D));
            } else {
                out.append(",,");
            }
        }
        out.append('\n');
    }
}
