package org.peermarket.bench;

import java.util.Locale;
import org.peermarket.market.p2p.CentralP2P;
import org.peermarket.market.ClearingResult;
import org.peermarket.market.MarketInput;
import org.peermarket.market.SolverInfo;

/**
 * One clearing in a fresh JVM, for whole-process measurements (wall time and peak RSS with
 * /usr/bin/time -v; RSS rather than heap because PDLP's memory is native). A first clear warms
 * up the JIT and loads the OR-Tools natives so the timed one is representative.
 *
 * <p>Usage: WholeRun n k seed. Prints one line; exits 1 if the clear is not optimal.
 */
public final class WholeRun {
    private WholeRun() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: WholeRun n k seed");
            System.exit(2);
        }
        int n = Integer.parseInt(args[0]);
        int k = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        MarketInput in = RandomMarkets.of(n, k, seed);
        CentralP2P market = new CentralP2P();
        market.clear(in);
        long start = System.nanoTime();
        ClearingResult r = market.clear(in);
        double seconds = (System.nanoTime() - start) / 1e9;
        SolverInfo s = r.solver();
        System.out.println(String.format(Locale.ROOT,
                "n=%d k=%d edges=%d trades=%d status=%s iterations=%d seconds=%.3f solver_seconds=%.3f polished=%b volume=%.4f",
                n, k, in.graph().edges(), r.trades().size(), r.status().label(), s.iterations(), seconds, s.seconds(),
                s.polished(), r.tradedVolume()));
        if (!r.optimal()) {
            System.err.println("not optimal: " + r.cause());
            System.exit(1);
        }
    }
}
