package org.pneumolens.core.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The elements of one data set (the file's, or one sequence item's) over the bytes they were parsed from, with
 * typed accessors. Values are decoded on request: a string, a number in its text form (IS/DS), or a binary
 * unsigned short in the data set's byte order.
 */
final class DicomDataset {
    private final byte[] data;
    private final boolean bigEndian;
    private final Map<Integer, DicomElement> elements = new LinkedHashMap<>();
    private Charset charset = StandardCharsets.ISO_8859_1;

    DicomDataset(byte[] data, boolean bigEndian) {
        this.data = data;
        this.bigEndian = bigEndian;
    }

    byte[] data() {
        return data;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** The first occurrence of a tag wins; a repeated tag is ignored. */
    void add(DicomElement e) {
        elements.putIfAbsent(e.tag(), e);
        if (e.tag() == Tags.SPECIFIC_CHARACTER_SET) {
            charset = charsetFor(string(Tags.SPECIFIC_CHARACTER_SET));
        }
    }

    void inheritCharset(DicomDataset parent) {
        charset = parent.charset;
    }

    boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    DicomElement get(int tag) {
        return elements.get(tag);
    }

    int size() {
        return elements.size();
    }

    /** The whole value as text, multi-values still joined by backslashes; trailing padding removed. */
    String string(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated() || e.length() == 0) {
            return null;
        }
        String s = new String(data, e.offset(), e.length(), charset);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        String trimmed = s.substring(0, end).strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The n-th backslash-separated value, or null. */
    String string(int tag, int n) {
        String all = string(tag);
        if (all == null) {
            return null;
        }
        String[] parts = all.split("\\\\", -1);
        return n < parts.length && !parts[n].isBlank() ? parts[n].strip() : null;
    }

    /** A decimal string (DS) or integer string (IS) value; null if absent or not a number. */
    Double number(int tag, int n) {
        String s = string(tag, n);
        if (s == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    double[] numbers(int tag) {
        String all = string(tag);
        if (all == null) {
            return new double[0];
        }
        String[] parts = all.split("\\\\");
        double[] out = new double[parts.length];
        int n = 0;
        for (String p : parts) {
            try {
                double v = Double.parseDouble(p.strip());
                if (Double.isFinite(v)) {
                    out[n++] = v;
                }
            } catch (NumberFormatException e) {
                // a malformed value is skipped, like an absent one
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** The n-th binary unsigned 16-bit value (US; also OW words), or -1 if absent. */
    int uint16(int tag, int n) {
        DicomElement e = elements.get(tag);
        if (e == null || e.isSequence() || e.isEncapsulated() || e.length() < 2 * (n + 1)) {
            return -1;
        }
        return u16(e.offset() + 2 * n);
    }

    int u16(int at) {
        int a = data[at] & 0xff;
        int b = data[at + 1] & 0xff;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    List<DicomDataset> items(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || !e.isSequence() ? List.of() : e.items();
    }

    private static Charset charsetFor(String term) {
        if (term == null) {
            return StandardCharsets.ISO_8859_1;
        }
        // The first value names the default repertoire; ISO 2022 code extensions are beyond this reader and fall
        // back to Latin-1, which keeps ASCII right.
        String first = term.split("\\\\")[0].strip();
        return switch (first) {
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            case "ISO_IR 101" -> charset("ISO-8859-2");
            case "ISO_IR 144" -> charset("ISO-8859-5");
            case "ISO_IR 126" -> charset("ISO-8859-7");
            case "ISO_IR 148" -> charset("ISO-8859-9");
            case "GB18030" -> charset("GB18030");
            default -> StandardCharsets.ISO_8859_1;
        };
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }
}
