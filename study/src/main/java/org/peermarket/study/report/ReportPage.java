package org.peermarket.study.report;

import java.util.List;
import org.peermarket.study.files.Html;

/**
 * The page around a report's sections: one self-contained HTML file with its stylesheet
 * inline; no scripts, fonts or images from elsewhere. No dates, so a report depends only on
 * its results.
 */
final class ReportPage {
    /** A section already rendered: anchor, heading and body. */
    record Part(String id, String title, String body) {}

    private static final String STYLE = """
            :root { color-scheme: light; }
            body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1a202c;
                   margin: 0; background: #f7fafc; line-height: 1.45; }
            header { background: #2d3748; color: #fff; padding: 18px 32px; }
            header h1 { margin: 0; font-size: 1.5rem; font-weight: 600; }
            header p { margin: 4px 0 0; color: #cbd5e0; }
            nav { padding: 8px 32px; background: #edf2f7; border-bottom: 1px solid #e2e8f0; font-size: 0.9rem; }
            nav a { color: #2b6cb0; margin-right: 16px; text-decoration: none; }
            main { padding: 8px 32px 40px; max-width: 1100px; }
            section { background: #fff; border: 1px solid #e2e8f0; border-radius: 6px; padding: 4px 20px 16px;
                      margin: 18px 0; overflow-x: auto; }
            h2 { font-size: 1.15rem; font-weight: 600; border-bottom: 1px solid #e2e8f0; padding-bottom: 6px; }
            h3 { font-size: 1rem; font-weight: 600; margin: 14px 0 6px; }
            table { border-collapse: collapse; font-size: 0.875rem; margin: 8px 0; }
            th, td { padding: 4px 10px; border-bottom: 1px solid #edf2f7; text-align: left; vertical-align: top; }
            th { background: #f7fafc; font-weight: 600; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: "DejaVu Sans Mono", monospace; }
            tr.bad td { color: #c53030; }
            .status-optimal, .status-cleared { color: #2f855a; font-weight: 600; }
            .status-bad { color: #c53030; font-weight: 600; }
            .note { color: #718096; font-size: 0.85rem; }
            .kpis { display: flex; flex-wrap: wrap; gap: 12px; margin: 10px 0; }
            .kpi { border: 1px solid #e2e8f0; border-radius: 6px; padding: 8px 14px; min-width: 140px; }
            .kpi .label { color: #718096; font-size: 0.8rem; }
            .kpi .value { font-size: 1.15rem; font-weight: 600; font-variant-numeric: tabular-nums; }
            svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0; font-size: 12px; }
            svg .tick, svg .legend, svg .label { fill: #4a5568; font-size: 11px; }
            svg .axis-label { fill: #2d3748; font-size: 12px; font-weight: 600; }
            """;

    private ReportPage() {}

    /** The heading without its units, for the navigation bar. */
    static String shortTitle(String title) {
        int paren = title.indexOf(" (");
        return paren > 0 ? title.substring(0, paren) : title;
    }

    static String render(String title, String subtitle, List<Part> parts) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n").open("html", "lang", "en").raw("\n").open("head").raw("\n")
                .raw("<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .element("title", title).raw("\n").open("style").raw(STYLE).close("style").close("head")
                .open("body").raw("\n").open("header").element("h1", title).raw("\n");
        if (!subtitle.isEmpty()) {
            h.element("p", subtitle);
        }
        h.close("header").open("nav");
        for (Part p : parts) {
            h.element("a", shortTitle(p.title()), "href", "#" + p.id());
        }
        h.close("nav").open("main").raw("\n");
        for (Part p : parts) {
            h.open("section", "class", "report-section", "data-section", p.id()).raw("\n").heading(p.id(), p.title())
                    .raw(p.body()).close("section");
        }
        return h.close("main").close("body").close("html").toString();
    }
}
