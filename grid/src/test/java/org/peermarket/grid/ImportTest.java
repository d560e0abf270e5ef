package org.peermarket.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.powsybl.matpower.model.MatpowerWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.ValidationException;

class ImportTest {
    @Test
    void matFileGivesTheSamePtdfAsTheTextCase(@TempDir Path dir) throws Exception {
        GridCase text = Cases.builtIn("case30");
        Path mat = dir.resolve("case30.mat");
        MatpowerWriter.write(PowsyblCases.toModel(text), mat, false);
        GridCase binary = Cases.load(mat.toString());
        double[][] a = Ptdf.of(text).matrix();
        double[][] b = Ptdf.of(binary).matrix();
        for (int l = 0; l < a.length; l++) {
            assertThat(b[l]).containsExactly(a[l], within(1e-12));
        }
    }

    @Test
    void ieeeCdfImportGivesTheFlowsOfCase14(@TempDir Path dir) throws Exception {
        // MATPOWER's case14 is the IEEE common-format 14-bus case; PowSyBl ships that file
        Path cdf = dir.resolve("ieee14cdf.txt");
        try (InputStream in = ImportTest.class.getResourceAsStream("/ieee14cdf.txt")) {
            Files.copy(in, cdf);
        }
        GridCase imported = Cases.load(cdf.toString());
        GridCase reference = Cases.builtIn("case14");
        assertThat(imported.buses()).hasSize(14);
        assertThat(sortedAbs(DcPowerFlow.run(imported).flowMw()))
                .containsExactly(sortedAbs(DcPowerFlow.run(reference).flowMw()), within(1e-6));
    }

    @Test
    void iidmFileGivesTheFlowsOfTheCaseItWasWrittenFrom(@TempDir Path dir) {
        GridCase reference = Cases.builtIn("case39");
        Path iidm = dir.resolve("case39.xiidm");
        PowsyblCases.toNetwork(reference).write("XIIDM", new Properties(), iidm);
        GridCase imported = Cases.load(iidm.toString());
        assertThat(imported.buses()).hasSize(39);
        assertThat(sortedAbs(DcPowerFlow.run(imported).flowMw()))
                .containsExactly(sortedAbs(DcPowerFlow.run(reference).flowMw()), within(1e-6));
    }

    @Test
    void unreadableFilesAndUnknownNamesAreBadInput(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("junk.xiidm");
        Files.writeString(junk, "not a network");
        assertThatThrownBy(() -> Cases.load(junk.toString())).isInstanceOf(ValidationException.class)
                .hasMessageContaining("junk.xiidm");
        assertThatThrownBy(() -> Cases.load("case9999")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("not a built-in case");
    }

    private static double[] sortedAbs(double[] v) {
        return Arrays.stream(v).map(Math::abs).sorted().toArray();
    }
}
