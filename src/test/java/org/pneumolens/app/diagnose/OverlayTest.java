package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pneumolens.core.model.GradCam;

class OverlayTest {
    /** A 4x4 map, hot only in its top-left cell, for a wide image: the colour must sit in the image's top-left. */
    @Test
    void theColouredMapCoversTheWholeImageAndKeepsItsGeometry() {
        float[] values = new float[16];
        values[0] = 1f;
        Overlay o = Overlay.of("PNEUMONIA", new GradCam.Heatmap(4, 4, values), 2000, 1000);

        assertEquals(Overlay.MAX_SIDE, o.width(), "capped longest side");
        assertEquals(Overlay.MAX_SIDE / 2, o.height(), "same aspect ratio as the image");
        int hottest = 0;
        for (int i = 1; i < o.argb().length; i++) {
            if (alpha(o.argb()[i]) > alpha(o.argb()[hottest])) {
                hottest = i;
            }
        }
        int x = hottest % o.width();
        int y = hottest / o.width();
        assertTrue(x < o.width() / 4 && y < o.height() / 4, "peak at " + x + "," + y);
        assertEquals(0, alpha(o.argb()[o.argb().length - 1]), "no saliency: fully transparent");
    }

    /**
     * Why the map may be coloured small: the viewer's bilinear stretch of it to 1024 px gives, within 2 of 255 alpha
     * levels, the map coloured at 1024 px itself (a smooth 10x10 map; the sampling positions as in the viewer).
     */
    @Test
    void theStretchedMapLooksLikeOneColouredAtTheLargerSize() {
        java.util.Random random = new java.util.Random(3);
        float[] values = new float[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        GradCam.Heatmap map = new GradCam.Heatmap(10, 10, values);
        int side = Overlay.MAX_SIDE;
        int large = 1024;
        Overlay small = Overlay.of("NORMAL", map, side, side);
        Overlay fine = new Overlay("NORMAL", large, large, upsampledArgb(map, large));
        double s = (double) side / large;
        int worst = 0;
        for (int y = 0; y < large; y++) {
            for (int x = 0; x < large; x++) {
                double fx = Math.min(side - 1, Math.max(0, (x + 0.5) * s - 0.5));
                double fy = Math.min(side - 1, Math.max(0, (y + 0.5) * s - 0.5));
                int x0 = (int) fx;
                int y0 = (int) fy;
                int x1 = Math.min(side - 1, x0 + 1);
                int y1 = Math.min(side - 1, y0 + 1);
                double wx = fx - x0;
                double wy = fy - y0;
                int[] a = small.argb();
                double stretched = (alpha(a[y0 * side + x0]) * (1 - wx) + alpha(a[y0 * side + x1]) * wx) * (1 - wy)
                        + (alpha(a[y1 * side + x0]) * (1 - wx) + alpha(a[y1 * side + x1]) * wx) * wy;
                worst = Math.max(worst, (int) Math.abs(Math.round(stretched) - alpha(fine.argb()[y * large + x])));
            }
        }
        assertTrue(worst <= 2, "largest alpha difference " + worst);
    }

    /** The map's bilinear upsampling at {@code size} coloured pixel by pixel: alpha only, which is what is compared. */
    private static int[] upsampledArgb(GradCam.Heatmap map, int size) {
        float[] up = map.upsample(size, size);
        int[] argb = new int[size * size];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = (int) (Math.max(0, Math.min(1, up[i])) * 255 + 0.5) << 24;
        }
        return argb;
    }

    /** The single pass over the pixels gives what upsampling and colouring pixel by pixel gave, premultiplied. */
    @Test
    void eachPixelIsTheUpsampledSaliencyColouredAndPremultiplied() {
        java.util.Random random = new java.util.Random(17);
        float[] values = new float[14 * 14];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 1.2f - 0.1f; // a few outside [0, 1]: clamped
        }
        GradCam.Heatmap map = new GradCam.Heatmap(14, 14, values);
        Overlay o = Overlay.of("NORMAL", map, 1700, 1200);
        float[] up = map.upsample(o.width(), o.height());
        int differing = 0;
        for (int i = 0; i < up.length; i++) {
            double v = Math.max(0, Math.min(1, up[i]));
            int a = (int) Math.round(v * 255);
            int rgb = ColorMap.rgb(v);
            int got = alpha(o.argb()[i]);
            assertEquals(a, got, 1, "alpha at " + i + " (rows first, then columns: float rounding apart)");
            if (got == a) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int expected = (int) Math.round((rgb >> shift & 0xff) * a / 255.0);
                    assertEquals(expected, o.argb()[i] >> shift & 0xff, 1, "channel " + shift + " at " + i);
                }
            } else {
                differing++;
            }
        }
        assertTrue(differing < up.length / 1000, differing + " pixels one level apart");
    }

    @Test
    void colourMapRunsFromDarkToBrightAndClamps() {
        assertEquals(0x000004, ColorMap.rgb(0));
        assertEquals(0xfcffa4, ColorMap.rgb(1));
        assertEquals(ColorMap.rgb(1), ColorMap.rgb(7));
        double previous = -1;
        for (int i = 0; i <= 10; i++) { // inferno's lightness rises monotonically
            int c = ColorMap.rgb(i / 10.0);
            double luma = 0.299 * (c >> 16 & 0xff) + 0.587 * (c >> 8 & 0xff) + 0.114 * (c & 0xff);
            assertTrue(luma > previous, "luma at " + i / 10.0);
            previous = luma;
        }
    }

    private static int alpha(int argb) {
        return argb >>> 24;
    }
}
