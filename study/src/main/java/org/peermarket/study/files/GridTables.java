package org.peermarket.study.files;

import java.nio.file.Path;
import org.peermarket.grid.AcPowerFlow;
import org.peermarket.grid.Branch;
import org.peermarket.grid.DcPowerFlow;
import org.peermarket.grid.GridCase;
import org.peermarket.grid.Ptdf;

/**
 * The grid command's CSV files (docs/grid.md). Numbers are written in full double precision
 * ({@link Double#toString}), since other tools compare them with MATPOWER to 1e-8.
 */
public final class GridTables {
    private GridTables() {}

    /** Header {@code branch,} and the bus numbers in case order; one row per branch, 1-based index first. */
    public static String ptdfCsv(Ptdf ptdf) {
        GridCase grid = ptdf.grid();
        StringBuilder sb = new StringBuilder("branch");
        for (int number : grid.busNumbers()) {
            sb.append(',').append(number);
        }
        sb.append('\n');
        for (int l = 0; l < grid.branches().size(); l++) {
            sb.append(l + 1);
            for (int i = 0; i < grid.buses().size(); i++) {
                sb.append(',').append(number(ptdf.get(l, i)));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code branch,from,to,flow_mw}, one row per branch in case order. */
    public static String dcpfCsv(GridCase grid, DcPowerFlow.Result result) {
        StringBuilder sb = new StringBuilder("branch,from,to,flow_mw\n");
        for (int l = 0; l < grid.branches().size(); l++) {
            Branch br = grid.branches().get(l);
            sb.append(l + 1).append(',').append(br.from()).append(',').append(br.to()).append(',')
                    .append(number(result.flowMw()[l])).append('\n');
        }
        return sb.toString();
    }

    /** {@code bus,vm_pu,va_deg}, one row per bus in case order. */
    public static String acpfCsv(GridCase grid, AcPowerFlow.Result result) {
        StringBuilder sb = new StringBuilder("bus,vm_pu,va_deg\n");
        for (int i = 0; i < grid.buses().size(); i++) {
            sb.append(grid.buses().get(i).number()).append(',').append(number(result.vmPu()[i])).append(',')
                    .append(number(result.vaDeg()[i])).append('\n');
        }
        return sb.toString();
    }

    public static String number(double v) {
        return v == 0 ? "0" : Double.toString(v);
    }

    /** Writes through a temporary file in the same folder, so a failure leaves no half-written file. */
    public static void write(Path file, String text) {
        Staging.writeFile(file, text);
    }
}
