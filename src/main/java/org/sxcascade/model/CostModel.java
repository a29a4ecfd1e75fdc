package org.sxcascade.model;


/**
 * Prices and plant parameters of {@code optimize --objective cost} (case file section {@code costs}).
 * The annual cost of a configuration is
 * <pre>
 *   capitalCharge × (stageVolumePrice × V_stages + organicPrice × V_organic)
 *     + operatingHours × (acidPrice × acid + basePrice × base)
 * </pre>
 * with V_stages = residenceTime × Σ over stages of (organic + aqueous flow through the stage),
 * in m³; V_organic = residenceTime × Σ over stages of the organic flow, in m³ (the organic held
 * in the mixer-settlers); acid = scrub acid + strip acid and base = saponification base, in mol/h.
 *
 * @param currency         label of the currency, printed with costs (e.g. USD, CNY)
 * @param residenceTime    hold-up time of a stage, mixer plus settler, h (&gt; 0)
 * @param stageVolumePrice installed mixer-settler price per m³ of stage volume (≥ 0)
 * @param organicPrice     price of the organic solution (extractant + diluent) per m³ (≥ 0)
 * @param acidPrice        price of acid per mol H⁺ (≥ 0)
 * @param basePrice        price of saponification base per mol (≥ 0)
 * @param capitalCharge    annual charge on capital (depreciation + interest), per year, 0 … 1
 * @param operatingHours   operating hours per year, 1 … 8784
 */
public record CostModel(String currency, double residenceTime, double stageVolumePrice, double organicPrice,
                        double acidPrice, double basePrice, double capitalCharge, double operatingHours) {
    /** Annual capital charge when the case gives none: 15 % per year (depreciation and interest). */
    public static final double DEFAULT_CAPITAL_CHARGE = 0.15;
    /** Operating hours per year when the case gives none: 8000 h (continuous, ~91 % availability). */
    public static final double DEFAULT_OPERATING_HOURS = 8000;

    public CostModel {
        if (currency == null || currency.isBlank()) {
            currency = "currency";
        }
        InvalidInputException.requirePositive("costs.residenceTime", residenceTime, "h");
        nonNegative("costs.stageVolumePrice", stageVolumePrice);
        nonNegative("costs.organicPrice", organicPrice);
        nonNegative("costs.acidPrice", acidPrice);
        nonNegative("costs.basePrice", basePrice);
        if (!(capitalCharge >= 0 && capitalCharge <= 1)) {
            throw new InvalidInputException("costs.capitalCharge", capitalCharge, "a fraction per year from 0 to 1");
        }
        if (!(operatingHours >= 1 && operatingHours <= 8784)) {
            throw new InvalidInputException("costs.operatingHours", operatingHours, "hours per year from 1 to 8784");
        }
    }

    private static void nonNegative(String field, double x) {
        if (!(x >= 0) || !Double.isFinite(x)) {
            throw new InvalidInputException(field, x, "a finite price ≥ 0");
        }
    }
}
