package org.pneumolens.core.image;

/**
 * The tables and frame of a baseline JPEG up to its first scan, as {@link ScaledJpegDecoder} needs them; anything
 * that decoder does not handle makes {@link #parse} answer null, and the file then takes the ImageIO path as before:
 * progressive, lossless, arithmetic-coded, hierarchical or 12-bit frames, a height given later (DNL), other than 1
 * or 3 components, a 3-component file that is not YCbCr (Adobe transform other than 1, or RGB component ids without
 * JFIF), a first scan that does not hold every component, references to undefined tables, invalid Huffman tables.
 * Every length is checked against the segment and the array, so a crafted header can only make it answer null.
 */
final class JpegHeader {
    /** Zig-zag position to natural (row-major) index, T.81 figure A.6. */
    static final int[] NATURAL = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60,
        61, 54, 47, 55, 62, 63};

    /** One frame component, in frame order; the scan's tables are filled in from the first SOS. */
    static final class Component {
        final int id;
        final int h;
        final int v;
        final int quantTable;
        int[] quant;      // in zig-zag order
        JpegHuffman dc;
        JpegHuffman ac;

        Component(int id, int h, int v, int quantTable) {
            this.id = id;
            this.h = h;
            this.v = v;
            this.quantTable = quantTable;
        }
    }

    final int width;
    final int height;
    final Component[] components; // frame order; index 0 is the grey or luma component
    final Component[] scan;       // the first scan's components, in scan order
    final int restartInterval;
    final int scanStart;          // first byte of the entropy-coded data
    final int maxH;
    final int maxV;

    private JpegHeader(int width, int height, Component[] components, Component[] scan, int restartInterval,
                       int scanStart) {
        this.width = width;
        this.height = height;
        this.components = components;
        this.scan = scan;
        this.restartInterval = restartInterval;
        this.scanStart = scanStart;
        int mh = 1, mv = 1;
        for (Component c : components) {
            mh = Math.max(mh, c.h);
            mv = Math.max(mv, c.v);
        }
        this.maxH = mh;
        this.maxV = mv;
    }

    /** The header of {@code d}, or null if this is not a JPEG that {@link ScaledJpegDecoder} decodes. */
    static JpegHeader parse(byte[] d) {
        int n = d.length;
        if (n < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            return null;
        }
        int[][] quant = new int[4][];
        JpegHuffman[][] huffman = new JpegHuffman[2][4];
        Component[] frame = null;
        int width = 0, height = 0, restart = 0;
        boolean jfif = false, adobe = false;
        int transform = -1;
        int i = 2;
        while (i < n) {
            int code = JpegMarkers.markerCode(d, i);
            if (code < 0) {
                return null;
            }
            int m = d[code] & 0xFF;
            i = code + 1;
            if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                continue;
            }
            int end = JpegMarkers.segmentEnd(d, i);
            if (m == 0xD8 || m == 0xD9 || end < 0) {
                return null; // image ends (or starts again) before a scan, or a segment does not fit
            }
            int len = end - i;
            int p = i + 2;
            switch (m) {
                case 0xE0 -> jfif |= len >= 7 && d[p] == 'J' && d[p + 1] == 'F' && d[p + 2] == 'I' && d[p + 3] == 'F'
                        && d[p + 4] == 0;
                case 0xEE -> {
                    if (len >= 14 && d[p] == 'A' && d[p + 1] == 'd' && d[p + 2] == 'o' && d[p + 3] == 'b'
                            && d[p + 4] == 'e') {
                        adobe = true;
                        transform = d[p + 11] & 0xFF;
                    }
                }
                case 0xDB -> {
                    if (!readQuant(d, p, end, quant)) {
                        return null;
                    }
                }
                case 0xC4 -> {
                    if (!readHuffman(d, p, end, huffman)) {
                        return null;
                    }
                }
                case 0xDD -> {
                    if (len != 4) {
                        return null;
                    }
                    restart = u16(d, p);
                }
                case 0xC0, 0xC1 -> {
                    if (frame != null || len < 8 || (d[p] & 0xFF) != 8) {
                        return null;
                    }
                    height = u16(d, p + 1);
                    width = u16(d, p + 3);
                    int nf = d[p + 5] & 0xFF;
                    if (width == 0 || height == 0 || (nf != 1 && nf != 3) || len != 8 + 3 * nf) {
                        return null;
                    }
                    frame = new Component[nf];
                    for (int c = 0; c < nf; c++) {
                        int q = p + 6 + 3 * c;
                        int h = (d[q + 1] & 0xFF) >> 4, v = d[q + 1] & 0x0F, tq = d[q + 2] & 0xFF;
                        if (h < 1 || h > 4 || v < 1 || v > 4 || tq > 3) {
                            return null;
                        }
                        frame[c] = new Component(d[q] & 0xFF, h, v, tq);
                    }
                }
                case 0xDA -> {
                    return startOfScan(d, p, end, frame, quant, huffman, width, height, restart,
                            colourIsYCbCr(frame, jfif, adobe, transform));
                }
                default -> {
                    // C2, C3, C5-C7, C9-CB, CD-CF: other frame types; CC: arithmetic conditioning; DC: DNL.
                    if ((m >= 0xC2 && m <= 0xCF) || m == 0xDC) {
                        return null;
                    }
                }
            }
            i = end;
        }
        return null;
    }

    private static boolean colourIsYCbCr(Component[] frame, boolean jfif, boolean adobe, int transform) {
        if (frame == null || frame.length == 1) {
            return true;
        }
        if (adobe) {
            return transform == 1;
        }
        return jfif || (frame[0].id == 1 && frame[1].id == 2 && frame[2].id == 3);
    }

    private static JpegHeader startOfScan(byte[] d, int p, int end, Component[] frame, int[][] quant,
                                          JpegHuffman[][] huffman, int width, int height, int restart,
                                          boolean yCbCr) {
        if (frame == null || !yCbCr) {
            return null;
        }
        int ns = d[p] & 0xFF;
        if (ns != frame.length || end - p != 1 + 2 * ns + 3) {
            return null;
        }
        Component[] scan = new Component[ns];
        for (int s = 0; s < ns; s++) {
            int id = d[p + 1 + 2 * s] & 0xFF, td = (d[p + 2 + 2 * s] & 0xFF) >> 4, ta = d[p + 2 + 2 * s] & 0x0F;
            Component c = null;
            for (Component f : frame) {
                if (f.id == id) {
                    c = f;
                }
            }
            if (c == null || c.dc != null || td > 3 || ta > 3) {
                return null; // unknown or repeated component
            }
            c.dc = huffman[0][td];
            c.ac = huffman[1][ta];
            c.quant = quant[c.quantTable];
            if (c.dc == null || c.ac == null || c.quant == null) {
                return null;
            }
            scan[s] = c;
        }
        int q = p + 1 + 2 * ns;
        if ((d[q] & 0xFF) != 0 || (d[q + 1] & 0xFF) != 63 || (d[q + 2] & 0xFF) != 0) {
            return null; // Ss, Se, Ah/Al of a sequential scan
        }
        return new JpegHeader(width, height, frame, scan, restart, end);
    }

    /** A DQT segment's tables (bytes {@code p..end}) into {@code quant[id]}, in zig-zag order; false if malformed. */
    static boolean readQuant(byte[] d, int p, int end, int[][] quant) {
        while (p < end) {
            int pq = (d[p] & 0xFF) >> 4, tq = d[p] & 0x0F;
            int size = pq == 0 ? 64 : 128;
            if (pq > 1 || tq > 3 || p + 1 + size > end) {
                return false;
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = pq == 0 ? d[p + 1 + k] & 0xFF : u16(d, p + 1 + 2 * k);
            }
            quant[tq] = q;
            p += 1 + size;
        }
        return true;
    }

    /**
     * A DHT segment's tables (bytes {@code p..end}) into {@code huffman[class][id]}; false if malformed or not a valid
     * prefix code ({@link JpegHuffman#build}).
     */
    static boolean readHuffman(byte[] d, int p, int end, JpegHuffman[][] huffman) {
        while (p < end) {
            int tc = (d[p] & 0xFF) >> 4, th = d[p] & 0x0F;
            if (tc > 1 || th > 3 || p + 17 > end) {
                return false;
            }
            int[] counts = new int[16];
            int total = 0;
            for (int k = 0; k < 16; k++) {
                counts[k] = d[p + 1 + k] & 0xFF;
                total += counts[k];
            }
            if (total > 256 || p + 17 + total > end) {
                return false;
            }
            int[] symbols = new int[total];
            for (int k = 0; k < total; k++) {
                symbols[k] = d[p + 17 + k] & 0xFF;
            }
            JpegHuffman t = JpegHuffman.build(counts, symbols);
            if (t == null) {
                return false;
            }
            huffman[tc][th] = t;
            p += 17 + total;
        }
        return true;
    }

    static int u16(byte[] d, int i) {
        return (d[i] & 0xFF) << 8 | (d[i + 1] & 0xFF);
    }
}
