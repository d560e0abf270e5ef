package org.peermarket.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PtdfTest {
    private static final double EPS = 1e-12;

    @Test
    void triangleMatchesTheHandSolution() {
        // Injection at 2: direct path 2-1 has x 0.1, the other 2-3-1 has 0.1 + 0.2, so 3/4 goes direct.
        // Injection at 3: both paths 3-1 (0.2) and 3-2-1 (0.1 + 0.1) are equal, so half each.
        double[][] expected = {
            {0, -0.75, -0.5},
            {0, -0.25, -0.5},
            {0, 0.25, -0.5},
            {0, 0, 0},
        };
        double[][] h = Ptdf.of(SmallCases.triangle()).matrix();
        for (int l = 0; l < expected.length; l++) {
            assertThat(h[l]).as("branch %d", l + 1).containsExactly(expected[l], within(EPS));
        }
    }

    @Test
    void busNumbersWithGapsAndOutOfOrderGiveTheSameMatrix() {
        // the triangle renumbered 1 -> 30, 2 -> 7, 3 -> 12: columns stay in case order, values unchanged
        String text = """
                function mpc = renumbered
                mpc.version = '2';
                mpc.baseMVA = 100;
                mpc.bus = [
                    30 3 0  0 0 0 1 1 0 135 1 1.1 0.9;
                    7  1 30 0 0 0 1 1 0 135 1 1.1 0.9;
                    12 2 0  0 0 0 1 1 0 135 1 1.1 0.9;
                ];
                mpc.gen = [
                    30 20 0 100 -100 1 100 1 100 0;
                    12 10 0 100 -100 1 100 1 100 0;
                ];
                mpc.branch = [
                    30 7  0 0.1  0 0 0 0 0 0 1 -360 360;
                    30 12 0 0.2  0 0 0 0 0 0 1 -360 360;
                    7  12 0 0.05 0 0 0 0 2 0 1 -360 360;
                    30 7  0 0.3  0 0 0 0 0 0 0 -360 360;
                ];
                """;
        GridCase renumbered = MatpowerText.read("r.m", text);
        assertThat(renumbered.busNumbers()).containsExactly(30, 7, 12);
        double[][] expected = Ptdf.of(SmallCases.triangle()).matrix();
        double[][] h = Ptdf.of(renumbered).matrix();
        for (int l = 0; l < h.length; l++) {
            assertThat(h[l]).containsExactly(expected[l], within(EPS));
        }
        assertThat(DcPowerFlow.run(renumbered).flowMw()).containsExactly(new double[] {17.5, 2.5, -12.5, 0}, within(1e-10));
    }

    @Test
    void aBranchAgainstTheFeederDirectionGetsPlusOne() {
        GridCase grid = MatpowerText.read("f.m", SmallCases.FEEDER.replace("2 4 0.02 0.01", "4 2 0.02 0.01"));
        assertThat(Ptdf.of(grid).matrix()[2]).containsExactly(new double[] {0, 0, 0, 1}, within(EPS));
        assertThat(Ptdf.dense(grid)[2]).containsExactly(new double[] {0, 0, 0, 1}, within(EPS));
    }

    @Test
    void anIslandIsRefused() {
        // branch 2-4 out of service and a second 1-2: still n - 1 in-service branches, but bus 4 is cut off
        String text = SmallCases.FEEDER.replace("2 4 0.02 0.01 0 0 0 0 0 0 1", "2 4 0.02 0.01 0 0 0 0 0 0 0");
        GridCase grid = MatpowerText.read("f.m", text.replace("2 3 0.01 0.03 0 0 0 0 0 0 1 -360 360;",
                "2 3 0.01 0.03 0 0 0 0 0 0 1 -360 360;\n    1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ptdf.of(grid))
                .isInstanceOf(org.peermarket.model.ValidationException.class)
                .hasMessageContaining("do not connect every bus");
    }

    @Test
    void anIsolatedBusIsLeftOutAsMatpowerDoes() {
        // bus 4 typed isolated (4): its branch is out of the DC model, its column zero; the rest is the same
        GridCase grid = MatpowerText.read("f.m", SmallCases.FEEDER.replace("4 1 3 0 0 0", "4 4 3 0 0 0"));
        double[][] h = Ptdf.of(grid).matrix();
        assertThat(h[0]).containsExactly(new double[] {0, -1, -1, 0}, within(EPS));
        assertThat(h[2]).containsExactly(new double[] {0, 0, 0, 0}, within(EPS));
        assertThat(Ptdf.dense(grid)[0]).containsExactly(new double[] {0, -1, -1, 0}, within(EPS));
        DcPowerFlow.Result r = DcPowerFlow.run(grid);
        assertThat(r.flowMw()).containsExactly(new double[] {3, 2, 0}, within(1e-10));
    }

    @Test
    void radialFeederEntriesAreMinusOneOnThePathToTheSlack() {
        double[][] h = Ptdf.of(SmallCases.feeder()).matrix();
        assertThat(h[0]).containsExactly(new double[] {0, -1, -1, -1}, within(EPS));
        assertThat(h[1]).containsExactly(new double[] {0, 0, -1, 0}, within(EPS));
        assertThat(h[2]).containsExactly(new double[] {0, 0, 0, -1}, within(EPS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"case33bw", "case69", "case85", "case141"})
    void distributionFeedersHaveTreePtdfs(String name) {
        GridCase grid = Cases.builtIn(name);
        double[][] h = Ptdf.of(grid).matrix();
        double[][] solved = Ptdf.dense(grid);
        int[][] expected = treePtdf(grid);
        int inService = (int) grid.branches().stream().filter(Branch::inService).count();
        assertThat(inService).as("a feeder is a tree").isEqualTo(grid.buses().size() - 1);
        for (int l = 0; l < h.length; l++) {
            for (int i = 0; i < h[l].length; i++) {
                assertThat(h[l][i]).as("%s branch %d bus %d", name, l + 1, i + 1).isCloseTo(expected[l][i], within(1e-12));
                assertThat(solved[l][i]).as("%s by LU", name).isCloseTo(expected[l][i], within(1e-9));
                assertThat(expected[l][i]).isIn(0, -1);
            }
        }
    }

    /**
     * Independent PTDF of a tree by walking it: an injection at bus i returns to the slack along the unique
     * path, crossing each branch on it against (-1) or along (+1) its from-to direction.
     */
    static int[][] treePtdf(GridCase grid) {
        int n = grid.buses().size();
        List<List<int[]>> adjacent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adjacent.add(new ArrayList<>());
        }
        for (int l = 0; l < grid.branches().size(); l++) {
            Branch br = grid.branches().get(l);
            if (br.inService()) {
                adjacent.get(grid.index(br.from())).add(new int[] {grid.index(br.to()), l});
                adjacent.get(grid.index(br.to())).add(new int[] {grid.index(br.from()), l});
            }
        }
        int[] parentBranch = new int[n];
        int[] parent = new int[n];
        java.util.Arrays.fill(parent, -2);
        int slack = grid.slack();
        parent[slack] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(slack));
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int[] e : adjacent.get(u)) {
                if (parent[e[0]] == -2) {
                    parent[e[0]] = u;
                    parentBranch[e[0]] = e[1];
                    queue.add(e[0]);
                }
            }
        }
        int[][] h = new int[grid.branches().size()][n];
        for (int i = 0; i < n; i++) {
            for (int v = i; parent[v] >= 0; v = parent[v]) {
                int l = parentBranch[v];
                // flow goes from v up to its parent: along the branch if v is its from end
                h[l][i] = grid.index(grid.branches().get(l).from()) == v ? 1 : -1;
            }
        }
        return h;
    }

    @ParameterizedTest
    @ValueSource(strings = {"case14", "case30", "case39", "case118"})
    void meshedCasesHaveAZeroSlackColumnAndUnitSelfTransfer(String name) {
        GridCase grid = Cases.builtIn(name);
        double[][] h = Ptdf.of(grid).matrix();
        int slack = grid.slack();
        for (int l = 0; l < h.length; l++) {
            assertThat(h[l][slack]).isZero();
            Branch br = grid.branches().get(l);
            // a transfer from the from bus to the to bus of a branch can never put more than all of it on that branch
            double own = h[l][grid.index(br.from())] - h[l][grid.index(br.to())];
            assertThat(own).as("%s branch %d", name, l + 1).isBetween(-1e-9, 1 + 1e-9);
        }
    }
}
