package org.pneumolens.core.image;

/**
 * Separable resize with a triangle (bilinear) kernel widened by the scale factor when shrinking, i.e. the
 * antialiased bilinear resize of Pillow. The dataset's 224x224 images were made by such a squash-resize
 * (aspect ratio not kept), so inference must squash the same way: no crop, no padding.
 */
public final class Resampler {
    private Resampler() {
    }

    public static GreyImage resize(GreyImage src, int outW, int outH) {
        if (src.width() == outW && src.height() == outH) {
            return src;
        }
        float[] horizontal = resizeRows(src.pixels(), src.width(), src.height(), outW);
        float[] both = resizeColumns(horizontal, outW, src.height(), outH);
        return new GreyImage(outW, outH, both);
    }

    private static float[] resizeRows(float[] in, int inW, int h, int outW) {
        Kernel k = Kernel.of(inW, outW);
        float[] out = new float[outW * h];
        for (int y = 0; y < h; y++) {
            int rowIn = y * inW;
            int rowOut = y * outW;
            for (int x = 0; x < outW; x++) {
                float acc = 0;
                int first = k.first[x];
                float[] w = k.weights[x];
                for (int i = 0; i < w.length; i++) {
                    acc += w[i] * in[rowIn + first + i];
                }
                out[rowOut + x] = acc;
            }
        }
        return out;
    }

    private static float[] resizeColumns(float[] in, int w, int inH, int outH) {
        Kernel k = Kernel.of(inH, outH);
        float[] out = new float[w * outH];
        for (int y = 0; y < outH; y++) {
            int first = k.first[y];
            float[] wt = k.weights[y];
            int rowOut = y * w;
            for (int i = 0; i < wt.length; i++) {
                float c = wt[i];
                int rowIn = (first + i) * w;
                for (int x = 0; x < w; x++) {
                    out[rowOut + x] += c * in[rowIn + x];
                }
            }
        }
        return out;
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
