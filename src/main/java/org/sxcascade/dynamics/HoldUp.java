package org.sxcascade.dynamics;

import org.sxcascade.model.InvalidInputException;

/**
 * How much of each phase a stage (mixer plus settler) holds, which sets how fast the stage
 * answers: either volumes, from which residence times follow with the stage's volumetric flows,
 * or the residence times themselves.
 */
public sealed interface HoldUp permits HoldUp.Volumes, HoldUp.ResidenceTimes {

    /** The same hold-up multiplied by {@code factor} (volumes, or residence times). */
    HoldUp scaled(double factor);

    /**
     * Hold-up volumes of every stage, L (mixer plus settler). Residence times follow as volume
     * over the stage's phase flow in L/h, so the case needs volumetric flows.
     *
     * @param aqueousLitres aqueous phase held by each stage, L
     * @param organicLitres organic phase held by each stage, L
     */
    record Volumes(double aqueousLitres, double organicLitres) implements HoldUp {
        public Volumes {
            InvalidInputException.requirePositive("holdUp.aqueous", aqueousLitres);
            InvalidInputException.requirePositive("holdUp.organic", organicLitres);
        }

        @Override
        public HoldUp scaled(double factor) {
            return new Volumes(aqueousLitres * factor, organicLitres * factor);
        }
    }

    /**
     * Residence time of each phase in every stage, h (hold-up volume over phase flow).
     *
     * @param aqueousHours aqueous residence time per stage, h
     * @param organicHours organic residence time per stage, h
     */
    record ResidenceTimes(double aqueousHours, double organicHours) implements HoldUp {
        public ResidenceTimes {
            InvalidInputException.requirePositive("residenceTime.aqueous", aqueousHours);
            InvalidInputException.requirePositive("residenceTime.organic", organicHours);
        }

        @Override
        public HoldUp scaled(double factor) {
            return new ResidenceTimes(aqueousHours * factor, organicHours * factor);
        }
    }
}
