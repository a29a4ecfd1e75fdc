package org.sxcascade.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sxcascade.fit.Shakeout;
import org.sxcascade.fit.ShakeoutData;
import org.sxcascade.model.InvalidInputException;

/** The shake-out CSV format of docs/fit.md: the bundled file as it is, and every kind of bad row. */
class ShakeoutReaderTest {
    private static final String HEADER = "experiment_id,extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,"
            + "Nd_initial_mol_per_L,Nd_aqueous_eq_mol_per_L,Nd_D,flags";

    @Test
    void readsTheBundledFileAsItIs() {
        ShakeoutData data = ShakeoutReader.read(Path.of("cases/data/shakeout-pc88a-hcl.csv"));
        assertThat(data.rows()).hasSize(201);
        assertThat(data.elements()).containsExactly("La", "Ce", "Pr", "Nd", "Sm", "Dy", "Y");
        Shakeout first = data.rows().get(0);
        assertThat(first.experimentId()).isEqualTo("llepe-001");
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.source()).isEqualTo("Formiga (2016)");
        assertThat(first.extractant()).isEqualTo(1);
        assertThat(first.initialAcid()).isEqualTo(0.316227766);
        assertThat(first.measuredD()[3]).isEqualTo(0.075268817); // Nd, as given
        assertThat(first.has(4)).isFalse(); // no Sm
        assertThat(first.flags()).containsExactlyInAnyOrder("acid_from_pH", "D_from_percent_extraction");
        long points = data.rows().stream().mapToLong(r -> {
            int n = 0;
            for (int j = 0; j < 7; j++) {
                n += r.has(j) ? 1 : 0;
            }
            return n;
        }).sum();
        assertThat(points).isEqualTo(225); // 219 with D > 0 and 6 with D = 0 (data README)
    }

    @Test
    void dFromTheAqueousValueWhenNoDColumn() {
        ShakeoutData data = ShakeoutReader.parse("t.csv", "extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,"
                + "Nd_initial_mol_per_L,Nd_aqueous_eq_mol_per_L\n1,2,0.1,0.1,0.04\n");
        assertThat(data.rows().get(0).measuredD()[0]).isCloseTo((0.1 / 0.04 - 1) / 2,
                org.assertj.core.api.Assertions.within(1e-15));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative concentration|a,1,1,0.1,-0.05,0.04,0.25,|t.csv line 2, column Nd_initial_mol_per_L = -0.05 is not allowed",
        "zero extractant|a,0,1,0.1,0.05,0.04,0.25,|column extractant_mol_per_L = 0 is not allowed: a finite number greater than 0 (mol/L organic, as monomer HA)",
        "negative D|a,1,1,0.1,0.05,0.04,-1,|column Nd_D = -1 is not allowed",
        "D without initial|a,1,1,0.1,,,0.25,|column Nd_initial_mol_per_L = (blank) is not allowed: the initial Nd concentration",
        "nothing measured|a,1,1,0.1,0.05,,,|column Nd_D = (blank) is not allowed: a value for Nd",
        "no acidity|a,1,1,,0.05,0.04,0.25,|column initial_acid_mol_per_L = (blank) is not allowed",
        "not a number|a,1,one,0.1,0.05,0.04,0.25,|column o_to_a = one is not allowed",
        "NaN|a,1,1,NaN,0.05,0.04,0.25,|column initial_acid_mol_per_L = NaN is not allowed",
        "aqueous above initial|a,1,1,0.1,0.05,0.06,0.25,|column Nd_aqueous_eq_mol_per_L = 0.06 is not allowed: a number from 0 to the initial Nd concentration 0.05",
        "short row|a,1,1,0.1,0.05,0.04|t.csv line 2 = 6 fields is not allowed: as many fields as the header has columns (8)",
        "no rare earth|a,1,1,0.1,,,,|t.csv line 2 = no rare earth is not allowed",
    })
    void badRowsNameLineColumnValueAndRange(String what, String row, String message) {
        String text = HEADER + "\n" + row + "\n";
        assertThatThrownBy(() -> ShakeoutReader.parse("t.csv", text)).as(what)
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    @Test
    void theLineIsTheFilesLine() {
        String text = HEADER + "\na,1,1,0.1,0.05,0.04,0.25,\n\nb,1,1,0.1,0.05,0.04,x,\n";
        assertThatThrownBy(() -> ShakeoutReader.parse("t.csv", text))
                .hasMessageContaining("t.csv line 4, column Nd_D = x is not allowed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown column|extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,temperature,Nd_initial_mol_per_L,Nd_D|t.csv header, column 4 = temperature is not allowed: one of extractant_mol_per_L",
        "unknown element|extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Xx_initial_mol_per_L,Xx_D|column 4 = Xx_initial_mol_per_L is not allowed",
        "missing required|extractant_mol_per_L,initial_acid_mol_per_L,Nd_initial_mol_per_L,Nd_D|t.csv header, column o_to_a is missing",
        "repeated|extractant_mol_per_L,o_to_a,o_to_a,initial_acid_mol_per_L,Nd_initial_mol_per_L,Nd_D|column 3 = o_to_a is not allowed: each column once",
        "D but no initial column|extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Nd_D|column Nd_initial_mol_per_L is missing",
        "initial but nothing measured|extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,Nd_initial_mol_per_L|column Nd_D is missing: give Nd_D or Nd_aqueous_eq_mol_per_L",
    })
    void badHeadersAreRefused(String what, String header, String message) {
        assertThatThrownBy(() -> ShakeoutReader.parse("t.csv", header + "\n1,1,1,1,1,1\n")).as(what)
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(message);
    }

    @Test
    void saponificationAndCationAreChecked() {
        String header = "extractant_mol_per_L,o_to_a,initial_acid_mol_per_L,saponification,cation,Nd_initial_mol_per_L,Nd_D";
        assertThatThrownBy(() -> ShakeoutReader.parse("t.csv", header + "\n1,1,0.1,1,Na,0.05,2\n"))
                .hasMessageContaining("column saponification = 1 is not allowed: a fraction from 0 (inclusive) to 1 "
                        + "(exclusive)");
        assertThatThrownBy(() -> ShakeoutReader.parse("t.csv", header + "\n1,1,0.1,0.2,Ca,0.05,2\n"))
                .hasMessageContaining("column cation = Ca is not allowed: one of Na, NH4, K or blank");
        assertThat(ShakeoutReader.parse("t.csv", header + "\n1,1,0.1,0.2,NH4,0.05,2\n").rows().get(0)
                .saponification()).isEqualTo(0.2);
    }

    @Test
    void emptyOrMissingFilesAreRefused() {
        assertThatThrownBy(() -> ShakeoutReader.parse("t.csv", "")).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("t.csv: empty");
        assertThatThrownBy(() -> ShakeoutReader.parse("t.csv", HEADER + "\n")).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("no experiments");
        assertThatThrownBy(() -> ShakeoutReader.read(Path.of("no/such.csv"))).isInstanceOf(CaseFileException.class)
                .hasMessageContaining("no such file");
    }
}
