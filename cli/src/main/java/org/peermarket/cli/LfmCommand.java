package org.peermarket.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.peermarket.market.flex.LfmResult;
import org.peermarket.study.files.LfmFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lfm", mixinStandardHelpOptions = true,
        description = "Clears a local flexibility market (least-cost bids that remove line overflows) on a case.")
final class LfmCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--case", required = true, paramLabel = "C", description = "A built-in case or a case file.")
    String caseRef;

    @Option(names = "--ratings", required = true, paramLabel = "R.csv",
            description = "branch,rating_mw (1-based branch index in case order; others keep the case's RATE_A).")
    Path ratings;

    @Option(names = "--injections", required = true, paramLabel = "I.csv",
            description = "bus,p_mw: net injections before the LFM (the slack bus balances).")
    Path injections;

    @Option(names = "--bids", required = true, paramLabel = "B.csv",
            description = "id,bus,direction,quantity_mw,price (direction up|down, price per MWh; optional indivisible).")
    Path bids;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder for summary.json, accepted.csv, lines.csv, prices.csv.")
    Path out;

    @Option(names = "--not-balanced", description = "Let accepted up and down volumes differ (the slack takes the rest).")
    boolean notBalanced;

    @Override
    public Integer call() {
        LfmFiles.Case c = LfmFiles.read(caseRef, ratings, injections, bids, !notBalanced);
        LfmResult r = LfmFiles.clear(c);
        LfmFiles.write(c, r, out);
        var o = spec.commandLine().getOut();
        o.printf("lfm: %s — %s, %d congested line(s) before, %d after%s%n", c.grid().name(), r.status().label(),
                r.congestedBefore().size(), r.congestedAfter().size(),
                r.optimal() ? String.format(java.util.Locale.ROOT, ", cost %.4f", r.cost())
                        : r.cause().isEmpty() ? "" : " (" + r.cause() + ")");
        o.println("results: " + out);
        o.flush();
        return 0;
    }
}
