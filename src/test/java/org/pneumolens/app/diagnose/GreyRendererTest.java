package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GreyRendererTest {
    private static int grey(int[] lut, double v) {
        return lut[(int) (v * (lut.length - 1))] & 0xff;
    }

    @Test
    void fullWindowIsTheIdentity() {
        int[] lut = GreyRenderer.lut(0.5, 1.0, false);
        assertEquals(0, grey(lut, 0));
        assertEquals(255, grey(lut, 1));
        assertEquals(128, grey(lut, 0.5), 1);
    }

    @Test
    void aNarrowWindowStretchesAroundTheLevelAndClips() {
        int[] lut = GreyRenderer.lut(0.6, 0.2, false);
        assertEquals(0, grey(lut, 0.45));
        assertEquals(128, grey(lut, 0.6), 1);
        assertEquals(255, grey(lut, 0.75));
    }

    @Test
    void invertFlips() {
        int[] lut = GreyRenderer.lut(0.5, 1.0, true);
        assertEquals(255, grey(lut, 0));
        assertEquals(0, grey(lut, 1));
    }

    @Test
    void everyGreyValueMapsToTheEntryOfItsClampedValue() {
        java.util.Random random = new java.util.Random(17);
        float[] px = new float[20_000];
        for (int i = 0; i < px.length; i++) {
            px[i] = i < 256 ? i / 255f : random.nextFloat() * 1.4f - 0.2f; // every 8-bit level, then out of range too
        }
        int[] lut = GreyRenderer.lut(0.4, 0.5, false);
        int[] out = GreyRenderer.pixels(new org.pneumolens.core.image.GreyImage(px.length, 1, px), 0.4, 0.5, false,
                null);
        for (int i = 0; i < px.length; i++) {
            assertEquals(lut[(int) (Math.max(0f, Math.min(1f, px[i])) * (lut.length - 1))], out[i], "pixel " + i);
        }
    }

    @Test
    void pixelsAreTheLookUpOfEachGreyValueOpaqueAndTheDefaultLookIsTheFullRange() {
        float[] px = {0f, 0.25f, 0.5f, 1f, 1.5f, -0.2f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            -1e-5f, 1e12f, 0.99999f};
        org.pneumolens.core.image.GreyImage image = new org.pneumolens.core.image.GreyImage(4, 3, px);
        int[] lut = GreyRenderer.lut(0.6, 0.2, true);
        int[] out = GreyRenderer.pixels(image, 0.6, 0.2, true, null);
        for (int i = 0; i < px.length; i++) {
            assertEquals(lut[(int) (Math.max(0f, Math.min(1f, px[i])) * (lut.length - 1))], out[i], "pixel " + i);
            assertEquals(0xff, out[i] >>> 24, "opaque");
        }
        int[] reuse = new int[px.length];
        assertEquals(reuse, GreyRenderer.pixels(image, 0.5, 1.0, false, reuse), "drawn into the given array");
        org.junit.jupiter.api.Assertions.assertArrayEquals(reuse, GreyRenderer.defaultPixels(image));
        org.junit.jupiter.api.Assertions.assertTrue(GreyRenderer.isDefault(0.5, 1.0, false));
        org.junit.jupiter.api.Assertions.assertFalse(GreyRenderer.isDefault(0.5, 1.0, true));
    }
}
