package org.sxcascade.dynamics;

import java.util.List;
import java.util.function.Function;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.CascadeCaseModel;
import org.sxcascade.model.MassActionCaseModel;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * What a transient run needs of its case's model, for the case at t = 0 and after each event (its
 * configurations): the stage network, the dynamics on the model's hold-up basis, the blank start,
 * the steady state of {@code simulate}, the products and the quantities a model samples beyond the
 * component flows. {@link TransientSimulator} runs every model through this interface alone.
 *
 * <p>Units. The state holds amounts in the run's unit ({@link CascadeDynamics}); a reported flow or
 * amount is the state's times {@link #reportScale()}. A configuration's steady state is solved as
 * {@code simulate} reads it (its own unit: mol per mol of RE it feeds); {@link #runSteadyState}
 * converts it to the dynamics' unit and {@link #perOwnUnit} to reported flows.
 */
public interface TransientModel {

    /** The model of a CMER or constant-D case and its events (checked: errors name {@code transient.events[i]}). */
    static TransientModel of(CascadeCase c, List<TransientEvent> events) {
        return new CascadeCaseModel(c, events);
    }

    /** The model of a mass-action case and its events (checked: errors name {@code transient.events[i]}). */
    static TransientModel of(MassActionCase c, List<TransientEvent> events) {
        return new MassActionCaseModel(c, events);
    }

    /**
     * The steady state of {@code simulate} for a configuration's network, as the implementations'
     * {@link #steadyState} give it: the case's solver, and Xu's row iteration when Newton's
     * globalisation fails (told in {@code notes}).
     */
    static SteadyState simulateSteadyState(CascadeNetwork net, org.sxcascade.model.SolverSettings solver,
                                           List<String> notes) {
        return TransientSimulator.steadyState(net, solver, notes);
    }

    /** Throws {@link org.sxcascade.model.InvalidInputException} unless the hold-up suits the case. */
    void check(HoldUp holdUp);

    /** The case's name. */
    String name();

    /** The model's name as case files give it ({@code separation-factors}, {@code mass-action} …). */
    String modelName();

    /** The state's components, in its order. */
    List<String> components();

    /**
     * The components counted in purities and product flows (the first ones of {@link #components()}):
     * all of them, or the rare earths of a mass-action state beside its cation and H.
     */
    List<String> graded();

    /** Stages of the extraction, scrubbing and stripping sections at t = 0. */
    int[] sections();

    /** Number of configurations: the case at t = 0 and one after each event. */
    int configurations();

    /** The stage network of configuration i in the dynamics' unit. */
    CascadeNetwork network(int i);

    /** The network {@code simulate} solves for configuration i (its own unit). */
    CascadeNetwork ownNetwork(int i);

    /**
     * The dynamics of configuration i on the model's hold-up basis: continuous ({@code rowHours} NaN)
     * or Xu's rows of {@code rowHours}.
     */
    CascadeDynamics dynamics(int i, HoldUp holdUp, double rowHours);

    /**
     * Residence times of each stage's aqueous (row 0) and organic (row 1) phase at t = 0, h.
     */
    double[][] residenceTimes(HoldUp holdUp);

    /**
     * The phase volumes each stage holds (aqueous row 0, organic row 1), L, kept through events; or
     * {@code null} when the model keeps residence times instead (given without volumes).
     */
    double[][] holdUpLitres(HoldUp holdUp);

    /** How a row's duration averages the stages' residence times, in words ({@code RE-weighted} …). */
    String rowWeighting();

    /** The blank start of dynamics {@code d} (the state vector). */
    double[] blank(CascadeDynamics d);

    /** The blank start in words, for the report. */
    String blankStart();

    /**
     * The same case with other events, and with the changes of {@code atStart} (its time aside)
     * applied at t = 0 unless it is {@code null}: the configurations of a feed ramp
     * ({@link StartupStrategy}). Errors name the event's field.
     */
    TransientModel withEvents(TransientEvent atStart, List<TransientEvent> events);

    /**
     * A step to {@code fraction} of the feed flow at t = 0, and with {@code allInlets} of every inlet
     * flow the model has in L/h (organic, scrub liquor; mass action also the strip acid): the steps
     * of a ramp. Only for a case with {@link #feedFlowLitres()}.
     */
    TransientEvent throughput(double hours, double fraction, boolean allInlets);

    /** The feed's flow at t = 0, L/h, or {@code null} where the case has none (flows as S and W, several feeds). */
    Double feedFlowLitres();

    /**
     * The start with every stage's aqueous hold-up full of feed solution (the feed's rare earths at
     * its concentration; mass action: at its acidity) and the organic as in {@link #blank}.
     *
     * @throws org.sxcascade.model.InvalidInputException (field {@code feed-filled}) where the case
     *         cannot say what a stage's aqueous hold-up of feed solution holds
     */
    double[] feedFilled(CascadeDynamics d, HoldUp holdUp);

    /**
     * The start with every stage's organic hold-up pre-loaded, the aqueous as in {@link #blank}:
     * stage k's organic holds the rare earths that the organic flowing at {@code rareEarthFlow}
     * (per component of {@link #graded()}, the state's unit per hour; the loaded organic's RE flow)
     * carries during its organic residence time. A remark goes to {@code notes} where the model
     * had to limit it.
     */
    double[] loadedOrganic(CascadeDynamics d, double[] rareEarthFlow, List<String> notes);

    /** The names of the reagents the model feeds, with their units, e.g. {@code acid (mol H+)}. */
    List<String> reagentNames();

    /** The rate each reagent of {@link #reagentNames()} is fed in configuration i, its unit per hour. */
    double[] reagentRates(int i);

    /** Weight of component j in a stage's content when measuring the distance to steady state. */
    double distanceWeight(int j);

    /**
     * The stage content the integrator's absolute tolerance is relative to (times the tolerance and
     * {@link TransientSimulator#ABSOLUTE_SCALE}), from the start and the final steady state.
     */
    double typicalStageContent(double[] start, double[] steadyAmounts, int stages);

    /** The steady state of {@code simulate} for configuration i, in its own unit (notes: fallbacks). */
    SteadyState steadyState(int i, List<String> notes);

    /** A steady state of configuration i (own unit) in the unit of its dynamics. */
    SteadyState runSteadyState(int i, SteadyState own);

    /** Reported flow per unit of a configuration's own flows (its feed rate in the reported unit). */
    double perOwnUnit(int i);

    /** Factor from the state's unit to the reported one. */
    double reportScale();

    /** The unit of reported amounts. */
    String amountUnit();

    /** The unit of reported flows. */
    String flowUnit();

    /** The products of configuration i, as {@code simulate} reports them. */
    List<MassActionCase.Outlet> outlets(int i);

    /** Whether a product's purity means something (not a stream carrying traces only). */
    boolean graded(MassActionCase.Outlet o);

    /**
     * Free acid of an aqueous product, mol/L H⁺, from its stage's aqueous outflow (state unit per h),
     * or NaN where the model has no acidity.
     */
    double acidity(CascadeNetwork net, int stage, double[] aqueousOutflow);

    /**
     * Fraction of the extractant an organic product carries bound to RE, from the RE flow of its
     * stage's organic outflow (reported unit), or NaN where the model has no extractant.
     */
    double loading(CascadeNetwork net, int stage, double rareEarthOutflow);

    /** The case of configuration i, to whichever of the two case types it is. */
    <R> R caseOf(int i, Function<CascadeCase, R> cascadeCase, Function<MassActionCase, R> massActionCase);
}
