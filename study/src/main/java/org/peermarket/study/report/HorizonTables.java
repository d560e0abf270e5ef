package org.peermarket.study.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.peermarket.market.HorizonResult;
import org.peermarket.study.files.Numbers;
import org.peermarket.study.files.UnitView;
import org.peermarket.study.pipeline.RunResult;

/**
 * The result files only horizon runs have (docs/output-files.md): communities.csv for community
 * and hybrid markets, levels.csv for hybrid ones, storage.csv when a peer has storage; and their
 * part of summary.json.
 */
final class HorizonTables {
    private HorizonTables() {}

    static Map<String, String> files(RunResult run) {
        Map<String, String> files = new LinkedHashMap<>();
        if (run.horizon().isEmpty() || !run.status().hasResult()) {
            return files;
        }
        HorizonResult h = run.horizon().get();
        UnitView u = new UnitView(run.scenario());
        if (!run.scenario().communities().isEmpty()) {
            files.put(ResultsWriter.COMMUNITIES, communitiesCsv(h, u));
        }
        if (run.scenario().market().type().equals("hybrid")) {
            files.put(ResultsWriter.LEVELS, levelsCsv(h, u));
        }
        if (run.scenario().hasStorage()) {
            files.put(ResultsWriter.STORAGE, storageCsv(h, u));
        }
        return files;
    }

    static String communitiesCsv(HorizonResult h, UnitView u) {
        StringBuilder out = new StringBuilder("period,community,price,import,export\n");
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            out.append(c.period() + 1).append(',').append(ResultsWriter.csv(c.community())).append(',')
                    .append(u.price(c.price())).append(',').append(u.quantity(c.imports())).append(',')
                    .append(u.quantity(c.exports())).append('\n');
        }
        return out.toString();
    }

    /** Per level of the tree: the community, its parent ("" for the root market), its prices and net position. */
    static String levelsCsv(HorizonResult h, UnitView u) {
        StringBuilder out = new StringBuilder("period,level,community,parent,price,parent_price,import,export,net\n");
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            out.append(c.period() + 1).append(',').append(c.level()).append(',').append(ResultsWriter.csv(c.community()))
                    .append(',').append(ResultsWriter.csv(c.parent().isEmpty() ? "root" : c.parent())).append(',')
                    .append(u.price(c.price())).append(',').append(u.price(c.importPrice())).append(',')
                    .append(u.quantity(c.imports())).append(',').append(u.quantity(c.exports())).append(',')
                    .append(u.quantity(c.net())).append('\n');
        }
        return out.toString();
    }

    static String storageCsv(HorizonResult h, UnitView u) {
        StringBuilder out = new StringBuilder("period,peer,charge,discharge,soc\n");
        for (HorizonResult.StorageStep st : h.storage()) {
            out.append(st.period() + 1).append(',').append(ResultsWriter.csv(st.peer())).append(',')
                    .append(u.quantity(st.charge())).append(',').append(u.quantity(st.discharge())).append(',')
                    .append(u.quantity(st.soc())).append('\n');
        }
        return out.toString();
    }

    /** The managers' books over the horizon and, for a decomposed clearing, its level iterations. */
    static void summary(RunResult run, HorizonResult h, ObjectNode root, UnitView u) {
        if (h.coordination() > 0) {
            root.with("solver").put("coordination_iterations", h.coordination());
        }
        if (h.communities().isEmpty()) {
            return;
        }
        ObjectNode books = root.putObject("communities");
        for (HorizonResult.CommunityPeriod c : h.communities()) {
            ObjectNode node = books.has(c.community()) ? (ObjectNode) books.get(c.community()) : books.putObject(c.community());
            node.put("level", c.level());
            node.put("parent", c.parent().isEmpty() ? "root" : c.parent());
            add(node, "member_payments", c.memberPayments());
            add(node, "fees", c.fees());
            add(node, "outside_payments", c.outsidePayment());
            add(node, "rent", c.rent());
            add(node, "import", u.toQuantity(c.imports()));
            add(node, "export", u.toQuantity(c.exports()));
        }
        books.fields().forEachRemaining(e -> {
            ObjectNode n = (ObjectNode) e.getValue();
            double gap = n.get("member_payments").asDouble() - n.get("fees").asDouble() - n.get("outside_payments").asDouble()
                    - n.get("rent").asDouble();
            n.put("balanced", Math.abs(gap) <= 0.005 * run.periods().size());
            for (String k : new String[] {"member_payments", "fees", "outside_payments", "rent", "import", "export"}) {
                n.put(k, Numbers.round(n.get(k).asDouble()));
            }
        });
    }

    private static void add(ObjectNode node, String key, double v) {
        node.put(key, (node.has(key) ? node.get(key).asDouble() : 0) + v);
    }
}
