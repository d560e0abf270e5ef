package org.peermarket.market.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.peermarket.market.Status;

/** Hand-solved programs: the solution, its duals (gradient = A^T y + z) and failures. */
class ConvexSolveTest {

    @Test
    void linearProgramGivesVertexAndDuals() {
        // min x + 2y, x + y = 3, 0 <= x <= 2, y >= 0: x = 2, y = 1, price 2, z_x = 1 - 2 = -1
        ConvexProgram p = new ConvexProgram();
        int x = p.addVariable(0, 2, 1);
        int y = p.addVariable(0, Double.POSITIVE_INFINITY, 2);
        int r = p.addRow(3, 3);
        p.set(r, x, 1);
        p.set(r, y, 1);
        ConvexSolve.Solution s = ConvexSolve.solve(p);
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(s.x()[x]).isCloseTo(2, within(1e-12));
        assertThat(s.x()[y]).isCloseTo(1, within(1e-12));
        assertThat(s.rowDual()[r]).isCloseTo(2, within(1e-12));
        assertThat(s.reducedCost()[x]).isCloseTo(-1, within(1e-12));
        assertThat(s.objective()).isCloseTo(4, within(1e-12));
    }

    @Test
    void quadraticProgramIsPolishedToExactOptimum() {
        // min 0.5 x^2 + y^2 (q_y = 2), x + y = 3, x <= 1: x = 1, y = 2, price 4, z_x = 1 - 4 = -3
        ConvexProgram p = new ConvexProgram();
        int x = p.addVariable(Double.NEGATIVE_INFINITY, 1, 0, 1);
        int y = p.addVariable(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 2);
        int r = p.addRow(3, 3);
        p.set(r, x, 1);
        p.set(r, y, 1);
        ConvexSolve.Solution s = ConvexSolve.solve(p);
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(s.polished()).isTrue();
        assertThat(s.x()[x]).isCloseTo(1, within(1e-12));
        assertThat(s.x()[y]).isCloseTo(2, within(1e-12));
        assertThat(s.rowDual()[r]).isCloseTo(4, within(1e-12));
        assertThat(s.reducedCost()[x]).isCloseTo(-3, within(1e-12));
        assertThat(s.kktResidual()).isLessThan(1e-9);
    }

    @Test
    void quadraticWithInequalityRows() {
        // min (x-3)^2 + (y-3)^2 = x^2 - 6x + y^2 - 6y + 18, x + y <= 2: x = y = 1, dual -4 (row at upper bound)
        ConvexProgram p = new ConvexProgram();
        int x = p.addVariable(0, 10, -6, 2);
        int y = p.addVariable(0, 10, -6, 2);
        p.addConstant(18);
        int r = p.addRow(Double.NEGATIVE_INFINITY, 2);
        p.set(r, x, 1);
        p.set(r, y, 1);
        ConvexSolve.Solution s = ConvexSolve.solve(p);
        assertThat(s.status()).isEqualTo(Status.OPTIMAL);
        assertThat(s.x()[x]).isCloseTo(1, within(1e-12));
        assertThat(s.rowDual()[r]).isCloseTo(-4, within(1e-11));
        assertThat(s.objective()).isCloseTo(8, within(1e-10));
    }

    @Test
    void infeasibleIsAStatusNotAnException() {
        ConvexProgram p = new ConvexProgram();
        int x = p.addVariable(0, 1, 1);
        int y = p.addVariable(0, 1, 1);
        int r = p.addRow(5, 5);
        p.set(r, x, 1);
        p.set(r, y, 1);
        assertThat(ConvexSolve.solve(p).status()).isEqualTo(Status.INFEASIBLE);
    }
}
