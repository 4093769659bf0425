package org.pneumolens.core.image;

import java.util.Arrays;

/**
 * Decodes the grey (or luma) channel of a baseline JPEG ({@link JpegHeader}) at 1/2, 1/4 or 1/8 of its size straight
 * from the DCT coefficients, as libjpeg's {@code scale_denom} and Pillow's {@code draft} do: each output pixel is
 * the mean of the 2x2, 4x4 or 8x8 pixels of the full decode it stands for (before rounding to 8 bits), summed from
 * each non-zero coefficient with precomputed weights; at 1/8 that is the block's DC coefficient alone. Every AC symbol
 * is still Huffman
 * decoded (to skip it), but no full-size image and no 8x8 inverse DCT is ever made, and chroma blocks are only
 * skipped. About what the model needs of a radiograph: 224 px of a 1,500-2,000 px side.
 *
 * <p>Damaged data of any kind (a bit pattern no Huffman code matches, a coefficient past index 63, data that ends or
 * meets a marker too early, a restart marker missing or out of order, anything but EOI after the scan) makes
 * {@link #decode} answer null: the caller then decodes the file the old way, which reports it as before. The work
 * is bounded by the declared size (one pass over the MCUs, at most 64 coefficients per block).
 */
final class ScaledJpegDecoder {
    /** By n: {@code W[(v * 8 + u) * n * n + y * n + x]}, the weight of coefficient (v, u) in output pixel (y, x). */
    static final float[][] WEIGHTS = {null, null, weights(2), null, weights(4)};

    private final JpegHeader header;
    private final JpegBits bits;
    private final int factor; // 2, 4 or 8
    private final int n;      // output pixels per block side: 8 / factor
    private final float[] pixels = new float[16]; // the block's n x n outputs, less 128
    private int dc;                               // the block's dequantised DC coefficient
    private final int[] predictor;
    private boolean entropyOnly; // for timing: every block skipped, nothing stored

    private ScaledJpegDecoder(JpegHeader header, byte[] data, int factor) {
        this.header = header;
        this.bits = new JpegBits(data, header.scanStart);
        this.factor = factor;
        this.n = 8 / factor;
        this.predictor = new int[header.scan.length];
    }

    /**
     * The largest reduction (8, 4, 2) that leaves a {@code width} x {@code height} image at least {@code minW} x
     * {@code minH}, or 1 if none does.
     */
    static int factorFor(int width, int height, int minW, int minH) {
        for (int f = 8; f >= 2; f /= 2) {
            if ((width + f - 1) / f >= minW && (height + f - 1) / f >= minH) {
                return f;
            }
        }
        return 1;
    }

    /**
     * The image reduced by {@code factor} (2, 4 or 8): {@code ceil(width / factor)} x {@code ceil(height / factor)}
     * grey pixels in [0, 1], or null if the data is damaged or the sampling layout is not handled.
     */
    static GreyImage decode(JpegHeader header, byte[] data, int factor) {
        if (factor != 2 && factor != 4 && factor != 8) {
            throw new IllegalArgumentException("factor " + factor);
        }
        JpegHeader.Component luma = header.components[0];
        if (header.components.length > 1 && (luma.h != header.maxH || luma.v != header.maxV)) {
            return null; // a luma plane smaller than the frame: never seen in practice
        }
        return new ScaledJpegDecoder(header, data, factor).run();
    }

    /** Only the Huffman decoding of every block (to time it): whether the data was sound. */
    static boolean entropyDecodeOnly(JpegHeader header, byte[] data) {
        ScaledJpegDecoder d = new ScaledJpegDecoder(header, data, 8);
        d.entropyOnly = true;
        return d.run() != null;
    }

    private GreyImage run() {
        boolean single = header.scan.length == 1;
        JpegHeader.Component luma = header.components[0];
        int mcusX = single ? ceil(header.width, 8) : ceil(header.width, 8 * header.maxH);
        int mcusY = single ? ceil(header.height, 8) : ceil(header.height, 8 * header.maxV);
        int blocksX = single ? mcusX : mcusX * luma.h;
        int blocksY = single ? mcusY : mcusY * luma.v;
        int stride = blocksX * n;
        float[] plane = DecodeScratch.floats(stride * blocksY * n); // every element is written below
        int restart = header.restartInterval;
        int mcus = 0;
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                if (restart > 0 && mcus > 0 && mcus % restart == 0) {
                    if (!bits.endSegment(0xD0 + (mcus / restart - 1) % 8)) {
                        return null;
                    }
                    Arrays.fill(predictor, 0);
                }
                mcus++;
                for (int s = 0; s < header.scan.length; s++) {
                    JpegHeader.Component c = header.scan[s];
                    int bh = single ? 1 : c.h;
                    int bv = single ? 1 : c.v;
                    for (int by = 0; by < bv; by++) {
                        for (int bx = 0; bx < bh; bx++) {
                            boolean isLuma = c == luma && !entropyOnly;
                            if (!block(s, c, isLuma)) {
                                return null;
                            }
                            if (isLuma) {
                                int x0 = (mx * bh + bx) * n;
                                int y0 = (my * bv + by) * n;
                                store(plane, y0 * stride + x0, stride);
                            }
                        }
                    }
                }
            }
        }
        if (!bits.endSegment(0xD9)) {
            return null; // truncated, extra bytes, or more scans: the old path decides
        }
        return crop(plane, stride, ceil(header.width, factor), ceil(header.height, factor));
    }

    /**
     * Huffman-decodes one block and, if {@code keep}, sums its reduced pixels into {@link #pixels} (its DC into
     * {@link #dc}); else only skips it. Each code and the magnitude bits after it are taken from the bit reader in one
     * step; each non-zero coefficient costs n x n multiply-adds (4 at 1/4, 16 at 1/2). False on damaged data.
     */
    private boolean block(int s, JpegHeader.Component c, boolean keep) {
        int e = c.dc.peek(bits);
        int size = e & 0xFF;
        if (e < 0 || size > 11) {
            return false;
        }
        int len = e >>> 8;
        predictor[s] += extend(bits.bits(len + size) & ((1 << size) - 1), size);
        boolean needAc = keep && factor != 8;
        int nn = n * n;
        float[] w = WEIGHTS[n];
        if (keep) {
            dc = predictor[s] * c.quant[0];
        }
        JpegHuffman ac = c.ac;
        if (!needAc) {
            return bits.skipAc(ac) && !bits.overrun();
        }
        startBlock(pixels, nn, dc / 8f);
        return bits.decodeAc(ac, c.quant, pixels, w, nn) && !bits.overrun();
    }

    /** The block's n x n reduced pixels into the plane at {@code at}. */
    private void store(float[] plane, int at, int stride) {
        storeBlock(plane, at, stride, n, pixels, dc);
    }

    /**
     * Sets a block's {@code nn} reduced pixels to {@code value} (its DC term) before the AC terms are added. By hand
     * for 1/4: {@code Arrays.fill} of four floats, a call per block, was 7 % of a 1/4 decode (JFR).
     */
    static void startBlock(float[] pixels, int nn, float value) {
        if (nn == 4) {
            pixels[0] = value;
            pixels[1] = value;
            pixels[2] = value;
            pixels[3] = value;
            return;
        }
        Arrays.fill(pixels, 0, nn, value);
    }

    /**
     * Adds the dequantised coefficient {@code value} at zig-zag position {@code k} to a block's {@code nn} reduced
     * pixels ({@link #WEIGHTS} of n = sqrt(nn)). Shared with {@link ProgressiveJpegDecoder}, so both reduce alike.
     */
    static void addCoefficient(float[] pixels, float[] w, int nn, int k, float value) {
        int at = JpegHeader.NATURAL[k] * nn;
        if (nn == 4) { // 1/4, the usual reduction for the model's input: unrolled, a quarter of a batch's decode time
            pixels[0] += value * w[at];
            pixels[1] += value * w[at + 1];
            pixels[2] += value * w[at + 2];
            pixels[3] += value * w[at + 3];
            return;
        }
        for (int j = 0; j < nn; j++) {
            pixels[j] += value * w[at + j];
        }
    }

    /**
     * A block's reduced pixels into the plane at {@code at}: at 1/8 (n = 1) its dequantised DC coefficient {@code dc}
     * alone, else the n x n {@code pixels} summed by {@link #addCoefficient}; in [0, 1], clamped as the full decode.
     */
    static void storeBlock(float[] plane, int at, int stride, int n, float[] pixels, float dc) {
        if (n == 1) {
            plane[at] = clamp(dc / 8f + 128f);
            return;
        }
        if (n == 2) { // 1/4, unrolled as addCoefficient is
            plane[at] = clamp(pixels[0] + 128f);
            plane[at + 1] = clamp(pixels[1] + 128f);
            plane[at + stride] = clamp(pixels[2] + 128f);
            plane[at + stride + 1] = clamp(pixels[3] + 128f);
            return;
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                plane[at + y * stride + x] = clamp(pixels[y * n + x] + 128f);
            }
        }
    }

    static GreyImage crop(float[] plane, int stride, int w, int h) {
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(plane, y * stride, out, y * w, w);
        }
        return new GreyImage(w, h, out);
    }

    /**
     * The weight of each coefficient in each output pixel: {@code m[y][v] * m[x][u]}, where {@code m[i][u]} is the mean
     * over output bin {@code i} (of {@code 8 / n} pixels) of the 1-D inverse DCT basis {@code C(u) / 2 * cos((2x + 1)
     * u pi / 16)}; so the output is the mean of the full decode over that bin, before any rounding.
     */
    private static float[] weights(int n) {
        int f = 8 / n;
        double[] m = new double[n * 8];
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < 8; u++) {
                double cu = u == 0 ? Math.sqrt(0.5) : 1;
                double sum = 0;
                for (int x = i * f; x < (i + 1) * f; x++) {
                    sum += cu / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
                }
                m[i * 8 + u] = sum / f;
            }
        }
        float[] w = new float[64 * n * n];
        for (int v = 0; v < 8; v++) {
            for (int u = 0; u < 8; u++) {
                for (int y = 0; y < n; y++) {
                    for (int x = 0; x < n; x++) {
                        w[(v * 8 + u) * n * n + y * n + x] = (float) (m[y * 8 + v] * m[x * 8 + u]);
                    }
                }
            }
        }
        return w;
    }

    static float clamp(float v) {
        return Math.min(255f, Math.max(0f, v)) / 255f;
    }

    /**
     * The coefficient that {@code size} magnitude bits {@code v} stand for (T.81 F.2.2.1): v itself when its top bit
     * is set, else {@code v - 2^size + 1}. Without a branch on that bit: it is the coefficient's sign, a coin toss to
     * the branch predictor, and at quality 96 the mispredictions took about a third of the 1/4 decode's time.
     */
    static int extend(int v, int size) {
        return size == 0 ? 0 : v + (((v >> (size - 1)) - 1) & (1 - (1 << size)));
    }

    static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
