package org.sxcascade.equilibrium;

import org.sxcascade.model.InvalidInputException;

/**
 * Mass-action equilibrium of rare earths with an acidic organophosphorus extractant (P204/P507,
 * present as the dimer (HA)₂) from a chloride medium, with part of the extractant saponified by a
 * monovalent cation M⁺ (Na⁺ or NH₄⁺). This is the model of docs/mass-action.md (Xu's school;
 * {@code D = K_ex[(HA)₂]³/[H⁺]³}); the acidity of every stage is a result, not an input.
 *
 * <p><b>Species and reactions.</b>
 * On each stage, with concentrations in mol/L, x aqueous, y organic:
 * <ul>
 *   <li>{@code RE³⁺ + 3 (HA)₂(o) ⇌ RE(HA₂)₃(o) + 3 H⁺}: {@code y_j = K_j x_j e³ / h³}, so the
 *       distribution ratio is {@code D_j = K_j e³/h³} and {@code β = D_A/D_B = K_A/K_B} on any stage;</li>
 *   <li>{@code M⁺ + ½ (HA)₂(o) ⇌ MA(o) + H⁺}: {@code y_M = K_M x_M e^½ / h} (the saponified form
 *       is taken as the monomer MA, using half a dimer per M);</li>
 *   <li>extractant balance, C the total extractant counted as dimer:
 *       {@code C = e + 3 Σ_j y_j + ½ y_M}, e the free dimer;</li>
 *   <li>hydrogen carried by the organic: {@code y_H = 2e + 3 Σ_j y_j} (2 per free dimer, 3 per
 *       RE(HA₂)₃, none in MA), equivalently {@code 2C − 3 Σ_j y_j − y_M}. Every organic therefore
 *       carries {@code y_H + 3 Σ_j y_j + y_M = 2C} equivalents of exchangeable cation.</li>
 * </ul>
 * h is the aqueous [H⁺]; K_j (one per rare earth), K_M and C are constants of the model.
 *
 * <p><b>Empirical correlations.</b> A rare earth may instead follow a fitted law
 * {@code log₁₀ D_j = a_j·pH + b_j·log₁₀ e + c_j}, i.e. {@code y_j = K_j x_j e^(b_j) / h^(a_j)} with
 * {@code K_j = 10^(c_j)} ({@link #MassActionEquilibrium(double[], double[], double[], double, double, double)});
 * a_j = b_j = 3 is the mass-action law above. Only the distribution law changes: the
 * stoichiometry (3 H⁺ released and 3 dimers bound per RE, the balances below) is the same, so
 * the model conserves every component exactly as mass action does. With slopes that differ
 * between rare earths, β = D_A/D_B varies with pH and e from stage to stage.
 *
 * <p><b>Components and units.</b>
 * The components are the R rare earths (in the order of the constants given), then M, then H:
 * {@code componentCount() = R + 2}. H, M and every RE are conserved and move between the phases,
 * so a stage's acid balance is an ordinary component balance. Component flows are in units of
 * {@link #molarScale()} mol/h, phase flows in L/h ({@link #flowBasis()}): on a stage with aqueous
 * flow A and organic flow O, {@code x_i = l_i · scale / A} and {@code v_i = y_i · O / scale}. A
 * saponified barren organic with degree of saponification s (fraction of HA units in the M form,
 * {@code 0 ≤ s < 1}) carries {@code M = 2sC·O/scale} and {@code H = 2C(1−s)·O/scale}, its free
 * dimer being {@code C(1−s)} ({@link #saponifiedOrganic(int, double, double, double, double)}).
 * Since each RE(HA₂)₃ takes three HA besides the three A⁻ it trades for 3 M⁺, such an organic
 * loads RE by exchange alone ({@code RE³⁺ + 3 MA + 1½ (HA)₂ → RE(HA₂)₃ + 3 M⁺}, no acid
 * released) up to {@code min(2sC, 2C(1−s))/3}, i.e. 2sC/3 for s ≤ ½; beyond that, loading
 * releases 3 H⁺ per RE and is limited by the acidity it builds.
 * An organic pre-loaded by that exchange before it enters the cascade ("RE soap",
 * {@link #preloadedOrganic(double, double, double[])}) carries Y mol/L RE, {@code 2sC − 3Y} M and
 * still {@code 2C(1−s)} H, the pre-load replacing M but not H.
 *
 * <p>Both {@link EquilibriumModel} methods are stateless and allocation-free, and safe to call from
 * several threads on one instance.
 */
public final class MassActionEquilibrium implements EquilibriumModel {
    private static final double LN2 = Math.log(2);
    private static final double LN3 = Math.log(3);
    private static final double LN10 = Math.log(10);
    /** Below this aqueous [H⁺] (mol/L) {@link #equilibrate} gives up looking for a root. */
    private static final double LN_ACIDITY_FLOOR = Math.log(1e-300);

    /** Largest slope a_j or b_j of a correlation. */
    public static final double MAX_SLOPE = 6;
    /** a_j and b_j of the mass-action law {@code D_j = K_j e³/h³}. */
    public static final double MASS_ACTION_SLOPE = 3;

    private final double[] exchangeConstants;
    private final double[] lnExchangeConstants;
    private final double[] acidSlopes;
    private final double[] dimerSlopes;
    private final boolean equalSlopes;
    /** The inner solve's lower bracket lies this far below its start (see solveLoadedExtractant). */
    private final double lowerBracketOffset;
    private final double cationExchangeConstant;
    private final double lnCationExchangeConstant;
    private final double extractantConcentration;
    private final double lnExtractantConcentration;
    private final double molarScale;
    private final double lnMolarScale;

    /**
     * The mass-action law {@code D_j = K_j e³/h³} for every rare earth.
     *
     * @param exchangeConstants       K_ex of each rare earth (dimensionless, &gt; 0), in component order
     * @param cationExchangeConstant  K_M of the saponification cation (&gt; 0)
     * @param extractantConcentration C, total extractant as dimer (mol/L, &gt; 0)
     * @param molarScale              mol/h in one unit of component flow (&gt; 0)
     */
    public MassActionEquilibrium(double[] exchangeConstants, double cationExchangeConstant,
                                 double extractantConcentration, double molarScale) {
        this(exchangeConstants, massActionSlopes(exchangeConstants), massActionSlopes(exchangeConstants),
                cationExchangeConstant, extractantConcentration, molarScale);
    }

    /**
     * An empirical correlation {@code log₁₀ D_j = a_j·pH + b_j·log₁₀ e + c_j} per rare earth
     * (e the free dimer, mol/L), written as {@code D_j = K_j e^(b_j) / h^(a_j)} with
     * {@code K_j = 10^(c_j)}; a_j = b_j = 3 is the mass-action law. The stoichiometry is the
     * mass-action model's (3 H⁺ released and 3 dimers bound per RE, the cation's exchange).
     *
     * <p>Allowed slopes: {@code 0 < b_j ≤ 6}, {@code 0 < a_j ≤ 6} and {@code a_j < 2 b_j}. b_j &gt; 0
     * makes the extractant balance increasing in e (a unique free dimer on every stage, also
     * when the organic is nearly full). {@code a_j ≤ 2 b_j} makes the organic's cation uptake
     * fall as the acidity rises along the extractant balance when the extractant is saponified,
     * so that {@link #equilibrate} has at most one hydrogen split (see its javadoc); strictly
     * below, {@code q_j ∝ (e^½/h)^(a_j) e^(b_j − a_j/2)} falls behind the cation's
     * {@code q_M ∝ e^½/h} as e → 0, so that at low acidity a saponified organic keeps its cation
     * as in mass action and a saponified organic mixed with an acid aqueous has a split. (At
     * a_j = 2 b_j a rare earth displaces the cation at every acidity, and such contents can have
     * none.) The bound 6 keeps the powers of e and h within floating point over the acidities a
     * cascade meets.
     *
     * @param exchangeConstants       K_j = 10^(c_j): D_j at pH 0 and e = 1 mol/L (&gt; 0)
     * @param acidSlopes              a_j, the slope of log₁₀ D_j against pH
     * @param dimerSlopes             b_j, the slope of log₁₀ D_j against log₁₀ e
     * @param cationExchangeConstant  K_M of the saponification cation (&gt; 0)
     * @param extractantConcentration C, total extractant as dimer (mol/L, &gt; 0)
     * @param molarScale              mol/h in one unit of component flow (&gt; 0)
     */
    public MassActionEquilibrium(double[] exchangeConstants, double[] acidSlopes, double[] dimerSlopes,
                                 double cationExchangeConstant, double extractantConcentration, double molarScale) {
        if (exchangeConstants == null || exchangeConstants.length == 0) {
            throw new InvalidInputException("equilibrium.exchangeConstants", "(none)", "at least one rare earth");
        }
        int r = exchangeConstants.length;
        if (acidSlopes.length != r || dimerSlopes.length != r) {
            throw new InvalidInputException("equilibrium.slopes", acidSlopes.length + " and " + dimerSlopes.length
                    + " values", "one a and one b per rare earth (" + r + ")");
        }
        this.exchangeConstants = exchangeConstants.clone();
        this.lnExchangeConstants = new double[r];
        this.acidSlopes = acidSlopes.clone();
        this.dimerSlopes = dimerSlopes.clone();
        boolean equal = true;
        for (int j = 0; j < r; j++) {
            double k = InvalidInputException.requirePositive("equilibrium.exchangeConstants[" + j + "]",
                    exchangeConstants[j]);
            lnExchangeConstants[j] = Math.log(k);
            double b = dimerSlopes[j];
            if (!(b > 0 && b <= MAX_SLOPE)) {
                throw new InvalidInputException("equilibrium.dimerSlopes[" + j + "]", b,
                        "above 0 and at most " + fmt(MAX_SLOPE));
            }
            double a = acidSlopes[j];
            if (!slopesAllowed(a, b)) {
                throw new InvalidInputException("equilibrium.acidSlopes[" + j + "]", a, slopeRange(b));
            }
            equal &= a == acidSlopes[0] && b == dimerSlopes[0];
        }
        this.equalSlopes = equal;
        this.lowerBracketOffset = lowerBracketOffset(this.dimerSlopes);
        this.cationExchangeConstant = InvalidInputException.requirePositive("equilibrium.cationExchangeConstant",
                cationExchangeConstant);
        this.lnCationExchangeConstant = Math.log(cationExchangeConstant);
        this.extractantConcentration = InvalidInputException.requirePositive("equilibrium.extractantConcentration",
                extractantConcentration, "mol/L");
        this.lnExtractantConcentration = Math.log(extractantConcentration);
        this.molarScale = InvalidInputException.requirePositive("molarScale", molarScale, "mol/h");
        this.lnMolarScale = Math.log(molarScale);
    }

    /** Number of rare earths R. */
    public int rareEarthCount() {
        return lnExchangeConstants.length;
    }

    /** Index of the saponification cation M among the components (R). */
    public int cationIndex() {
        return lnExchangeConstants.length;
    }

    /** Index of hydrogen among the components (R + 1). */
    public int hydrogenIndex() {
        return lnExchangeConstants.length + 1;
    }

    /** K_ex of rare earth j as given. */
    public double exchangeConstant(int j) {
        return exchangeConstants[j];
    }

    /** a_j: the slope of log₁₀ D_j against pH (3 for mass action). */
    public double acidSlope(int j) {
        return acidSlopes[j];
    }

    /** b_j: the slope of log₁₀ D_j against log₁₀ of the free dimer (3 for mass action). */
    public double dimerSlope(int j) {
        return dimerSlopes[j];
    }

    /** Whether rare earth j follows the mass-action law (a_j = b_j = 3). */
    public boolean isMassActionLaw(int j) {
        return acidSlopes[j] == MASS_ACTION_SLOPE && dimerSlopes[j] == MASS_ACTION_SLOPE;
    }

    /**
     * Whether every rare earth has the same slopes a and b: then {@code D_i/D_j = K_i/K_j} on any
     * stage (constant separation factors); otherwise the separation factors vary with pH and e.
     */
    public boolean hasEqualSlopes() {
        return equalSlopes;
    }

    /** D_j = K_j e^(b_j) / h^(a_j) at a pH and a free dimer e (mol/L). */
    public double distributionRatio(int j, double pH, double freeDimer) {
        return Math.exp(lnExchangeConstants[j] + dimerSlopes[j] * Math.log(freeDimer) + acidSlopes[j] * LN10 * pH);
    }

    /** Whether a pH slope a is allowed with a dimer slope b: {@code 0 < b ≤ 6}, {@code 0 < a ≤ 6}, {@code a < 2b}. */
    public static boolean slopesAllowed(double acidSlope, double dimerSlope) {
        return dimerSlope > 0 && dimerSlope <= MAX_SLOPE && acidSlope > 0 && acidSlope <= MAX_SLOPE
                && acidSlope < 2 * dimerSlope;
    }

    /** The allowed range of a_j for a given b_j, in words, for messages. */
    public static String slopeRange(double dimerSlope) {
        return "above 0, at most 6 and below 2b = " + fmt(2 * dimerSlope) + " (b = " + fmt(dimerSlope)
                + "; a < 2b keeps the split of a saponified stage unique and lets the organic keep its cation)";
    }

    /** The same model with another molar scale (mol/h in one unit of component flow). */
    public MassActionEquilibrium withMolarScale(double scale) {
        return new MassActionEquilibrium(exchangeConstants, acidSlopes, dimerSlopes, cationExchangeConstant,
                extractantConcentration, scale);
    }

    /** K_M of the saponification cation. */
    public double cationExchangeConstant() {
        return cationExchangeConstant;
    }

    /** C, total extractant as dimer, mol/L. */
    public double extractantConcentration() {
        return extractantConcentration;
    }

    /** mol/h in one unit of component flow. */
    public double molarScale() {
        return molarScale;
    }

    @Override
    public int componentCount() {
        return lnExchangeConstants.length + 2;
    }

    @Override
    public String flowBasis() {
        return "L/h";
    }

    // ---------------------------------------------------------------------------------------------
    // stage quantities for reports

    /** Aqueous [H⁺] (mol/L) of a stage with aqueous flow A (L/h) and ln aqueous component flows at {@code offset}. */
    public double aqueousAcidity(double aqueousFlow, double[] lnAqueous, int offset) {
        return Math.exp(lnAqueous[offset + hydrogenIndex()] + lnMolarScale - Math.log(aqueousFlow));
    }

    /** pH = −log₁₀[H⁺] of a stage, as {@link #aqueousAcidity}. */
    public double pH(double aqueousFlow, double[] lnAqueous, int offset) {
        return pH(aqueousAcidity(aqueousFlow, lnAqueous, offset));
    }

    /** pH = −log₁₀ of an acidity in mol/L. */
    public static double pH(double acidity) {
        return -Math.log10(acidity);
    }

    /**
     * Free extractant e (mol/L as dimer) in the organic leaving a stage, solved from the
     * extractant balance given the stage's aqueous flow (L/h) and ln aqueous component flows.
     */
    public double freeExtractant(double aqueousFlow, double[] lnAqueous, int offset) {
        double lnXs = lnMolarScale - Math.log(aqueousFlow);
        double lnH = lnAqueous[offset + hydrogenIndex()] + lnXs;
        return Math.exp(lnFreeExtractant(lnAqueous, offset, lnXs, lnH,
                lnCationExchangeConstant + lnAqueous[offset + cationIndex()] + lnXs - lnH,
                equalSlopes ? lnRareEarthSum(lnAqueous, offset) + lnXs - acidSlopes[0] * lnH : Double.NaN));
    }

    /**
     * Fraction of the extractant bound to rare earths, {@code 3 Σ_j y_j / C}, from the organic flow
     * (L/h) and ln organic component flows of a stage at {@code offset}.
     */
    public double loading(double organicFlow, double[] lnOrganic, int offset) {
        double sum = 0;
        for (int j = 0; j < lnExchangeConstants.length; j++) {
            sum += Math.exp(lnOrganic[offset + j]);
        }
        return 3 * sum * molarScale / (organicFlow * extractantConcentration);
    }

    /** Degree of saponification {@code y_M / (2C)} of an organic, from its flow (L/h) and ln component flows. */
    public double saponificationDegree(double organicFlow, double[] lnOrganic, int offset) {
        return Math.exp(lnOrganic[offset + cationIndex()]) * molarScale / (organicFlow * 2 * extractantConcentration);
    }

    /**
     * Component flows (units of {@code molarScale} mol/h) of a barren organic of flow O (L/h) with
     * extractant C (mol/L as dimer) saponified to degree s: RE 0, M {@code 2sC·O/scale}, H
     * {@code 2C(1−s)·O/scale}.
     */
    public static double[] saponifiedOrganic(int rareEarthCount, double extractantConcentration,
                                             double saponificationDegree, double organicFlow, double molarScale) {
        if (rareEarthCount < 1) {
            throw new InvalidInputException("rareEarthCount", rareEarthCount, "an integer of at least 1");
        }
        InvalidInputException.requirePositive("equilibrium.extractantConcentration", extractantConcentration, "mol/L");
        if (!(saponificationDegree >= 0 && saponificationDegree < 1)) {
            throw new InvalidInputException("saponificationDegree", saponificationDegree,
                    "a number from 0 (inclusive) to 1 (exclusive)");
        }
        InvalidInputException.requirePositive("organicFlow", organicFlow, "L/h");
        InvalidInputException.requirePositive("molarScale", molarScale, "mol/h");
        double[] flows = new double[rareEarthCount + 2];
        double sites = 2 * extractantConcentration * organicFlow / molarScale;
        flows[rareEarthCount] = saponificationDegree * sites;
        flows[rareEarthCount + 1] = (1 - saponificationDegree) * sites;
        return flows;
    }

    /** {@link #saponifiedOrganic(int, double, double, double, double)} with this model's R, C and scale. */
    public double[] saponifiedOrganic(double saponificationDegree, double organicFlow) {
        return saponifiedOrganic(rareEarthCount(), extractantConcentration, saponificationDegree, organicFlow,
                molarScale);
    }

    /**
     * Component flows (units of {@link #molarScale()} mol/h) of an organic of flow O (L/h)
     * saponified to degree s and then pre-loaded with RE at concentrations {@code y_j} (mol/L),
     * the pre-load replacing three M per RE ({@code RE³⁺ + 3 MA + 1½ (HA)₂ → RE(HA₂)₃ + 3 M⁺}, no
     * acid released). Per litre, Y = Σ y_j: RE {@code y_j}, M {@code 2sC − 3Y}, exchangeable H
     * {@code 2e + 3Y = 2C(1−s)} with free dimer {@code e = C(1−s) − 1½Y}; the site balance
     * {@code y_H + 3Y + y_M = 2C} holds. With every {@code y_j = 0} this is exactly
     * {@link #saponifiedOrganic(double, double)}.
     *
     * @throws InvalidInputException if Y exceeds {@link #maximumPreload(double)}: M would go
     *         negative ({@code Y > 2sC/3}) or no free extractant would be left ({@code Y ≥ 2C(1−s)/3})
     */
    public double[] preloadedOrganic(double saponificationDegree, double organicFlow,
                                     double[] rareEarthConcentrations) {
        int r = rareEarthCount();
        if (rareEarthConcentrations.length != r) {
            throw new InvalidInputException("rareEarthConcentrations", rareEarthConcentrations.length + " values",
                    "one concentration per rare earth (" + r + ")");
        }
        double total = 0;
        for (int j = 0; j < r; j++) {
            if (!(rareEarthConcentrations[j] >= 0) || !Double.isFinite(rareEarthConcentrations[j])) {
                throw new InvalidInputException("rareEarthConcentrations[" + j + "]", rareEarthConcentrations[j],
                        "a finite number ≥ 0 mol/L");
            }
            total += rareEarthConcentrations[j];
        }
        if (!preloadFits(saponificationDegree, total)) {
            throw new InvalidInputException("preload", total, preloadRange(saponificationDegree));
        }
        double[] flows = saponifiedOrganic(saponificationDegree, organicFlow);
        double perUnit = organicFlow / molarScale;
        for (int j = 0; j < r; j++) {
            flows[j] = rareEarthConcentrations[j] * perUnit;
        }
        // 3 M replaced per RE; at Y = 2sC/3 rounding may leave −1 ulp, which is 0
        flows[r] = Math.max(0, flows[r] - 3 * total * perUnit);
        return flows;
    }

    /**
     * The largest RE pre-load (mol/L in the organic) an organic saponified to degree s can carry:
     * {@code min(2sC, 2C(1−s))/3}. The first bound (all M replaced) is reached inclusive, the
     * second (no free extractant left) is not.
     */
    public double maximumPreload(double saponificationDegree) {
        double c = extractantConcentration;
        return Math.min(2 * saponificationDegree * c, 2 * c * (1 - saponificationDegree)) / 3;
    }

    /** Whether a pre-load of Y mol/L fits an organic saponified to degree s (see {@link #maximumPreload}). */
    public boolean preloadFits(double saponificationDegree, double preload) {
        double c = extractantConcentration;
        return preload >= 0 && 3 * preload <= 2 * saponificationDegree * c * (1 + 1e-12)
                && 3 * preload < 2 * c * (1 - saponificationDegree);
    }

    /** The allowed range of a pre-load in words, for messages. */
    public String preloadRange(double saponificationDegree) {
        double c = extractantConcentration;
        boolean byCation = saponificationDegree < 0.5;
        return "from 0 to " + (byCation ? "" : "below ") + fmt(maximumPreload(saponificationDegree))
                + " mol/L RE in the organic: with C = " + fmt(c) + " mol/L (HA)2 saponified to s = "
                + fmt(saponificationDegree) + ", " + (byCation
                ? "the pre-load replaces 3 M per RE, so Y ≤ 2sC/3"
                : "the free dimer C(1−s) − 1.5 Y must stay above 0, so Y < 2C(1−s)/3");
    }

    private static String fmt(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * Component flows (units) of an aqueous stream of flow A (L/h) with the given concentrations
     * (mol/L): rare earths in component order, the cation M, and free acid H⁺.
     */
    public double[] aqueousStream(double aqueousFlow, double[] rareEarthConcentrations, double cationConcentration,
                                  double acidity) {
        int r = rareEarthCount();
        if (rareEarthConcentrations.length != r) {
            throw new InvalidInputException("rareEarthConcentrations", rareEarthConcentrations.length + " values",
                    "one concentration per rare earth (" + r + ")");
        }
        double perUnit = aqueousFlow / molarScale;
        double[] flows = new double[r + 2];
        for (int j = 0; j < r; j++) {
            flows[j] = rareEarthConcentrations[j] * perUnit;
        }
        flows[r] = cationConcentration * perUnit;
        flows[r + 1] = acidity * perUnit;
        return flows;
    }

    // ---------------------------------------------------------------------------------------------
    // the model

    /**
     * {@inheritDoc}
     *
     * <p>The free dimer e follows from the extractant balance
     * {@code G(e) = e + 3 Σ_j P_j e^(b_j) + ½ e^½ Q − C = 0} ({@code P_j = K_j x_j / h^(a_j)},
     * {@code Q = K_M x_M / h}; mass action: b_j = a_j = 3). In u = ln e, G is increasing and
     * convex (every b_j &gt; 0), so Newton started at a point where G ≥ 0 decreases monotonically
     * onto the root; the start is the smallest u at which one term alone equals C (with equal
     * slopes the rare earths count as one term Σ_j P_j), which lies at most
     * ln(number of terms)/min(b, ½) above the root.
     *
     * <p>Jacobian: differentiating the balance at fixed C, with
     * {@code D = e ∂G/∂e = e + 3 Σ b_j y_j + ¼ y_M}, {@code ∂ln e/∂ln x_i = −3 y_i / D} (RE i),
     * {@code −½ y_M / D} (M) and {@code (3 Σ a_j y_j + ½ y_M) / D} (H). Then
     * {@code ∂ln y_j/∂ln l_i = δ_ij + b_j ∂ln e/∂ln l_i − a_j δ_iH},
     * {@code ∂ln y_M/∂ln l_i = δ_iM + ½ ∂ln e/∂ln l_i − δ_iH} and, with y_H = 2e + 3Σy,
     * {@code ∂ln y_H/∂ln l_i = (2e + 3 Σ b_j y_j)/y_H · ∂ln e/∂ln l_i + [i RE] 3 y_i/y_H
     * − δ_iH 3 Σ a_j y_j/y_H} (mass action: 3 Σ b_j y_j = 3 Σ a_j y_j = 9 Σy).
     * A component of flow 0 has organic flow 0 and finite derivatives (its own row keeps the
     * structural δ terms).
     */
    @Override
    public void organicFlows(double organicFlow, double aqueousFlow, double[] lnAqueous, int aqOffset,
                             double[] lnOrganic, int orgOffset, double[] jacobian, int jacOffset) {
        int r = lnExchangeConstants.length;
        int cM = r;
        int cH = r + 1;
        int c = r + 2;
        double lnXs = lnMolarScale - Math.log(aqueousFlow); // ln x = ln l + lnXs
        double lnOs = Math.log(organicFlow) - lnMolarScale; // ln v = ln y + lnOs
        double lnH = lnAqueous[aqOffset + cH] + lnXs;
        double lnQ = lnCationExchangeConstant + lnAqueous[aqOffset + cM] + lnXs - lnH; // y_M = Q e^½
        // with equal slopes, ln Σ_j y_j = ln P + b ln e, ln P = ln Σ_j K_j x_j − a ln h
        double lnP = equalSlopes ? lnRareEarthSum(lnAqueous, aqOffset) + lnXs - acidSlopes[0] * lnH : Double.NaN;
        double u = lnFreeExtractant(lnAqueous, aqOffset, lnXs, lnH, lnQ, lnP);
        double maxY = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < r; j++) { // ln y_j = ln K_j + ln x_j + b_j ln e − a_j ln h
            double lnY = lnExchangeConstants[j] + lnAqueous[aqOffset + j] + lnXs + dimerSlopes[j] * u
                    - acidSlopes[j] * lnH;
            lnOrganic[orgOffset + j] = lnY + lnOs;
            maxY = Math.max(maxY, lnY);
        }
        double lnSumY = maxY;
        if (equalSlopes) {
            lnSumY = lnP + dimerSlopes[0] * u;
        } else if (maxY > Double.NEGATIVE_INFINITY) {
            double sum = 0;
            for (int j = 0; j < r; j++) {
                sum += Math.exp(lnOrganic[orgOffset + j] - lnOs - maxY);
            }
            lnSumY = maxY + Math.log(sum);
        }
        double lnYM = lnQ + 0.5 * u;
        lnOrganic[orgOffset + cM] = lnYM + lnOs;
        double lnYH = logAddExp(LN2 + u, LN3 + lnSumY);
        lnOrganic[orgOffset + cH] = lnYH + lnOs;
        if (jacobian == null) {
            return;
        }
        double e = Math.exp(u);
        double yM = Math.exp(lnYM);
        double yH = Math.exp(lnYH);
        double sumBY = 0; // Σ b_j y_j
        double sumAY = 0; // Σ a_j y_j
        if (equalSlopes) {
            double sumY = Math.exp(lnSumY);
            sumBY = dimerSlopes[0] * sumY;
            sumAY = acidSlopes[0] * sumY;
        } else {
            for (int j = 0; j < r; j++) {
                double y = Math.exp(lnOrganic[orgOffset + j] - lnOs);
                sumBY += dimerSlopes[j] * y;
                sumAY += acidSlopes[j] * y;
            }
        }
        double d = e + 3 * sumBY + 0.25 * yM;
        double hydrogenWeight = (2 * e + 3 * sumBY) / yH; // (2e + 3Σ b_j y_j)/y_H
        double acidShareOfH = 3 * sumAY / yH; // 3Σ a_j y_j / y_H
        for (int i = 0; i < c; i++) {
            double du; // ∂ ln e / ∂ ln l_i
            double reTerm = 0; // [i RE] 3 y_i / y_H
            if (i < r) {
                double lnYi = lnOrganic[orgOffset + i] - lnOs;
                double yi = Math.exp(lnYi);
                du = -3 * yi / d;
                // 3 y_i ≤ y_H: the quotient, unless y_H is subnormal
                reTerm = yH > 1e-300 ? 3 * yi / yH : Math.exp(LN3 + lnYi - lnYH);
            } else if (i == cM) {
                du = -0.5 * yM / d;
            } else {
                du = (3 * sumAY + 0.5 * yM) / d;
            }
            double hTerm = i == cH ? 1.0 : 0.0;
            for (int j = 0; j < r; j++) {
                jacobian[jacOffset + j * c + i] = (i == j ? 1.0 : 0.0) + dimerSlopes[j] * du - acidSlopes[j] * hTerm;
            }
            jacobian[jacOffset + cM * c + i] = (i == cM ? 1.0 : 0.0) + 0.5 * du - hTerm;
            jacobian[jacOffset + cH * c + i] = hydrogenWeight * du + reTerm - acidShareOfH * hTerm;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Method: given the free dimer e = exp(u) and the acidity h = exp(w), every component's split
     * is explicit, {@code l_i = m_i / (1 + q_i)}, {@code v_i = m_i q_i / (1 + q_i)} with
     * {@code q_j = K_j (O/A) e^(b_j)/h^(a_j)} (RE; mass action a_j = b_j = 3) and
     * {@code q_M = K_M (O/A) e^½/h}. Two nested
     * one-dimensional solves find (u, w):
     * <ul>
     *   <li>inner, at fixed w: the extractant balance {@code e·O/scale + 3Σ v_j + ½ v_M = C·O/scale},
     *       strictly increasing in u (b_j &gt; 0), bracketed by u = ln C (where it is ≥ 0) and a
     *       lower bound δ below the smallest u at which one term of the same balance with q in
     *       place of q/(1+q) alone equals the capacity, δ (2.2 for mass action) being such that
     *       {@code e^−δ + Σ_j e^(−b_j δ) + e^(−δ/2) < 0.9}, so that the balance is negative there. A mostly
     *       extracted component enters as {@code m − m/(1+q)} with the constants summed apart, so
     *       the balance stays a smooth function of u when the organic is nearly full of one
     *       component;</li>
     *   <li>outer: the hydrogen split {@code F(w) = h·A/scale + v_H(w) − m_H = 0}, with
     *       {@code v_H = (2e + 3Σy)·O/scale = 2C·O/scale − 3Σv_j − v_M}. Along the inner solution
     *       the organic's cation uptake {@code 3Σv_j + v_M} falls as h rises, so F is strictly
     *       increasing: its derivative is
     *       {@code h·A/scale + (ε(S_a + S_M) + ½ S_M S_b − ¼ S_M S_a)/(ε + S_b + ¼S_M)} with
     *       ε = e·O/scale, {@code S_a = 3 Σ a_j m_j q_j/(1+q_j)²}, S_b likewise with b_j,
     *       {@code S_M = m_M q_M/(1+q_M)²}, all ≥ 0, and {@code S_a ≤ 2 S_b} since every
     *       a_j ≤ 2 b_j (mass action: S_a = S_b = 9S). w is bracketed above by
     *       ln(m_H·scale/A). The step is Newton's on {@code w + ln(A/scale) − ln(m_H − v_H)} when
     *       the aqueous term dominates (nearly linear then), on F otherwise; while no lower bracket
     *       is known steps are at most 30 in ln h, and each inner solve starts from the previous u
     *       moved along d ln e/d ln h.</li>
     * </ul>
     * Both are Newton iterations safeguarded as in {@code rtsafe}: a bisection whenever a step
     * leaves the bracket or is not below half the step before last; they stop once a step is
     * below 1e-12 (relative to the logarithm; the error left is about its square) or the residual
     * is at its rounding level.
     *
     * <p>The hydrogen's shares come from the two phases' amounts (the phase holding more gets
     * {@code m_H} minus the other's), so with {@link #equilibrate} both phases are accurate and the
     * balance closes to rounding. The contents must be able to fill
     * the organic at an aqueous [H⁺] &gt; 0, which any equilibrium (or barren saponified) organic
     * mixed with an aqueous stream carrying some acid does. If they cannot (F &gt; 0 down to
     * [H⁺] = 1e-300 mol/L, e.g. an organic alone with an aqueous free of acid) the split is the
     * one at that acidity and the organic takes the rest of the hydrogen: the balance still closes
     * but the organic hydrogen is not the model's. Negative amounts (round-off) count as 0 when
     * solving. A zero organic (aqueous) flow leaves everything in the aqueous (organic).
     */
    @Override
    public void shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                       double[] aqueousShare, double[] organicShare, int outOffset) {
        shares(organicFlow, aqueousFlow, contents, offset, aqueousShare, organicShare, outOffset, Double.NaN);
    }

    /**
     * {@link #shares(double, double, double[], int, double[], double[], int)} with the outer
     * (hydrogen) solve started at w = {@code lnAcidityStart} instead of the top of its bracket
     * (all hydrogen in the aqueous), where that start lies inside the bracket: its first F then
     * bounds the root from one side, and the safeguarded Newton steps go on from there. The rows
     * start each stage from its acidity of the row before ({@code RowSweep}).
     *
     * @return w = ln [H⁺] (mol/L) of the split, or NaN where a phase flow is 0
     */
    @Override
    public double shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                         double[] aqueousShare, double[] organicShare, int outOffset, double lnAcidityStart) {
        return shares(organicFlow, aqueousFlow, contents, offset, aqueousShare, organicShare, outOffset,
                lnAcidityStart, Double.NaN, null, 0);
    }

    /** Two: w = ln [H⁺] (mol/L) of the outer solve and u = ln e, the free dimer, of the inner one. */
    @Override
    public int startLength() {
        return 2;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Both solves start from the last split's: the outer at w = {@code start[startOffset]} (as
     * {@link #shares(double, double, double[], int, double[], double[], int, double)}), the first
     * inner solve at u = {@code start[startOffset + 1]} where that lies inside its bracket.
     */
    @Override
    public void equilibrate(double organicFlow, double aqueousFlow, double[] contents, int offset,
                            double[] aqueous, double[] organic, int outOffset, double[] start, int startOffset) {
        shares(organicFlow, aqueousFlow, contents, offset, aqueous, organic, outOffset, start[startOffset],
                start[startOffset + 1], start, startOffset);
        splitByShares(contents, offset, aqueous, organic, outOffset);
    }

    /**
     * The shares, the outer solve started at w = {@code lnAcidityStart} and the first inner one at
     * u = {@code lnFreeStart} (NaN: none); w and u found go to {@code found[foundOffset]} and the
     * next entry unless {@code found} is null.
     *
     * @return w found, or NaN where a phase flow is 0
     */
    private double shares(double organicFlow, double aqueousFlow, double[] contents, int offset,
                          double[] aqueousShare, double[] organicShare, int outOffset, double lnAcidityStart,
                          double lnFreeStart, double[] found, int foundOffset) {
        int r = lnExchangeConstants.length;
        int cM = r;
        int cH = r + 1;
        int c = r + 2;
        if (organicFlow == 0 || aqueousFlow == 0) {
            for (int j = 0; j < c; j++) {
                aqueousShare[outOffset + j] = organicFlow == 0 ? 1 : 0;
                organicShare[outOffset + j] = organicFlow == 0 ? 0 : 1;
            }
            if (found != null) {
                found[foundOffset] = Double.NaN;
                found[foundOffset + 1] = Double.NaN;
            }
            return Double.NaN;
        }
        double lnOs = Math.log(organicFlow) - lnMolarScale; // units per mol/L of organic
        double lnAs = Math.log(aqueousFlow) - lnMolarScale; // units per mol/L of aqueous
        double lnRatio = Math.log(organicFlow) - Math.log(aqueousFlow);
        double capacity = Math.exp(lnExtractantConcentration + lnOs); // C·O/scale
        double mM = Math.max(contents[offset + cM], 0);
        double lnQm = Math.log(mM) + lnCationExchangeConstant + lnRatio; // ln m_M K_M O/A
        double mH = Math.max(contents[offset + cH], 0);

        double lo = Double.NEGATIVE_INFINITY;
        double hi = Math.log(mH) - lnAs; // all hydrogen in the aqueous: F(hi) ≥ 0
        // a start inside the bracket (the stage's acidity of the row before) replaces its top
        double w = lnAcidityStart > LN_ACIDITY_FLOOR && lnAcidityStart < hi ? lnAcidityStart : hi;
        double u = lnFreeStart; // the inner solve takes it where it lies in its bracket
        double lastStep = Double.POSITIVE_INFINITY;
        double stepBeforeLast = Double.POSITIVE_INFINITY;
        boolean lastWasNewton = false;
        double previousF = Double.NaN;
        boolean joint = found != null && w == lnAcidityStart && Double.isFinite(u) && u <= lnExtractantConcentration
                && jointNewton(w, u, contents, offset, lnOs, lnAs, lnRatio, capacity, mM, mH, hi, found, foundOffset);
        if (joint) {
            w = found[foundOffset];
            u = found[foundOffset + 1];
        } else if (!(hi > LN_ACIDITY_FLOOR)) {
            w = LN_ACIDITY_FLOOR;
        } else {
            for (int it = 0; it < 300; it++) {
                u = solveLoadedExtractant(w, u, contents, offset, lnOs, lnRatio, capacity, mM, lnQm);
                double eo = Math.exp(u + lnOs);
                double extracted3 = 0; // 3 Σ v_j
                double sa = 0; // S_a = 3 Σ a_j m_j σ(1−σ)
                double sb = 0; // S_b = 3 Σ b_j m_j σ(1−σ)
                for (int j = 0; j < r; j++) {
                    double m = Math.max(contents[offset + j], 0);
                    double z = lnExchangeConstants[j] + lnRatio + dimerSlopes[j] * u - acidSlopes[j] * w;
                    // σ = 1/(1 + e^−z) and σ(1 − σ) from the one exponential t = e^−|z|
                    double t = Math.exp(-Math.abs(z));
                    double inv = 1 / (1 + t);
                    extracted3 += m * (z > 0 ? inv : t * inv);
                    double s = m * t * inv * inv;
                    sa += acidSlopes[j] * s;
                    sb += dimerSlopes[j] * s;
                }
                extracted3 *= 3;
                sa *= 3;
                sb *= 3;
                double zM = lnCationExchangeConstant + lnRatio + 0.5 * u - w;
                double tM = Math.exp(-Math.abs(zM));
                double invM = 1 / (1 + tM);
                double sM = mM * tM * invM * invM;
                double vH = 2 * eo + extracted3;
                double aq = Math.exp(w + lnAs);
                double f = aq + vH - mH;
                if (f > 0) {
                    hi = w;
                } else if (f < 0) {
                    lo = w;
                } else {
                    break;
                }
                if (Math.abs(f) <= 1e-14 * mH || lastWasNewton && lastStep < 1e-6 * Math.max(1, Math.abs(w))
                        && Math.abs(f) >= Math.abs(previousF)) {
                    break; // F is at its rounding level: a small Newton step no longer reduces it
                }
                previousF = f;
                double den = eo + sb + 0.25 * sM;
                double du = (sa + 0.5 * sM) / den; // d ln e / d ln h on the inner solution
                double dvH = (eo * (sa + sM) + (0.5 * sb - 0.25 * sa) * sM) / den; // ≥ 0 as a_j ≤ 2 b_j
                double leftForAqueous = mH - vH;
                double next;
                if (leftForAqueous > 0 && aq > dvH) {
                    // the aqueous term dominates: Newton on ln(h·A/scale) = ln(m_H − v_H)
                    next = w - (w + lnAs - Math.log(leftForAqueous)) / (1 + dvH / leftForAqueous);
                } else if (leftForAqueous > 0) {
                    next = w - f / (aq + dvH);
                } else {
                    // the organic alone holds too much H: at least as far down as v_H = m_H
                    next = w - Math.max(f / (aq + dvH), -leftForAqueous / dvH);
                }
                // a step this small leaves an error of about its square
                if (Math.abs(next - w) <= 1e-12 * Math.max(1, Math.abs(w))) {
                    if (next > lo && next < hi) {
                        w = next;
                    }
                    break;
                }
                // once bracketed, bisect when the step leaves the bracket or is not below half the
                // step before last (before, every point has F > 0 and Newton only moves down)
                boolean bracketed = lo > Double.NEGATIVE_INFINITY;
                lastWasNewton = true;
                if (!(next > lo && next < hi) || bracketed && !(Math.abs(next - w) <= 0.5 * stepBeforeLast)) {
                    next = bracketed ? 0.5 * (lo + hi) : w - 30;
                    lastWasNewton = false;
                }
                if (lo == Double.NEGATIVE_INFINITY) {
                    next = Math.max(next, w - 30);
                    if (next < LN_ACIDITY_FLOOR) {
                        if (w <= LN_ACIDITY_FLOOR) {
                            break; // F > 0 at the floor: the contents cannot fill the organic
                        }
                        next = LN_ACIDITY_FLOOR;
                    }
                }
                double step = next - w;
                stepBeforeLast = lastStep;
                lastStep = Math.abs(step);
                w = next;
                u += du * step; // start of the next inner solve
                if (hi - lo <= 1e-15 * Math.max(1, Math.abs(w))) {
                    break;
                }
            }
        }
        if (!joint) {
            u = solveLoadedExtractant(w, u, contents, offset, lnOs, lnRatio, capacity, mM, lnQm);
        }
        double extracted3 = 0;
        for (int j = 0; j < r; j++) {
            // the RE's organic share σ(z) = 1/(1 + e^−z), z = ln(K_j O/A) + b_j ln e − a_j ln h
            double z = lnExchangeConstants[j] + lnRatio + dimerSlopes[j] * u - acidSlopes[j] * w;
            double p = 1 / (1 + Math.exp(-z));
            aqueousShare[outOffset + j] = 1 / (1 + Math.exp(z));
            organicShare[outOffset + j] = p;
            extracted3 += Math.max(contents[offset + j], 0) * p;
        }
        extracted3 *= 3;
        double zM = lnCationExchangeConstant + lnRatio + 0.5 * u - w;
        aqueousShare[outOffset + cM] = 1 / (1 + Math.exp(zM));
        organicShare[outOffset + cM] = 1 / (1 + Math.exp(-zM));
        // hydrogen: the organic holds v_H = (2e + 3Σv_j)·O/scale, the aqueous the rest; or, where
        // that would exceed the contents, the aqueous holds h·A/scale and the organic the rest
        double vH = 2 * Math.exp(u + lnOs) + extracted3;
        double aq = Math.exp(w + lnAs);
        double total = contents[offset + cH];
        if (aq < vH) {
            aq = Math.min(aq, total);
            vH = total - aq;
        } else {
            aq = total - vH;
        }
        aqueousShare[outOffset + cH] = total > 0 ? Math.max(aq, 0) / total : 1;
        organicShare[outOffset + cH] = total > 0 ? Math.max(vH, 0) / total : 0;
        if (found != null) {
            found[foundOffset] = w;
            found[foundOffset + 1] = u;
        }
        return w;
    }

    /**
     * The fast path of the split from a warm start (w, u) = (ln h, ln e) near its solution (the
     * last split of a stage whose contents have moved little, {@link #equilibrate(double, double,
     * double[], int, double[], double[], int, double[], int)}): Newton's method on the inner and
     * the outer equation together, g(u, w) = e·O/scale + 3 Σ m_j σ_j + ½ m_M σ_M − C·O/scale = 0 and
     * F(w, u) = h·A/scale + v_H − m_H = 0, instead of an inner solve at every outer step. Its
     * Jacobian, with ε, S_a, S_b, S_M as for the nested solve,
     * <pre>
     *   ∂g/∂u = ε + S_b + ¼ S_M,   ∂g/∂w = −(S_a + ½ S_M),   ∂F/∂u = 2ε + S_b,   ∂F/∂w = h·A/scale − S_a,
     * </pre>
     * has determinant ∂g/∂u · dF/dw along g = 0 &gt; 0 (F increases along the inner solution). It
     * gives up (false, the nested safeguarded solve then runs from the same start) at a step of
     * 1 or more in either logarithm, a non-positive determinant, a solution outside w &lt; ln(m_H
     * scale/A) (and above the acidity floor) and u ≤ ln C, or no convergence in 8 steps; it has
     * converged once both steps are below 1e-12 (the error left is about their square) or both
     * residuals are at their rounding level, as in the nested solve.
     *
     * @param found receives w and u at {@code foundOffset} (only when it returns true)
     */
    private boolean jointNewton(double w, double u, double[] contents, int offset, double lnOs, double lnAs,
                                double lnRatio, double capacity, double mM, double mH, double hi, double[] found,
                                int foundOffset) {
        int r = lnExchangeConstants.length;
        for (int it = 0; it < 8; it++) {
            double eo = Math.exp(u + lnOs);
            double fixed = -capacity;
            double varying = eo;
            double extracted3 = 0; // 3 Σ v_j
            double sa = 0;
            double sb = 0;
            for (int j = 0; j < r; j++) {
                double m = Math.max(contents[offset + j], 0);
                double z = lnExchangeConstants[j] + lnRatio + dimerSlopes[j] * u - acidSlopes[j] * w;
                double t = Math.exp(-Math.abs(z));
                double inv = 1 / (1 + t);
                double small = t * inv; // the smaller of σ and 1 − σ
                if (z > 0) {
                    fixed += 3 * m;
                    varying -= 3 * m * small;
                    extracted3 += m * inv;
                } else {
                    varying += 3 * m * small;
                    extracted3 += m * small;
                }
                double sj = m * small * inv; // m σ(1 − σ)
                sa += acidSlopes[j] * sj;
                sb += dimerSlopes[j] * sj;
            }
            extracted3 *= 3;
            sa *= 3;
            sb *= 3;
            double zM = lnCationExchangeConstant + lnRatio + 0.5 * u - w;
            double tM = Math.exp(-Math.abs(zM));
            double invM = 1 / (1 + tM);
            double smallM = tM * invM;
            if (zM > 0) {
                fixed += 0.5 * mM;
                varying -= 0.5 * mM * smallM;
            } else {
                varying += 0.5 * mM * smallM;
            }
            double sM = mM * smallM * invM;
            double g = fixed + varying;
            double aq = Math.exp(w + lnAs);
            double vH = 2 * eo + extracted3;
            double f = aq + vH - mH;
            boolean atRounding = Math.abs(g) <= 1e-15 * (Math.abs(fixed) + Math.abs(varying))
                    && Math.abs(f) <= 1e-14 * mH;
            double gu = eo + sb + 0.25 * sM;
            double gw = -(sa + 0.5 * sM);
            double fu = 2 * eo + sb;
            double fw = aq - sa;
            double det = gu * fw - gw * fu;
            if (!(det > 0)) {
                return false;
            }
            double du = (gw * f - fw * g) / det;
            double dw = (fu * g - gu * f) / det;
            if (!(Math.abs(dw) < 1 && Math.abs(du) < 1)) {
                return false;
            }
            w += dw;
            u += du;
            if (atRounding || Math.abs(dw) <= 1e-12 * Math.max(1, Math.abs(w))
                    && Math.abs(du) <= 1e-12 * Math.max(1, Math.abs(u))) {
                if (!(w < hi && w > LN_ACIDITY_FLOOR && u <= lnExtractantConcentration)) {
                    return false;
                }
                found[foundOffset] = w;
                found[foundOffset + 1] = u;
                return true;
            }
        }
        return false;
    }

    /** Aqueous acidity (mol/L) below which a stage that has not converged is said to have used up its acid. */
    static final double ACID_USED_UP = 1e-7;
    /** Free dimer (fraction of C) below which such a stage is said to have its extractant full. */
    static final double NEARLY_FULL = 1e-3;

    /**
     * {@inheritDoc}
     *
     * <p>Names the two ways a mass-action stage runs out of chemistry, judged from its aqueous: the
     * acid used up ([H⁺] below 1e-7 mol/L: nothing left to strip RE or hold it back, typically too
     * little strip or scrub acid for the RE and cation it must take off the organic), or the
     * extractant full (the free dimer in equilibrium with that aqueous below 0.1 % of C: too little
     * organic or extractant for the RE fed).
     */
    @Override
    public String stageDiagnosis(double organicFlow, double aqueousFlow, double[] lnAqueous, int aqOffset) {
        double h = aqueousAcidity(aqueousFlow, lnAqueous, aqOffset);
        if (h < ACID_USED_UP) {
            return String.format(java.util.Locale.ROOT, "aqueous acid used up ([H+] %.2g mol/L, pH %.1f): too "
                    + "little strip or scrub acid for the RE and cation it must take off the organic", h, pH(h));
        }
        double free = freeExtractant(aqueousFlow, lnAqueous, aqOffset) / extractantConcentration;
        if (free < NEARLY_FULL) {
            return String.format(java.util.Locale.ROOT, "extractant full (free dimer %.2g %% of C): too little "
                    + "organic flow or extractant for the RE fed", 100 * free);
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------
    // helpers

    /**
     * u = ln e solving {@code e + 3 Σ_j P_j e^(b_j) + ½ e^½ Q = C} ({@code ln P_j = ln K_j + ln l_j
     * + lnXs − a_j lnH}, Q = exp(lnQ)): Newton from the right on a convex increasing function, to
     * full precision (with equal slopes the error after a step δ is at most about 1.5 δ²). With
     * equal slopes the rare earths enter as the one term {@code 3 e^b Σ_j P_j}, and the caller
     * passes {@code lnP = ln Σ_j P_j} (otherwise NaN).
     */
    private double lnFreeExtractant(double[] lnAqueous, int offset, double lnXs, double lnH, double lnQ,
                                    double lnP) {
        int r = lnExchangeConstants.length;
        double c = extractantConcentration;
        double lnC = lnExtractantConcentration;
        double start = Math.min(lnC, 2 * (lnC + LN2 - lnQ));
        if (equalSlopes) {
            start = Math.min(start, (lnC - LN3 - lnP) / dimerSlopes[0]);
        } else {
            for (int j = 0; j < r; j++) {
                double lnPj = lnExchangeConstants[j] + lnAqueous[offset + j] + lnXs - acidSlopes[j] * lnH;
                start = Math.min(start, (lnC - LN3 - lnPj) / dimerSlopes[j]);
            }
        }
        double u = start;
        double b = dimerSlopes[0];
        double t1 = Math.exp(u);
        double th = 0.5 * Math.exp(lnQ + 0.5 * u);
        double t3 = equalSlopes ? 3 * Math.exp(lnP + b * u) : 0; // 3 Σ_j P_j e^(b_j)
        for (int it = 0; it < 200; it++) {
            double dt3; // d t3 / du
            if (equalSlopes) {
                dt3 = b * t3;
            } else {
                t3 = 0;
                dt3 = 0;
                for (int j = 0; j < r; j++) {
                    double t = 3 * Math.exp(lnExchangeConstants[j] + lnAqueous[offset + j] + lnXs
                            - acidSlopes[j] * lnH + dimerSlopes[j] * u);
                    t3 += t;
                    dt3 += dimerSlopes[j] * t;
                }
            }
            double step = (t1 + t3 + th - c) / (t1 + dt3 + 0.5 * th);
            u -= step;
            if (!(Math.abs(step) > 1e-9)) {
                break;
            }
            // the terms at the new u from one exponential of the step
            double f = Math.exp(-step);
            t1 *= f;
            th *= Math.sqrt(f);
            if (equalSlopes) {
                t3 *= b == MASS_ACTION_SLOPE ? f * f * f : Math.exp(-b * step);
            }
        }
        return u;
    }

    /** ln Σ_j K_j l_j from ln aqueous flows (−∞ when every RE flow is 0). */
    private double lnRareEarthSum(double[] lnAqueous, int offset) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < lnExchangeConstants.length; j++) {
            max = Math.max(max, lnExchangeConstants[j] + lnAqueous[offset + j]);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int j = 0; j < lnExchangeConstants.length; j++) {
            sum += Math.exp(lnExchangeConstants[j] + lnAqueous[offset + j] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * How far below the smallest single-term root the inner solve's lower bracket lies: the
     * smallest δ in 2.2 · 1.25^k with {@code e^−δ + Σ_j e^(−b_j δ) + e^(−δ/2) < 0.9}, so that the
     * extractant balance is negative there (see {@link #solveLoadedExtractant}).
     */
    private static double lowerBracketOffset(double[] dimerSlopes) {
        double delta = 2.2;
        while (true) {
            double bound = Math.exp(-delta) + Math.exp(-0.5 * delta);
            for (double b : dimerSlopes) {
                bound += Math.exp(-b * delta);
            }
            if (bound < 0.9) {
                return delta;
            }
            delta *= 1.25;
        }
    }

    /**
     * u = ln e solving the extractant balance of a stage's contents at acidity h = exp(w), in units:
     * {@code e·O/scale + 3 Σ m_j σ_j + ½ m_M σ_M = C·O/scale}, σ = q/(1+q). Safeguarded Newton,
     * starting from {@code start} when it lies in the bracket.
     */
    private double solveLoadedExtractant(double w, double start, double[] contents, int offset, double lnOs,
                                         double lnRatio, double capacity, double mM, double lnQm) {
        int r = lnExchangeConstants.length;
        double lnC = lnExtractantConcentration;
        double lnCap = lnC + lnOs;
        // where each term of the balance with q in place of σ alone equals the capacity
        double u0 = Math.min(lnC, 2 * (lnCap + LN2 - lnQm + w));
        for (int j = 0; j < r; j++) {
            double lnPm = lnExchangeConstants[j] + Math.log(Math.max(contents[offset + j], 0)) + lnRatio;
            u0 = Math.min(u0, (lnCap - LN3 - lnPm + acidSlopes[j] * w) / dimerSlopes[j]);
        }
        double lo = u0 - lowerBracketOffset; // there the bounding terms sum to < 0.9 of the capacity: balance < 0
        double hi = lnC;
        double u = start > lo && start <= hi ? start : u0;
        double lastStep = Double.POSITIVE_INFINITY;
        double stepBeforeLast = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 200; it++) {
            // A mostly extracted component enters as m − m/(1+q): the constant parts sum the same
            // way at every u, so the balance is a smooth function of u even when it is a small
            // difference of large terms (organic nearly full of one component)
            double fixed = -capacity;
            double varying = Math.exp(u + lnOs);
            double dg = varying;
            for (int j = 0; j < r; j++) {
                double m = 3 * Math.max(contents[offset + j], 0);
                double z = lnExchangeConstants[j] + lnRatio + dimerSlopes[j] * u - acidSlopes[j] * w;
                // the smaller of σ = 1/(1 + e^−z) and 1 − σ is t/(1 + t), t = e^−|z|; σ(1 − σ) = t/(1 + t)²
                double t = Math.exp(-Math.abs(z));
                double small = t / (1 + t);
                if (z > 0) {
                    fixed += m;
                    varying -= m * small;
                } else {
                    varying += m * small;
                }
                dg += dimerSlopes[j] * m * small / (1 + t);
            }
            double zM = lnCationExchangeConstant + lnRatio + 0.5 * u - w;
            double tM = Math.exp(-Math.abs(zM));
            double smallM = tM / (1 + tM);
            if (zM > 0) {
                fixed += 0.5 * mM;
                varying -= 0.5 * mM * smallM;
            } else {
                varying += 0.5 * mM * smallM;
            }
            dg += 0.25 * mM * smallM / (1 + tM);
            double g = fixed + varying;
            if (g > 0) {
                hi = u;
            } else if (g < 0) {
                lo = u;
            } else {
                break;
            }
            if (Math.abs(g) <= 1e-15 * (Math.abs(fixed) + Math.abs(varying))) {
                break; // rounding level
            }
            double next = u - g / dg;
            if (Math.abs(next - u) <= 1e-12 * Math.max(1, Math.abs(u))) { // error left: about its square
                if (next > lo && next < hi) {
                    u = next;
                }
                break;
            }
            if (!(next > lo && next < hi) || !(Math.abs(next - u) <= 0.5 * stepBeforeLast)) {
                next = 0.5 * (lo + hi);
            }
            stepBeforeLast = lastStep;
            lastStep = Math.abs(next - u);
            u = next;
            if (hi - lo <= 1e-15 * Math.max(1, Math.abs(u))) {
                break;
            }
        }
        return u;
    }

    /** a_j = b_j = 3 for every rare earth (an empty array for none, left to the constructor to reject). */
    private static double[] massActionSlopes(double[] exchangeConstants) {
        double[] slopes = new double[exchangeConstants == null ? 0 : exchangeConstants.length];
        java.util.Arrays.fill(slopes, MASS_ACTION_SLOPE);
        return slopes;
    }

    /** ln(e^a + e^b), −∞ when both are −∞. */
    private static double logAddExp(double a, double b) {
        double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
