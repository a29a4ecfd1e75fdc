package org.sxcascade.fit;

import java.util.List;

/**
 * A stage-sample file as read: the components it names (in column order) and its samples.
 *
 * @param file       the file, as messages name it
 * @param components component names of its {@code <name>_mol_per_L} or {@code <name>_mole_fraction} columns
 * @param unit       {@code mol/L} or {@code mole fraction}
 * @param samples    the samples in file order
 */
public record StageSampleData(String file, List<String> components, String unit, List<StageSample> samples) {
    public StageSampleData {
        components = List.copyOf(components);
        samples = List.copyOf(samples);
    }
}
