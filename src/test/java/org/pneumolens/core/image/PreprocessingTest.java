package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void squashesWithoutCropOrPadding() {
        // A wide image whose left quarter is white: after squashing to a square the white band must still be the
        // left quarter (a crop would lose it, padding would shrink it).
        int w = 400, h = 200;
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w / 4; x++) px[y * w + x] = 1f;
        GreyImage out = Preprocessing.standard(64).squash(new GreyImage(w, h, px));
        assertEquals(64, out.width());
        assertEquals(64, out.height());
        assertEquals(1f, out.get(5, 32), 1e-3);
        assertEquals(0f, out.get(30, 32), 1e-3);
        assertEquals(1f, out.get(5, 0), 1e-3); // full height kept
    }

    @Test
    void resizeOfConstantImageIsConstantAndMeanIsKept() {
        float[] px = new float[300 * 170];
        java.util.Arrays.fill(px, 0.37f);
        GreyImage out = Resampler.resize(new GreyImage(300, 170, px), 224, 224);
        for (float v : out.pixels()) assertEquals(0.37f, v, 1e-5);

        float[] ramp = new float[100 * 100];
        for (int i = 0; i < ramp.length; i++) ramp[i] = (i % 100) / 99f;
        GreyImage small = Resampler.resize(new GreyImage(100, 100, ramp), 10, 10);
        double mean = 0;
        for (float v : small.pixels()) mean += v / small.pixels().length;
        assertEquals(0.5, mean, 0.01);
    }

    @Test
    void normalizesWithStoredMeanAndStd() {
        Preprocessing p = new Preprocessing(8, 224, 0.5f, 0.25f);
        float[] out = p.normalize(new float[]{0f, 0.5f, 1f});
        assertEquals(-2f, out[0], 1e-6);
        assertEquals(0f, out[1], 1e-6);
        assertEquals(2f, out[2], 1e-6);
    }
}
