package org.peermarket.study.report;

import org.peermarket.study.files.Html;

/**
 * One section of a run's report.html (docs/reports.md). A section renders only when its data
 * exists ({@link #applies}); sections are listed, in page order, in {@link RunReport#SECTIONS}.
 * To add one: implement this interface in a class of its own and add an instance to that list.
 */
public interface ReportSection {
    /** Anchor of the section in the page, e.g. {@code "prices"}. */
    String id();

    /** Heading, with the unit of the section's numbers, e.g. "Prices and volumes per period (EUR/kWh, kWh)". */
    String title(ReportContext c);

    /** True when the run has this section's data. */
    boolean applies(ReportContext c);

    /** Writes the section's body (the heading is written by the page). */
    void render(ReportContext c, Html out);
}
