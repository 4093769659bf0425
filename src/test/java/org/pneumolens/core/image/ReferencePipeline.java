package org.pneumolens.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The decode, grey conversion and resize as they were before they were made fast (issue 6): straightforward code
 * kept only so that tests can hold the fast path to the same pixels. Error handling is left out; the decoder's own
 * tests cover it.
 */
final class ReferencePipeline {
    private ReferencePipeline() {
    }

    static GreyImage decodeGrey(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                return toGrey(reader.read(0));
            } finally {
                reader.dispose();
            }
        }
    }

    static GreyImage toGrey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[w * h];
        Raster raster = img.getRaster();
        ColorModel cm = img.getColorModel();
        int bands = raster.getNumBands();
        int transfer = raster.getDataBuffer().getDataType();
        boolean directGrey = bands == 1 && !(cm instanceof IndexColorModel)
                && (transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT);
        if (directGrey) {
            float max = (1 << cm.getComponentSize(0)) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = row[x] / max;
                }
            }
        } else {
            int[] argb = new int[w];
            for (int y = 0; y < h; y++) {
                img.getRGB(0, y, w, 1, argb, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = argb[x];
                    int r = (p >> 16) & 0xff;
                    int g = (p >> 8) & 0xff;
                    int b = p & 0xff;
                    out[y * w + x] = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
                }
            }
        }
        return new GreyImage(w, h, out);
    }

    /** Horizontal pass over every input row, then vertical pass, each into a new float image. */
    static GreyImage resize(GreyImage src, int outW, int outH) {
        if (src.width() == outW && src.height() == outH) {
            return src;
        }
        float[] horizontal = resizeRows(src.pixels(), src.width(), src.height(), outW);
        return new GreyImage(outW, outH, resizeColumns(horizontal, outW, src.height(), outH));
    }

    private static float[] resizeRows(float[] in, int inW, int h, int outW) {
        float[][] k = weights(inW, outW);
        int[] first = firsts(inW, outW);
        float[] out = new float[outW * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                float acc = 0;
                for (int i = 0; i < k[x].length; i++) {
                    acc += k[x][i] * in[y * inW + first[x] + i];
                }
                out[y * outW + x] = acc;
            }
        }
        return out;
    }

    private static float[] resizeColumns(float[] in, int w, int inH, int outH) {
        float[][] k = weights(inH, outH);
        int[] first = firsts(inH, outH);
        float[] out = new float[w * outH];
        for (int y = 0; y < outH; y++) {
            for (int i = 0; i < k[y].length; i++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] += k[y][i] * in[(first[y] + i) * w + x];
                }
            }
        }
        return out;
    }

    private static int[] firsts(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double support = Math.max(1.0, scale);
        int[] first = new int[outSize];
        for (int o = 0; o < outSize; o++) {
            first[o] = Math.max(0, (int) Math.floor((o + 0.5) * scale - support));
        }
        return first;
    }

    /** Triangle of radius max(1, scale) around each output centre, normalised to sum 1. */
    private static float[][] weights(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double support = Math.max(1.0, scale);
        float[][] weights = new float[outSize][];
        for (int o = 0; o < outSize; o++) {
            double center = (o + 0.5) * scale;
            int lo = Math.max(0, (int) Math.floor(center - support));
            int hi = Math.min(inSize - 1, (int) Math.ceil(center + support));
            float[] w = new float[hi - lo + 1];
            double sum = 0;
            for (int i = lo; i <= hi; i++) {
                double v = Math.max(0, 1 - Math.abs((i + 0.5 - center) / support));
                w[i - lo] = (float) v;
                sum += v;
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (w[i] / sum);
            }
            weights[o] = w;
        }
        return weights;
    }
}
