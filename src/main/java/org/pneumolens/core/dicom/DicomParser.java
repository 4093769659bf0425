package org.pneumolens.core.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the DICOM Part 10 container: the 128-byte preamble and "DICM", the file meta group (always explicit VR
 * little endian), then the data set in the transfer syntax the meta group names: implicit or explicit VR, little
 * or big endian, or deflated. Sequences and items of defined and undefined length are parsed into nested data
 * sets; encapsulated pixel data into its fragments. Values are not copied: elements point into the bytes.
 *
 * <p>Hostile files: every declared length is checked against the bytes that remain before it is used, an
 * undefined length is accepted only where the standard allows one, nesting is bounded ({@link #MAX_DEPTH}), and so
 * are the number of elements ({@link #MAX_ELEMENTS}) and a deflated data set's inflated size
 * ({@link #MAX_INFLATED_BYTES}). Nothing is allocated from a declared length, so memory stays within the file's
 * own size (plus the inflated copy) and time is linear in it.
 */
final class DicomParser {
    /** Sequences inside sequences: real files nest a handful of levels. */
    static final int MAX_DEPTH = 32;
    /** Elements in all data sets together; a radiograph has a few hundred. */
    static final int MAX_ELEMENTS = 500_000;
    /** Fragments of encapsulated pixel data. */
    static final int MAX_FRAGMENTS = 100_000;
    /** A deflated data set may not inflate to more than this. */
    static final int MAX_INFLATED_BYTES = 256 << 20;

    private static final long UNDEFINED = 0xFFFFFFFFL;

    /** The file meta group, the data set (whose buffer may be the inflated copy), and the syntax. */
    record Parsed(DicomDataset meta, DicomDataset dataset, TransferSyntax syntax) {
    }

    private final byte[] data;
    private final int limit;
    private final boolean bigEndian;
    private int pos;
    private int elements;

    private DicomParser(byte[] data, int pos, int limit, boolean bigEndian) {
        this.data = data;
        this.pos = pos;
        this.limit = limit;
        this.bigEndian = bigEndian;
    }

    /** True if {@code head} (the first bytes of a file) holds "DICM" at offset 128. */
    static boolean hasMagic(byte[] head, int length) {
        return length >= 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    static Parsed parse(byte[] file) throws DicomFormatException {
        return parse(file, MAX_INFLATED_BYTES);
    }

    /** {@link #parse(byte[])} with another cap on the inflated size (tests use a small one). */
    static Parsed parse(byte[] file, int maxInflatedBytes) throws DicomFormatException {
        int start;
        if (hasMagic(file, file.length)) {
            start = 132;
        } else if (looksLikeBareDataset(file)) {
            start = 0; // an old file without preamble: a data set straight from byte 0
        } else {
            throw new DicomFormatException("not a DICOM file (no \"DICM\" marker at byte 128)");
        }
        DicomParser meta = new DicomParser(file, start, file.length, false);
        DicomDataset metaSet = new DicomDataset(file, false);
        while (meta.remaining() >= 8 && meta.peekU16() == 0x0002) {
            meta.readElement(metaSet, true, meta.limit, 0);
        }
        String uid = metaSet.string(Tags.TRANSFER_SYNTAX);
        TransferSyntax syntax;
        if (uid == null) {
            if (start == 132) {
                throw new DicomFormatException("the file meta information names no transfer syntax");
            }
            boolean explicit = meta.remaining() >= 6 && isVr(file[meta.pos + 4], file[meta.pos + 5]);
            boolean bigEndian = explicit && file[meta.pos] == 0 && file[meta.pos + 1] == 0x08;
            syntax = bigEndian ? TransferSyntax.EXPLICIT_BE
                    : explicit ? TransferSyntax.EXPLICIT_LE : TransferSyntax.IMPLICIT_LE;
        } else {
            syntax = TransferSyntax.of(uid).orElseThrow(() -> new DicomFormatException(
                    "uses transfer syntax " + printable(uid) + ", which PneumoLens does not know"));
        }
        boolean explicitVr = syntax.explicitVr();
        if (explicitVr && !syntax.deflated() && !syntax.bigEndian() && meta.remaining() >= 8
                && !isVr(file[meta.pos + 4], file[meta.pos + 5])) {
            explicitVr = false; // a writer's slip seen in the wild: explicit in the meta group, implicit after it
        }
        DicomParser body;
        if (syntax.deflated()) {
            byte[] inflated = Deflated.inflate(file, meta.pos, maxInflatedBytes);
            body = new DicomParser(inflated, 0, inflated.length, false);
        } else {
            body = new DicomParser(file, meta.pos, file.length, syntax.bigEndian());
        }
        DicomDataset dataset = new DicomDataset(body.data, syntax.bigEndian());
        body.elements = meta.elements;
        body.parseDataset(dataset, explicitVr, body.limit, false, 0);
        return new Parsed(metaSet, dataset, syntax);
    }

    /** A value from the file, safe to put in a one-line message: printable ASCII, at most 64 characters. */
    static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }

    private static boolean looksLikeBareDataset(byte[] f) {
        if (f.length < 16) {
            return false;
        }
        int group = (f[0] & 0xff) | (f[1] & 0xff) << 8;
        return group == 0x0008 || group == 0x0002 || group == 0x0800; // the last: big endian
    }

    private static boolean isVr(byte a, byte b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    private int remaining() {
        return limit - pos;
    }

    private int peekU16() {
        return (data[pos] & 0xff) | (data[pos + 1] & 0xff) << 8;
    }

    private int u16() {
        int a = data[pos++] & 0xff;
        int b = data[pos++] & 0xff;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    private long u32() {
        long hi;
        long lo;
        if (bigEndian) {
            hi = u16();
            lo = u16();
        } else {
            lo = u16();
            hi = u16();
        }
        return (hi << 16) | lo;
    }

    private int tag() {
        int group = u16();
        return (group << 16) | u16();
    }

    private void parseDataset(DicomDataset ds, boolean explicit, int end, boolean undefinedItem, int depth)
            throws DicomFormatException {
        while (pos < end) {
            if (end - pos < 8) {
                if (allZero(pos, end) && !undefinedItem) {
                    pos = end; // trailing padding
                    break;
                }
                throw truncated("in the middle of an element header");
            }
            if (readElement(ds, explicit, end, depth)) {
                if (undefinedItem) {
                    return;
                }
                throw new DicomFormatException("damaged: item delimiter outside an item at byte " + (pos - 8));
            }
        }
        if (undefinedItem) {
            throw truncated("inside a sequence item (no item delimiter)");
        }
    }

    /** Reads one element into {@code ds}; true if it was an item delimiter instead. */
    private boolean readElement(DicomDataset ds, boolean explicit, int end, int depth) throws DicomFormatException {
        int at = pos;
        int tag = tag();
        String vr;
        long length;
        if (tag == Tags.ITEM_DELIMITATION || tag == Tags.SEQUENCE_DELIMITATION || tag == Tags.ITEM) {
            length = u32();
            if (tag == Tags.ITEM_DELIMITATION) {
                return true;
            }
            throw new DicomFormatException("damaged: unexpected " + (tag == Tags.ITEM ? "item" : "sequence delimiter")
                    + " at byte " + at);
        }
        if (++elements > MAX_ELEMENTS) {
            throw new DicomFormatException("has more than " + MAX_ELEMENTS + " data elements");
        }
        if (explicit) {
            if (!isVr(data[pos], data[pos + 1])) {
                throw new DicomFormatException("damaged: no value representation for element " + Tags.name(tag)
                        + " at byte " + at);
            }
            vr = new String(data, pos, 2, java.nio.charset.StandardCharsets.US_ASCII);
            pos += 2;
            if (hasLongLength(vr)) {
                if (end - pos < 6) {
                    throw truncated("in the middle of an element header");
                }
                pos += 2;
                length = u32();
            } else {
                length = u16();
            }
        } else {
            length = u32();
            vr = Tags.implicitVr(tag);
        }
        if (length == UNDEFINED) {
            if (tag == Tags.PIXEL_DATA) {
                ds.add(new DicomElement(tag, vr, pos, -1, null, fragments()));
            } else if (vr.equals("SQ") || vr.equals("UN")) {
                // UN of undefined length is a sequence encoded in implicit VR little endian (PS3.5 6.2.2)
                boolean itemsExplicit = explicit && vr.equals("SQ");
                ds.add(new DicomElement(tag, vr, pos, -1, sequence(ds, itemsExplicit, -1, depth + 1), null));
            } else {
                throw new DicomFormatException("damaged: element " + Tags.name(tag) + " (" + vr
                        + ") declares an undefined length (0xFFFFFFFF), allowed only for sequences and pixel data");
            }
            return false;
        }
        if (length > end - pos) {
            throw new DicomFormatException("truncated or damaged: element " + Tags.name(tag) + " declares " + length
                    + " bytes but only " + (end - pos) + " remain");
        }
        int len = (int) length;
        if (vr.equals("SQ")) {
            ds.add(new DicomElement(tag, vr, pos, len, sequence(ds, explicit, pos + len, depth + 1), null));
        } else {
            ds.add(DicomElement.value(tag, vr, pos, len));
            pos += len;
        }
        return false;
    }

    private static boolean hasLongLength(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    /** Items up to {@code end}, or up to the sequence delimiter if {@code end < 0}. */
    private List<DicomDataset> sequence(DicomDataset parent, boolean explicit, int end, int depth)
            throws DicomFormatException {
        if (depth > MAX_DEPTH) {
            throw new DicomFormatException("damaged: sequences nested more than " + MAX_DEPTH + " levels deep");
        }
        int bound = end < 0 ? limit : end;
        List<DicomDataset> items = new ArrayList<>();
        while (end < 0 || pos < end) {
            if (bound - pos < 8) {
                throw truncated("inside a sequence");
            }
            int at = pos;
            int tag = tag();
            long length = u32();
            if (tag == Tags.SEQUENCE_DELIMITATION && end < 0) {
                break;
            }
            if (tag != Tags.ITEM) {
                throw new DicomFormatException("damaged: expected a sequence item at byte " + at + ", found "
                        + Tags.name(tag));
            }
            if (++elements > MAX_ELEMENTS) {
                throw new DicomFormatException("has more than " + MAX_ELEMENTS + " data elements");
            }
            DicomDataset item = new DicomDataset(data, bigEndian);
            item.inheritCharset(parent);
            if (length == UNDEFINED) {
                parseDataset(item, explicit, bound, true, depth);
            } else {
                if (length > bound - pos) {
                    throw new DicomFormatException("truncated or damaged: a sequence item declares " + length
                            + " bytes but only " + (bound - pos) + " remain");
                }
                parseDataset(item, explicit, pos + (int) length, false, depth);
            }
            items.add(item);
        }
        return items;
    }

    /** Encapsulated pixel data: items of defined length up to the sequence delimiter. */
    private List<DicomElement.Fragment> fragments() throws DicomFormatException {
        List<DicomElement.Fragment> fragments = new ArrayList<>();
        while (true) {
            if (remaining() < 8) {
                throw truncated("inside the encapsulated pixel data");
            }
            int at = pos;
            int tag = tag();
            long length = u32();
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                return fragments;
            }
            if (tag != Tags.ITEM) {
                throw new DicomFormatException("damaged: expected a pixel data fragment at byte " + at + ", found "
                        + Tags.name(tag));
            }
            if (length == UNDEFINED) {
                throw new DicomFormatException("damaged: a pixel data fragment declares an undefined length");
            }
            if (length > remaining()) {
                throw new DicomFormatException("truncated or damaged: a pixel data fragment declares " + length
                        + " bytes but only " + remaining() + " remain");
            }
            if (fragments.size() >= MAX_FRAGMENTS) {
                throw new DicomFormatException("pixel data has more than " + MAX_FRAGMENTS + " fragments");
            }
            fragments.add(new DicomElement.Fragment(pos, (int) length));
            pos += (int) length;
        }
    }

    private boolean allZero(int from, int to) {
        for (int i = from; i < to; i++) {
            if (data[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private DicomFormatException truncated(String where) {
        return new DicomFormatException("truncated: the file ends " + where);
    }
}
