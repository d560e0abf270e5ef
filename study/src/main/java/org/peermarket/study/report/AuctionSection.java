package org.peermarket.study.report;

import java.util.List;
import org.peermarket.market.AuctionResult;
import org.peermarket.study.files.Html;

/** An auction's clearing price and volume per period, its auctioneer surplus and refusals. */
final class AuctionSection implements ReportSection {
    @Override
    public String id() {
        return "auction";
    }

    @Override
    public String title(ReportContext c) {
        return "Auction clearing per period (prices in " + c.price() + ", volumes in " + c.energy() + ", surplus in "
                + c.currency() + ")";
    }

    @Override
    public boolean applies(ReportContext c) {
        return c.run().isAuction();
    }

    @Override
    public void render(ReportContext c, Html out) {
        List<AuctionResult> auctions = c.run().auctions();
        int n = auctions.size();
        double[] x = new double[n];
        double[] price = new double[n];
        double[] volume = new double[n];
        for (int t = 0; t < n; t++) {
            x[t] = t + 1;
            price[t] = c.priceValue(auctions.get(t).clearingPrice());
            volume[t] = auctions.get(t).result().hasResult() ? c.quantity(auctions.get(t).result().tradedVolume()) : Double.NaN;
        }
        if (java.util.Arrays.stream(price).anyMatch(Double::isFinite)) {
            out.raw(SvgChart.lines("period", "clearing price (" + c.price() + ")", x,
                    List.of(new SvgChart.Series("clearing price", price)), false));
        } else {
            out.note("This pricing rule has no single clearing price; see the price range per period above.");
        }
        out.open("table").headerRow("period", "clearing price (" + c.price() + ")", "cleared volume (" + c.energy() + ")",
                "auctioneer surplus (" + c.currency() + ")", "refused orders and matches");
        for (int t = 0; t < n; t++) {
            AuctionResult a = auctions.get(t);
            String key = "by_period." + (t + 1) + ".";
            out.open("tr").cell(Integer.toString(t + 1))
                    .number(ReportContext.format(price[t]), key + "clearing_price")
                    .number(ReportContext.format(volume[t]), key + "traded_volume")
                    .number(ReportContext.format(a.auctioneerSurplus()), key + "auctioneer_surplus")
                    .number(Integer.toString(a.rejected().size()), key + "rejected")
                    .close("tr");
        }
        out.close("table");
    }
}
