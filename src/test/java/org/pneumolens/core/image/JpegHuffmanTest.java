package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pneumolens.app.TestData;

/**
 * The AC walks of {@link JpegBits} ({@code skipAc}, {@code decodeAc}: look-up tables, bit buffer in locals) against a
 * walk code by code through {@link JpegHuffman#lookup} and the reader's field-based {@code peek16 / skip / bits}:
 * the same coefficients, the same verdict on damaged data and the same bits consumed, for the tables of real
 * radiographs and for random tables with codes up to 16 bits, over random bits.
 */
class JpegHuffmanTest {
    private static final int FAILED = -1;

    @Test
    void extendGivesTheCoefficientOfEveryMagnitudePattern() {
        for (int size = 1; size <= 15; size++) {
            for (int v = 0; v < 1 << size; v++) {
                int expected = v < 1 << (size - 1) ? v - (1 << size) + 1 : v; // T.81 F.2.2.1
                assertEquals(expected, ScaledJpegDecoder.extend(v, size), "size " + size + ", bits " + v);
            }
        }
        assertEquals(0, ScaledJpegDecoder.extend(0, 0));
    }

    @Test
    void walksMatchTheCodeByCodeReferenceOnRealTables() throws Exception {
        for (String f : List.of("val/NORMAL/IM-0011-0001-0001.jpeg", "val/PNEUMONIA/person100_bacteria_475.jpeg")) {
            JpegHeader header = JpegHeader.parse(Files.readAllBytes(TestData.fixture(f)));
            assertNotNull(header, f);
            compareOnRandomBits(header.components[0].ac, new Random(f.hashCode()), 3000);
        }
    }

    @Test
    void walksMatchTheCodeByCodeReferenceOnRandomTablesWithLongCodes() {
        Random random = new Random(5);
        int built = 0;
        while (built < 40) {
            JpegHuffman table = randomTable(random);
            if (table != null) {
                compareOnRandomBits(table, random, 300);
                built++;
            }
        }
    }

    /** Counts a DHT segment may hold but no prefix code has: refused, whatever the length they overfill. */
    @Test
    void overfullCountsAreRefused() {
        for (int len = 1; len <= 8; len++) {
            int[] counts = new int[16];
            counts[len - 1] = 1 << len; // every code of that length, the all-ones one included
            assertEquals(null, JpegHuffman.build(counts, new int[1 << len]), "length " + len);
        }
        int[] counts = new int[16];
        counts[0] = 5; // five codes of one bit, past the look-up table
        assertEquals(null, JpegHuffman.build(counts, new int[5]));
    }

    private static void compareOnRandomBits(JpegHuffman ac, Random random, int streams) {
        int[] quant = new int[64];
        for (int k = 0; k < 64; k++) {
            quant[k] = 1 + random.nextInt(4);
        }
        int failures = 0;
        for (int s = 0; s < streams; s++) {
            byte[] data = new byte[64 + random.nextInt(64)];
            random.nextBytes(data);
            for (int i = 0; i < data.length; i++) {
                if (data[i] == (byte) 0xFF) {
                    data[i] = (byte) 0xFE; // no markers: the reader's stuffing is JpegBitsTest's
                }
            }
            int blocks = 1 + random.nextInt(4);
            JpegBits ref = new JpegBits(data, 0);
            JpegBits skip = new JpegBits(data, 0);
            JpegBits dec = new JpegBits(data, 0);
            for (int b = 0; b < blocks; b++) {
                float[] expected = new float[64];
                boolean refOk = reference(ref, ac, quant, expected);
                boolean skipOk = skip.skipAc(ac);
                float[] got = new float[64];
                boolean decOk = dec.decodeAc(ac, quant, got, IDENTITY, 64);
                assertEquals(refOk, skipOk, "skipAc's verdict, stream " + s + " block " + b);
                assertEquals(refOk, decOk, "decodeAc's verdict, stream " + s + " block " + b);
                if (!refOk) {
                    failures++;
                    break; // a decoder stops at damaged data; what was consumed then does not matter
                }
                assertArrayEquals(expected, got, "coefficients, stream " + s + " block " + b);
                int next = ref.peek16();
                assertEquals(next, skip.peek16(), "skipAc consumed the same bits");
                assertEquals(next, dec.peek16(), "decodeAc consumed the same bits");
            }
        }
        assertTrue(failures < streams * 9 / 10, failures + " of " + streams
                + " streams refused: too few decode for the coefficients to be compared");
    }

    /** Coefficient k to natural position NATURAL[k] with weight 1: decodeAc then writes the dequantised block. */
    private static final float[] IDENTITY = identity();

    private static float[] identity() {
        float[] w = new float[64 * 64];
        for (int i = 0; i < 64; i++) {
            w[i * 64 + i] = 1f;
        }
        return w;
    }

    /** One block's AC codes read one by one, as T.81 F.2.2.2 decodes them; false where the decoders refuse. */
    private static boolean reference(JpegBits bits, JpegHuffman ac, int[] quant, float[] out) {
        for (int k = 1; k < 64; k++) {
            int e = ac.lookup(bits.peek16());
            if (e < 0) {
                return false;
            }
            int run = (e >> 4) & 15;
            int size = e & 15;
            bits.skip(e >>> 8);
            if (size == 0) {
                if (run != 15) {
                    return true;
                }
                k += 15;
                continue;
            }
            k += run;
            if (k > 63 || size > 10) {
                return false;
            }
            int v = bits.bits(size);
            int value = v < 1 << (size - 1) ? v - (1 << size) + 1 : v;
            out[JpegHeader.NATURAL[k]] += value * quant[k];
        }
        return true;
    }

    /** A random complete-ish prefix code of up to 256 symbols (runs 0-15, sizes 0-11), or null if build refuses it. */
    private static JpegHuffman randomTable(Random random) {
        int[] counts = new int[16];
        double room = 1.0;
        int total = 0;
        for (int len = 1; len <= 16; len++) { // nearly complete: random bits then mostly form codes
            int max = Math.max(0, (int) Math.floor(room * (1 << len)) - (len == 16 ? 1 : 0));
            int n = Math.max(0, Math.min(200 - total, max - 1 - random.nextInt(Math.max(1, max / 4))));
            counts[len - 1] = n;
            room -= n / (double) (1 << len);
            total += n;
        }
        List<Integer> symbols = new ArrayList<>();
        symbols.add(0xF0);
        symbols.add(0xBB); // a magnitude of 11 bits: refused wherever a stream reaches it
        while (symbols.size() < Math.max(total, 2)) { // mostly short runs, as in real scans, so blocks fit 63
            int run = random.nextInt(10) < 8 ? random.nextInt(3) : random.nextInt(16);
            int sym = run << 4 | 1 + random.nextInt(10);
            if (!symbols.contains(sym)) {
                symbols.add(sym);
            }
        }
        java.util.Collections.shuffle(symbols, random);
        symbols.add(random.nextInt(3), 0x00); // end of block among the short codes
        return JpegHuffman.build(counts, symbols.subList(0, total).stream().mapToInt(Integer::intValue).toArray());
    }
}
