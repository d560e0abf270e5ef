package org.peermarket.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.peermarket.study.files.Html;
import org.peermarket.study.pipeline.RunResult;

/**
 * A run's report.html (docs/reports.md): a page of sections, each shown only when the run has
 * its data. Add a section by writing a {@link ReportSection} and listing it here.
 */
public final class RunReport {
    /** The sections in page order. */
    static final List<ReportSection> SECTIONS = List.of(
            new SummarySection(),
            new PeriodsSection(),
            new AuctionSection(),
            new TradeNetworkSection(),
            new PeersSection(),
            new BillsSection(),
            new SharingSection(),
            new CommunitiesSection(),
            new StorageSection(),
            new HeatReportSection(),
            new VppSection(),
            new LinesSection(),
            new FlexibilitySection(),
            new ServiceReportSection(),
            new MeteringSection(),
            new StudySection(),
            new ConvergenceSection());

    private RunReport() {}

    public static String html(RunResult run) {
        return html(run, SECTIONS);
    }

    /** The report over result files already made for the run (name to text, as {@link ResultsWriter} writes them). */
    static String html(RunResult run, Map<String, String> files) {
        return html(new ReportContext(run, files), SECTIONS);
    }

    static String html(RunResult run, List<ReportSection> sections) {
        return html(new ReportContext(run), sections);
    }

    static String html(ReportContext c, List<ReportSection> sections) {
        RunResult run = c.run();
        List<ReportPage.Part> parts = new ArrayList<>();
        for (ReportSection s : sections) {
            if (s.applies(c)) {
                Html body = new Html();
                s.render(c, body);
                parts.add(new ReportPage.Part(s.id(), s.title(c), body.toString()));
            }
        }
        var sc = run.scenario();
        String subtitle = sc.market().type() + "/" + sc.market().solver() + " · " + sc.peers().size() + " peers · "
                + sc.periods() + (sc.periods() == 1 ? " period" : " periods") + " of " + ReportContext.format(sc.periodHours())
                + " h" + (sc.description() == null || sc.description().isBlank() ? "" : " · " + sc.description().strip());
        return ReportPage.render(sc.name(), subtitle, parts);
    }
}
