package org.pneumolens.core.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** Text on a PDF page with the standard Helvetica fonts: lines, word wrap, and only characters they can encode. */
final class PdfText {
    static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

    private PdfText() {
    }

    /** Printable Latin-1 only (what WinAnsi encodes for certain); anything else, controls included, becomes '?'. */
    static String safe(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f || c >= 0xa0 && c <= 0xff ? c : '?');
        }
        return b.toString();
    }

    static float width(PDType1Font font, float size, String s) throws IOException {
        return font.getStringWidth(safe(s)) / 1000 * size;
    }

    static void line(PDPageContentStream cs, PDType1Font font, float size, float x, float y, String s)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(safe(s));
        cs.endText();
    }

    /** {@code s} cut to fit {@code max} points, with "..." when cut. */
    static String fit(PDType1Font font, float size, String s, float max) throws IOException {
        if (width(font, size, s) <= max) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && width(font, size, t + "...") > max) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "...";
    }

    /** Greedy word wrap to lines no wider than {@code max} points (a word longer than a line is cut). */
    static List<String> wrap(PDType1Font font, float size, String s, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String word : s.split(" ")) {
            String next = cur.isEmpty() ? word : cur + " " + word;
            if (width(font, size, next) <= max) {
                cur.setLength(0);
                cur.append(next);
            } else {
                if (!cur.isEmpty()) {
                    lines.add(cur.toString());
                }
                cur.setLength(0);
                cur.append(fit(font, size, word, max));
            }
        }
        if (!cur.isEmpty()) {
            lines.add(cur.toString());
        }
        return lines;
    }
}
