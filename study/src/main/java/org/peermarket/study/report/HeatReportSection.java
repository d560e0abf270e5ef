package org.peermarket.study.report;

import java.util.List;
import org.peermarket.study.files.Html;
import org.peermarket.study.files.ResultTable;

/**
 * A heat market's network per period (docs/heat-market.md): node prices, pipe flows with their
 * capacity prices, heat peers and coupled assets, each table straight from its CSV file.
 */
final class HeatReportSection implements ReportSection {
    @Override
    public String id() {
        return "heat";
    }

    @Override
    public String title(ReportContext c) {
        return "Heat: node prices, pipes, heat peers and coupled assets";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.has(HeatTables.PIPES) || c.has(HeatTables.PEERS);
    }

    @Override
    public void render(ReportContext c, Html out) {
        if (c.has(HeatTables.NODES)) {
            table(c, out, HeatTables.NODES, List.of("period", "node"), List.of("price"),
                    "node", "heat price (" + c.price() + ")");
        }
        table(c, out, HeatTables.PIPES, List.of("period", "pipe", "from", "to"),
                List.of("flow", "delivered", "capacity", "loss", "dual"),
                "pipe", "from", "to", "flow in (" + c.energy() + ")", "delivered", "capacity", "loss",
                "capacity price (" + c.price() + ")");
        table(c, out, HeatTables.PEERS, List.of("period", "peer", "node"), List.of("h", "price"),
                "heat peer", "node", "net heat injection (" + c.energy() + ")", "price (" + c.price() + ")");
        if (c.has(HeatTables.TRADES)) {
            table(c, out, HeatTables.TRADES, List.of("period", "seller", "buyer"),
                    List.of("sent", "delivered", "price", "buyer_price"),
                    "seller", "buyer", "sent (" + c.energy() + ")", "delivered", "seller's price", "buyer's price");
        }
        if (c.has(HeatTables.ASSETS)) {
            table(c, out, HeatTables.ASSETS, List.of("period", "asset", "type", "owner", "node"),
                    List.of("electricity", "heat"), "asset", "type", "owner", "node",
                    "electricity (" + c.energy() + ", < 0 consumed)", "heat (" + c.energy() + ")");
        }
        out.note("Heat in " + c.energy() + " per period. A full pipe's capacity price is (1 - loss) x the price at its end"
                + " minus the price at its start; a heat pump running inside its limits sets heat = electricity price / COP"
                + " (docs/heat-market.md).");
    }

    private static void table(ReportContext c, Html out, String file, List<String> keys, List<String> numbers,
                              String... headers) {
        ResultTable t = c.table(file).orElseThrow();
        String[] head = new String[headers.length + 1];
        head[0] = "period";
        System.arraycopy(headers, 0, head, 1, headers.length);
        out.open("table").headerRow(head);
        String[] keyColumns = keys.toArray(String[]::new);
        for (List<String> r : t.rows()) {
            out.open("tr");
            for (String k : keys) {
                out.cell(t.text(r, k));
            }
            for (String col : numbers) {
                t.cell(out, r, col, keyColumns);
            }
            out.close("tr");
        }
        out.close("table");
    }
}
