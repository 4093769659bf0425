package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class JpegMarkersTest {
    /** The byte-by-byte walk entropyEnd had before it learned to skip eight bytes at a time. */
    private static int reference(byte[] d, int from) {
        int p = from;
        while (p + 1 < d.length) {
            if ((d[p] & 0xFF) != 0xFF) {
                p++;
                continue;
            }
            int code = d[p + 1] & 0xFF;
            if (code == 0xFF) {
                p++;
            } else if (code == 0 || (code >= 0xD0 && code <= 0xD7)) {
                p += 2;
            } else {
                return p + 1;
            }
        }
        return -1;
    }

    @Test
    void entropyEndFindsTheSameMarkerAsAByteByByteWalk() {
        Random r = new Random(17);
        int[] specials = {0xFF, 0x00, 0xD0, 0xD7, 0xD9, 0xC4, 0xFF};
        for (int trial = 0; trial < 5_000; trial++) {
            byte[] d = new byte[1 + r.nextInt(80)];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) r.nextInt(0xFF); // no FF but where placed below
            }
            int marks = r.nextInt(4);
            for (int m = 0; m < marks; m++) {
                int at = r.nextInt(d.length);
                d[at] = (byte) 0xFF;
                if (at + 1 < d.length) { // stuffing, a restart, a fill byte or a real marker after it
                    d[at + 1] = (byte) specials[r.nextInt(specials.length)];
                }
            }
            int from = r.nextInt(d.length);
            assertEquals(reference(d, from), JpegMarkers.entropyEnd(d, from), "trial " + trial);
        }
    }

    @Test
    void anFfInTheLastByteOfAnEightByteRunIsNotSkipped() {
        byte[] d = new byte[24];
        d[7] = (byte) 0xFF;
        d[8] = (byte) 0xD9;
        assertEquals(8, JpegMarkers.entropyEnd(d, 0));
        d[8] = 0; // stuffing: the walk goes on to the end without a marker
        assertEquals(-1, JpegMarkers.entropyEnd(d, 0));
        d[22] = (byte) 0xFF;
        d[23] = (byte) 0xDA;
        assertEquals(23, JpegMarkers.entropyEnd(d, 0));
    }
}
