package org.pneumolens.core.image;

import java.util.Arrays;

/**
 * Separable resize with a triangle (bilinear) kernel widened by the scale factor when shrinking, i.e. the
 * antialiased bilinear resize of Pillow. The dataset's 224x224 images were made by such a squash-resize
 * (aspect ratio not kept), so inference must squash the same way: no crop, no padding.
 *
 * <p>The vertical pass runs first, one output row at a time, and the horizontal pass filters that row straight
 * away. Mathematically the order of a separable filter does not matter (results differ only by float rounding,
 * ~1e-7), but this one is faster on large inputs: the vertical pass adds whole input rows into a row buffer, a
 * plain loop over contiguous arrays that the JIT can vectorise, and no image-sized intermediate is written; the
 * horizontal pass, a dot product per output pixel, then only sees {@code outH} rows instead of every input row.
 */
public final class Resampler {
    private Resampler() {
    }

    public static GreyImage resize(GreyImage src, int outW, int outH) {
        if (src.width() == outW && src.height() == outH) {
            return src;
        }
        int inW = src.width();
        float[] in = src.pixels();
        return resize(inW, Kernel.of(src.height(), outH), new Rows() { // rows of the float image, in place
            @Override
            public float[] array(int y) {
                return in;
            }

            @Override
            public int offset(int y) {
                return y * inW;
            }
        }, outW, outH);
    }

    /** Fills {@code dst} (the image's width) with input row {@code y} in [0, 1]. */
    @FunctionalInterface
    interface RowSource {
        void read(int y, float[] dst);
    }

    /**
     * The same resize as {@link #resize(GreyImage, int, int)}, through the same vertical and horizontal passes (so
     * the same floats), for an image that is not held as floats: each input row is converted once, when the vertical
     * window first reaches it, into a small ring of rows. A 1-2 MP radiograph then never exists as a 4-8 MB float
     * array, whose writing and reading back cost about as much as the resize itself.
     */
    static GreyImage resize(int inW, int inH, RowSource rows, int outW, int outH) {
        Kernel vertical = Kernel.of(inH, outH);
        int window = 0;
        for (float[] w : vertical.weights) {
            window = Math.max(window, w.length);
        }
        return resize(inW, vertical, new RowRing(rows, window + 1, inW), outW, outH);
    }

    /** Where input row {@code y} starts: in which array, at which index. */
    private interface Rows {
        float[] array(int y);

        int offset(int y);
    }

    /** The vertical pass one output row at a time, then the horizontal pass over that row. */
    private static GreyImage resize(int inW, Kernel vertical, Rows rows, int outW, int outH) {
        Kernel horizontal = Kernel.of(inW, outW);
        float[] out = new float[outW * outH];
        float[] column = new float[inW]; // one output row, filtered vertically only: inW wide
        for (int y = 0; y < outH; y++) {
            Arrays.fill(column, 0f);
            int first = vertical.first[y];
            float[] wv = vertical.weights[y];
            int i = 0;
            for (; i + 4 <= wv.length; i += 4) {
                int r = first + i;
                addScaledRows(column, rows.array(r), rows.offset(r), rows.array(r + 1), rows.offset(r + 1),
                        rows.array(r + 2), rows.offset(r + 2), rows.array(r + 3), rows.offset(r + 3),
                        wv[i], wv[i + 1], wv[i + 2], wv[i + 3]);
            }
            for (; i < wv.length; i++) {
                addScaledRow(column, rows.array(first + i), rows.offset(first + i), wv[i]);
            }
            filterRow(column, horizontal, out, y * outW);
        }
        return new GreyImage(outW, outH, out);
    }

    /** The last few converted input rows; windows only move down, so each row is converted once. */
    private static final class RowRing implements Rows {
        private final RowSource source;
        private final float[][] rows;
        private final int[] held;

        RowRing(RowSource source, int size, int width) {
            this.source = source;
            this.rows = new float[size][width];
            this.held = new int[size];
            Arrays.fill(held, -1);
        }

        @Override
        public float[] array(int y) {
            int slot = y % rows.length;
            if (held[slot] != y) {
                source.read(y, rows[slot]);
                held[slot] = y;
            }
            return rows[slot];
        }

        @Override
        public int offset(int y) {
            return 0;
        }
    }

    /**
     * Four input rows weighted into {@code acc} in one sweep: a quarter of the loads and stores of {@code acc} that
     * four {@link #addScaledRow} calls make (in a micro-benchmark of a 1736x1368 to 150x150 vertical pass: 3.0 ms
     * down to 1.5 ms).
     */
    private static void addScaledRows(float[] acc, float[] a0, int o0, float[] a1, int o1, float[] a2, int o2,
                                      float[] a3, int o3, float c0, float c1, float c2, float c3) {
        for (int x = 0; x < acc.length; x++) {
            acc[x] += c0 * a0[o0 + x] + c1 * a1[o1 + x] + c2 * a2[o2 + x] + c3 * a3[o3 + x];
        }
    }

    /** {@code acc[x] += c * in[offset + x]}: kept as its own small loop so that the JIT vectorises it. */
    private static void addScaledRow(float[] acc, float[] in, int offset, float c) {
        for (int x = 0; x < acc.length; x++) {
            acc[x] += c * in[offset + x];
        }
    }

    private static void filterRow(float[] row, Kernel k, float[] out, int offset) {
        for (int x = 0; x < k.first.length; x++) {
            int first = k.first[x];
            float[] w = k.weights[x];
            float acc = 0;
            for (int i = 0; i < w.length; i++) {
                acc += w[i] * row[first + i];
            }
            out[offset + x] = acc;
        }
    }

    /** For each output index: the first contributing input index and normalised weights. */
    private record Kernel(int[] first, float[][] weights) {
        static Kernel of(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double support = Math.max(1.0, scale); // triangle radius in input pixels
            int[] first = new int[outSize];
            float[][] weights = new float[outSize][];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max(0, (int) Math.floor(center - support));
                int hi = Math.min(inSize - 1, (int) Math.ceil(center + support));
                float[] w = new float[hi - lo + 1];
                double sum = 0;
                for (int i = lo; i <= hi; i++) {
                    double d = Math.abs((i + 0.5 - center) / support);
                    double v = Math.max(0, 1 - d);
                    w[i - lo] = (float) v;
                    sum += v;
                }
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (w[i] / sum);
                }
                first[o] = lo;
                weights[o] = w;
            }
            return new Kernel(first, weights);
        }
    }
}
