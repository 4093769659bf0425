package org.pneumolens.core.image;

/**
 * Decodes a grey progressive JPEG (SOF2, 8-bit, one component) at 1/2, 1/4 or 1/8 of its size, with the same
 * reduction as {@link ScaledJpegDecoder} (each output pixel the mean of the full decode's 2x2, 4x4 or 8x8 pixels,
 * before rounding), so a progressive radiograph costs what a baseline one does instead of a full ImageIO decode.
 * Two of the eight sample radiographs, and a share of the Kermany full-size set, are progressive.
 *
 * <p>Every scan is decoded as T.81 annex G says (DC first and refinement, AC spectral selection with end-of-band
 * runs, AC successive-approximation refinement) into a buffer of each block's coefficients; at 1/8 only the DC
 * coefficient is wanted, so the AC scans are skipped to their end marker without being decoded. Anything else
 * (colour or more components, 12-bit, arithmetic coding, a scan that breaks the rules of annex G, a Huffman code that
 * matches nothing, a missing or misnumbered restart marker, data that ends before EOI) answers null, and the caller
 * then decodes the file the old way, which gives its image or message as before. Work and memory are bounded by the
 * declared size ({@link ImageLimits}: at most 36 MP for a progressive JPEG, 100 scans): at most one pass over the
 * blocks per scan, two bytes per coefficient.
 */
final class ProgressiveJpegDecoder {
    private final byte[] d;
    private final int width;
    private final int height;
    private final int factor;
    private final int blocksX;
    private final int blocksY;
    private final int stride; // coefficients kept per block: 64, or 1 at 1/8
    private final short[] coef;
    private int quantTable;
    private int[] quant;
    private int restart;
    private boolean dcSeen;
    private int eobRun;

    private ProgressiveJpegDecoder(byte[] d, int width, int height, int factor) {
        this.d = d;
        this.width = width;
        this.height = height;
        this.factor = factor;
        this.blocksX = ScaledJpegDecoder.ceil(width, 8);
        this.blocksY = ScaledJpegDecoder.ceil(height, 8);
        this.stride = factor == 8 ? 1 : 64;
        this.coef = DecodeScratch.shorts(blocksX * blocksY * stride);
    }

    /**
     * The file reduced to at least {@code minW} x {@code minH} (the largest factor that allows it), or null if it is
     * no grey progressive JPEG this decoder handles, no reduction is possible, or its data is damaged. The caller
     * has checked {@link ImageLimits#checkJpeg} first.
     */
    static ReducedJpeg.Result decode(byte[] d, int minW, int minH) {
        int n = d.length;
        if (n < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            return null;
        }
        int[][] quant = new int[4][];
        JpegHuffman[][] huffman = new JpegHuffman[2][4];
        ProgressiveJpegDecoder dec = null;
        int restart = 0;
        int frameId = -1;
        int scans = 0;
        int i = 2;
        while (i < n) {
            int code = JpegMarkers.markerCode(d, i);
            if (code < 0) {
                return null;
            }
            int m = d[code] & 0xFF;
            i = code + 1;
            if (m == 0xD9) {
                return dec == null || !dec.dcSeen ? null : dec.result();
            }
            int end = JpegMarkers.segmentEnd(d, i);
            if (m == 0x01 || m == 0xD8 || (m >= 0xD0 && m <= 0xD7) || end < 0) {
                return null;
            }
            int len = end - i;
            int p = i + 2;
            switch (m) {
                case 0xDB -> {
                    if (!JpegHeader.readQuant(d, p, end, quant)) {
                        return null;
                    }
                }
                case 0xC4 -> {
                    if (!JpegHeader.readHuffman(d, p, end, huffman)) {
                        return null;
                    }
                }
                case 0xDD -> {
                    if (len != 4) {
                        return null;
                    }
                    restart = JpegHeader.u16(d, p);
                }
                case 0xC2 -> {
                    if (dec != null || len != 11 || (d[p] & 0xFF) != 8 || (d[p + 5] & 0xFF) != 1) {
                        return null; // one frame, 8-bit, one component
                    }
                    int height = JpegHeader.u16(d, p + 1);
                    int width = JpegHeader.u16(d, p + 3);
                    int tq = d[p + 8] & 0xFF;
                    int factor = ScaledJpegDecoder.factorFor(width, height, minW, minH);
                    if (width == 0 || height == 0 || tq > 3 || factor == 1
                            || (long) width * height > ImageLimits.MAX_PROGRESSIVE_PIXELS) {
                        return null; // the bound is the caller's check too; here it guards the buffer itself
                    }
                    frameId = d[p + 6] & 0xFF;
                    dec = new ProgressiveJpegDecoder(d, width, height, factor);
                    dec.quantTable = tq;
                }
                case 0xDA -> {
                    if (dec == null || quant[dec.quantTable] == null || ++scans > ImageLimits.MAX_JPEG_SCANS) {
                        return null; // the scan bound is the caller's check too; here it bounds the work itself
                    }
                    dec.quant = quant[dec.quantTable];
                    dec.restart = restart;
                    int next = dec.scan(p, end, frameId, huffman);
                    if (next < 0) {
                        return null;
                    }
                    i = next - 1; // the FF before the marker that ends the scan
                    continue;
                }
                default -> {
                    // Any other frame type (baseline is JpegHeader's, the rest is not handled), DNL, arithmetic.
                    if ((m >= 0xC0 && m <= 0xCF) || m == 0xDC) {
                        return null;
                    }
                }
            }
            i = end;
        }
        return null; // no EOI
    }

    /**
     * Decodes (or, at 1/8, skips if it holds no DC) one scan whose header is {@code d[p..end)}; returns the index of
     * the code byte of the marker after its data, or -1 if the scan is not allowed or its data is damaged.
     */
    private int scan(int p, int end, int frameId, JpegHuffman[][] huffman) {
        if ((d[p] & 0xFF) != 1 || end - p != 6 || (d[p + 1] & 0xFF) != frameId) {
            return -1;
        }
        int td = (d[p + 2] & 0xFF) >> 4, ta = d[p + 2] & 0x0F;
        int ss = d[p + 3] & 0xFF, se = d[p + 4] & 0xFF;
        int ah = (d[p + 5] & 0xFF) >> 4, al = d[p + 5] & 0x0F;
        boolean dcScan = ss == 0;
        if (td > 3 || ta > 3 || se > 63 || al > 13 || (dcScan ? se != 0 : se < ss) || (ah != 0 && al != ah - 1)) {
            return -1;
        }
        if (dcScan ? ah != 0 && !dcSeen : !dcSeen) {
            return -1; // a refinement before its first scan, or AC before DC (G.1.1.1.1)
        }
        if (!dcScan && factor == 8) {
            return JpegMarkers.entropyEnd(d, end);
        }
        JpegHuffman table = dcScan ? huffman[0][td] : huffman[1][ta];
        if (table == null && !(dcScan && ah != 0)) {
            return -1;
        }
        JpegBits bits = new JpegBits(d, end);
        int[] pred = {0};
        eobRun = 0;
        int blocks = blocksX * blocksY;
        for (int b = 0; b < blocks; b++) {
            if (restart > 0 && b > 0 && b % restart == 0) {
                if (!bits.endSegment(0xD0 + (b / restart - 1) % 8)) {
                    return -1;
                }
                pred[0] = 0;
                eobRun = 0;
            }
            int at = b * stride;
            boolean ok;
            if (dcScan) {
                ok = ah == 0 ? dcFirst(bits, table, at, al, pred) : dcRefine(bits, at, al);
            } else {
                ok = ah == 0 ? acFirst(bits, table, at, ss, se, al) : acRefine(bits, table, at, ss, se, al);
            }
            if (!ok || bits.overrun()) {
                return -1;
            }
        }
        if (dcScan && ah == 0) {
            dcSeen = true;
        }
        return bits.endScan();
    }

    private boolean dcFirst(JpegBits bits, JpegHuffman table, int at, int al, int[] pred) {
        int e = table.peek(bits);
        int size = e & 0xFF;
        if (e < 0 || size > 11) {
            return false;
        }
        pred[0] += ScaledJpegDecoder.extend(bits.bits((e >>> 8) + size) & ((1 << size) - 1), size);
        coef[at] = (short) (pred[0] << al);
        return true;
    }

    private boolean dcRefine(JpegBits bits, int at, int al) {
        if (bits.bits(1) != 0) {
            coef[at] |= (short) (1 << al);
        }
        return true;
    }

    /** The first scan of a band of AC coefficients (G.1.2.2): values, zero runs and end-of-band runs. */
    private boolean acFirst(JpegBits bits, JpegHuffman table, int at, int ss, int se, int al) {
        if (eobRun > 0) {
            eobRun--;
            return true;
        }
        for (int k = ss; k <= se; k++) {
            int e = table.peek(bits);
            if (e < 0) {
                return false;
            }
            int len = e >>> 8;
            int r = (e >> 4) & 15;
            int s = e & 15;
            if (s == 0) {
                bits.skip(len);
                if (r < 15) {
                    eobRun = (1 << r) - 1 + bits.bits(r);
                    return true;
                }
                k += 15; // sixteen zeros
                continue;
            }
            k += r;
            if (k > se || s > 10) {
                return false;
            }
            coef[at + k] = (short) (ScaledJpegDecoder.extend(bits.bits(len + s) & ((1 << s) - 1), s) << al);
        }
        return true;
    }

    /**
     * A refinement scan of a band of AC coefficients (G.1.2.3, as libjpeg's {@code decode_mcu_AC_refine}): one
     * correction bit for each coefficient already non-zero, new coefficients of magnitude {@code 1 << al}.
     */
    private boolean acRefine(JpegBits bits, JpegHuffman table, int at, int ss, int se, int al) {
        int p1 = 1 << al;
        int m1 = -1 << al;
        int k = ss;
        if (eobRun == 0) {
            for (; k <= se; k++) {
                int e = table.peek(bits);
                if (e < 0) {
                    return false;
                }
                bits.skip(e >>> 8);
                int r = (e >> 4) & 15;
                int s = e & 15;
                int value = 0;
                if (s != 0) {
                    if (s != 1) {
                        return false;
                    }
                    value = bits.bits(1) != 0 ? p1 : m1;
                } else if (r != 15) {
                    eobRun = (1 << r) + bits.bits(r);
                    break; // the rest of the band is this block's share of the end-of-band run
                }
                while (k <= se) {
                    int z = at + k;
                    if (coef[z] != 0) {
                        refine(bits, z, p1, m1);
                    } else if (--r < 0) {
                        break; // the zero coefficient the new value goes to
                    }
                    k++;
                }
                if (value != 0) {
                    if (k > se) {
                        return false;
                    }
                    coef[at + k] = (short) value;
                }
            }
        }
        if (eobRun > 0) {
            for (; k <= se; k++) {
                int z = at + k;
                if (coef[z] != 0) {
                    refine(bits, z, p1, m1);
                }
            }
            eobRun--;
        }
        return true;
    }

    private void refine(JpegBits bits, int z, int p1, int m1) {
        if (bits.bits(1) != 0 && (coef[z] & p1) == 0) {
            coef[z] += (short) (coef[z] >= 0 ? p1 : m1);
        }
    }

    /** The reduced image from the coefficients, exactly as {@link ScaledJpegDecoder} reduces a baseline block. */
    private ReducedJpeg.Result result() {
        int n = 8 / factor;
        int nn = n * n;
        int planeStride = blocksX * n;
        float[] plane = DecodeScratch.floats(planeStride * blocksY * n); // every element is written below
        float[] w = ScaledJpegDecoder.WEIGHTS[n];
        float[] px = new float[16];
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                int at = (by * blocksX + bx) * stride;
                int out = by * n * planeStride + bx * n;
                float dc = coef[at] * quant[0];
                if (factor != 8) {
                    ScaledJpegDecoder.startBlock(px, nn, dc / 8f);
                    for (int k = 1; k < 64; k++) {
                        if (coef[at + k] != 0) {
                            ScaledJpegDecoder.addCoefficient(px, w, nn, k, coef[at + k] * quant[k]);
                        }
                    }
                }
                ScaledJpegDecoder.storeBlock(plane, out, planeStride, n, px, dc);
            }
        }
        GreyImage img = ScaledJpegDecoder.crop(plane, planeStride, ScaledJpegDecoder.ceil(width, factor),
                ScaledJpegDecoder.ceil(height, factor));
        return new ReducedJpeg.Result(img, width, height, factor, 1);
    }
}
