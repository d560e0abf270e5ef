package org.peermarket.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peermarket.model.Peer;
import org.peermarket.model.Scenario;
import org.peermarket.model.Storage;
import org.peermarket.study.report.ResultsWriter;

/**
 * The built-in community-year example checked from its written files, independently of the
 * solver's own checks: every hour's balance, every member within its bounds, every battery's
 * state of charge within bounds and following its dynamics (empty at each midnight, the rolling
 * rule), and the bills summing to zero to the cent.
 */
class CommunityYearTest {
    private static final double TOL = 1e-6;

    @Test
    void everyHourBalancesEveryBatteryStaysInBoundsAndTheBillsSumToZero(@TempDir Path dir) throws Exception {
        Scenario s = Examples.load("community-year").orElseThrow();
        assertThat(s.peers()).hasSize(100);
        assertThat(s.storage()).hasSize(20);
        assertThat(s.periods()).isEqualTo(8760);
        ResultsWriter.write(Runner.run(s), dir);
        Map<String, Integer> index = s.indexById();
        double[] net = new double[s.periods()];
        for (String[] r : rows(dir.resolve("peers.csv"))) {
            int t = Integer.parseInt(r[0]) - 1;
            Peer peer = s.peers().get(index.get(r[1]));
            double p = Double.parseDouble(r[2]);
            assertThat(p).as(r[1] + " hour " + (t + 1)).isBetween(peer.pmin().at(t) - TOL, peer.pmax().at(t) + TOL);
            net[t] += p;
        }
        Map<String, Double> soc = new HashMap<>();
        for (String[] r : rows(dir.resolve("storage.csv"))) {
            int t = Integer.parseInt(r[0]) - 1;
            Storage st = s.storage().get(r[1]);
            double ch = Double.parseDouble(r[2]);
            double dis = Double.parseDouble(r[3]);
            double after = Double.parseDouble(r[4]);
            double before = soc.getOrDefault(r[1], st.socInitial());
            assertThat(ch).isBetween(-TOL, st.chargeMax().at(t) + TOL);
            assertThat(dis).isBetween(-TOL, st.dischargeMax().at(t) + TOL);
            assertThat(after).as(r[1] + " hour " + (t + 1))
                    .isCloseTo(before + st.etaCharge() * ch - dis / st.etaDischarge(), within(TOL));
            assertThat(after).isBetween(-TOL, st.capacity() + TOL);
            if (t % 24 == 23) {
                assertThat(after).as(r[1] + " at midnight after hour " + (t + 1)).isCloseTo(0, within(TOL));
            }
            soc.put(r[1], after);
            net[t] += dis - ch;
        }
        List<String[]> community = rows(dir.resolve("communities.csv"));
        assertThat(community).hasSize(8760);
        for (String[] r : community) {
            int t = Integer.parseInt(r[0]) - 1;
            double exportMinusImport = Double.parseDouble(r[4]) - Double.parseDouble(r[3]);
            assertThat(net[t]).as("balance in hour " + (t + 1)).isCloseTo(exportMinusImport, within(1e-5));
        }
        long cents = 0;
        int lines = 0;
        for (String[] r : rows(dir.resolve("bills.csv"))) {
            boolean item = !r[1].equals("system") && !r[2].equals("total") && !r[2].equals("rounding_residual");
            if (item) {
                cents += Math.round(Double.parseDouble(r[6]) * 100);
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(200);
        assertThat(cents).as("the bills sum to zero cents").isZero();
    }

    private static List<String[]> rows(Path csv) throws Exception {
        try (var lines = Files.lines(csv)) {
            return lines.skip(1).map(l -> l.split(",", -1)).toList();
        }
    }
}
