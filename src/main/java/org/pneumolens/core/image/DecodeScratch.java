package org.pneumolens.core.image;

import java.util.Arrays;

/**
 * Working arrays of the reduced JPEG decoders, kept per thread and reused from file to file. A progressive
 * radiograph's coefficient buffer is 3-5 MB and a reduced plane about 1 MB: allocated afresh for every file they were
 * most of {@code predict}'s garbage (about 1 GB per 1,000 full-size files), and, being larger than half a G1 region,
 * each was a "humongous" allocation that started a concurrent cycle and grew the heap with the number of files.
 * Arrays above {@value #MAX_KEPT} elements are not kept (a rare huge image does not pin its buffer to the thread).
 * Callers use the first {@code n} elements only, and never hand the array out: it is overwritten by the next file.
 */
final class DecodeScratch {
    static final int MAX_KEPT = 16 << 20;
    private static final ThreadLocal<short[]> SHORTS = new ThreadLocal<>();
    private static final ThreadLocal<float[]> FLOATS = new ThreadLocal<>();

    private DecodeScratch() {
    }

    /** At least {@code n} shorts, the first {@code n} of them zero. */
    static short[] shorts(int n) {
        short[] a = SHORTS.get();
        if (a == null || a.length < n) {
            a = new short[n];
            if (n <= MAX_KEPT) {
                SHORTS.set(a);
            }
            return a;
        }
        Arrays.fill(a, 0, n, (short) 0);
        return a;
    }

    /** At least {@code n} floats, their values left from the last use: the caller writes each one it reads. */
    static float[] floats(int n) {
        float[] a = FLOATS.get();
        if (a == null || a.length < n) {
            a = new float[n];
            if (n <= MAX_KEPT) {
                FLOATS.set(a);
            }
        }
        return a;
    }
}
