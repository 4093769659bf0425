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
}
