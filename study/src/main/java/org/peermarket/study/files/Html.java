package org.peermarket.study.files;

/**
 * A small HTML writer for the reports. Everything it writes is also well-formed XML (void
 * elements self-closed, text escaped, no named entities), so tests can read a report with the
 * JDK's XML parser. Numbers that tests and readers look up carry a {@code data-kpi} attribute.
 */
public final class Html {
    private final StringBuilder out = new StringBuilder();

    /** Text with {@code & < > " '} escaped, for element content and attribute values. */
    public static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Opens {@code tag} with attributes given as name, value pairs (values escaped). */
    public Html open(String tag, String... attributes) {
        out.append('<').append(tag);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
        }
        out.append('>');
        return this;
    }

    public Html close(String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** {@code <tag attrs>text</tag>}, the text escaped. */
    public Html element(String tag, String text, String... attributes) {
        open(tag, attributes);
        out.append(escape(text));
        out.append("</").append(tag).append('>');
        return this;
    }

    public Html text(String text) {
        out.append(escape(text));
        return this;
    }

    /** Markup made elsewhere (an SVG chart): appended as it is. */
    public Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** A section heading with its anchor. */
    public Html heading(String id, String title) {
        return element("h2", title, "id", id).raw("\n");
    }

    public Html paragraph(String text) {
        return element("p", text).raw("\n");
    }

    /** A note in grey: what a section leaves out, or why. */
    public Html note(String text) {
        return element("p", text, "class", "note").raw("\n");
    }

    /** A header row of a table. */
    public Html headerRow(String... cells) {
        open("tr");
        for (String c : cells) {
            element("th", c);
        }
        return close("tr");
    }

    /** A table cell for a number, right-aligned, with its lookup key when {@code kpi} is not empty. */
    public Html number(String formatted, String kpi) {
        return kpi.isEmpty() ? element("td", formatted, "class", "num")
                : element("td", formatted, "class", "num", "data-kpi", kpi);
    }

    public Html cell(String text) {
        return element("td", text);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
