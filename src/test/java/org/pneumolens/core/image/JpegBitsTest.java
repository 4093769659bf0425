package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JpegBits} against a bit-at-a-time reference: the same bits for random data with stuffed {@code FF 00}
 * bytes, runs of them, a marker and the end of the array anywhere, whether the 8-byte fast fill or the byte loop
 * supplies them, read in random chunks through {@code bits}, {@code peek16} and {@code skip}.
 */
class JpegBitsTest {
    /** The data bits as the reader must give them: stuffing removed, then zeros from a marker or the end on. */
    static List<Integer> referenceBits(byte[] d, int start, int n) {
        List<Integer> out = new ArrayList<>();
        int p = start;
        boolean stopped = false;
        while (out.size() < n) {
            int b = 0;
            if (!stopped && p < d.length) {
                b = d[p] & 0xFF;
                if (b == 0xFF) {
                    if (p + 1 < d.length && d[p + 1] == 0) {
                        p += 2;
                    } else {
                        stopped = true;
                        b = 0;
                    }
                } else {
                    p++;
                }
            } else {
                stopped = true;
            }
            for (int i = 7; i >= 0; i--) {
                out.add((b >> i) & 1);
            }
        }
        return out;
    }

    @Test
    void fastAndSlowFillsGiveTheReferenceBits() {
        Random r = new Random(5);
        for (int trial = 0; trial < 400; trial++) {
            byte[] d = new byte[8 + r.nextInt(120)];
            for (int i = 0; i < d.length; i++) {
                int kind = r.nextInt(10);
                d[i] = (byte) (kind == 0 ? 0xFF : r.nextInt(256));
                if (kind == 0 && i + 1 < d.length && r.nextInt(8) != 0) {
                    d[++i] = 0; // mostly stuffing, sometimes a marker
                }
            }
            int start = r.nextInt(4);
            int total = (d.length + 4) * 8;
            List<Integer> ref = referenceBits(d, start, total + 32);
            JpegBits bits = new JpegBits(d, start);
            int at = 0;
            while (at < total) {
                int n = r.nextInt(17);
                if (r.nextBoolean()) {
                    int v = bits.bits(n);
                    assertEquals(value(ref, at, n), v, "trial " + trial + " at bit " + at);
                } else {
                    assertEquals(value(ref, at, 16), bits.peek16(), "trial " + trial + " peek at bit " + at);
                    bits.skip(n);
                }
                at += n;
            }
        }
    }

    private static int value(List<Integer> ref, int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = v << 1 | ref.get(at + i);
        }
        return v;
    }
}
