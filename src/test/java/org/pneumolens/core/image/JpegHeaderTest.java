package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the reduced decoder's header parser refuses (null: the file takes the ImageIO path) and what tables it builds. */
class JpegHeaderTest {
    static final Path SAMPLE = Path.of("sample-images/PNEUMONIA_person1597_bacteria_4193.jpeg");

    static byte[] sample() throws IOException {
        return Files.readAllBytes(SAMPLE);
    }

    /** Index of the byte after {@code FF code} (the segment's length), searching from the start. */
    static int segment(byte[] d, int code) {
        int i = ReducedJpegTest.indexOfMarker(d, 2, code);
        if (i < 0) {
            throw new AssertionError("no marker " + Integer.toHexString(code));
        }
        return i + 2;
    }

    @Test
    void theSampleParses() throws IOException {
        JpegHeader h = JpegHeader.parse(sample());
        assertNotNull(h);
        assertEquals(1736, h.width);
        assertEquals(1368, h.height);
        assertEquals(1, h.components.length);
    }

    @Test
    void otherFrameTypesPrecisionsAndSizesAreRefused() throws IOException {
        for (int type : new int[]{0xC2, 0xC3, 0xC9, 0xCA}) { // progressive, lossless, arithmetic (2)
            byte[] d = sample();
            d[segment(d, 0xC0) - 1] = (byte) type;
            assertNull(JpegHeader.parse(d), Integer.toHexString(type));
        }
        byte[] twelveBit = sample();
        twelveBit[segment(twelveBit, 0xC0) + 2] = 12;
        assertNull(JpegHeader.parse(twelveBit));
        byte[] noHeight = sample(); // height 0: given later by a DNL segment
        int sof = segment(noHeight, 0xC0);
        noHeight[sof + 3] = 0;
        noHeight[sof + 4] = 0;
        assertNull(JpegHeader.parse(noHeight));
        byte[] truncated = java.util.Arrays.copyOf(sample(), segment(sample(), 0xDA) + 3);
        assertNull(JpegHeader.parse(truncated));
    }

    @Test
    void invalidHuffmanTablesAreRefused() {
        int[] counts = new int[16];
        counts[0] = 1;
        counts[1] = 2;
        assertNull(JpegHuffman.build(counts, new int[]{1, 2, 3}), "0, 10, 11: the all-ones code is reserved");
        counts[1] = 1;
        assertNotNull(JpegHuffman.build(counts, new int[]{1, 2})); // 0, 10
        counts[0] = 2;
        assertNull(JpegHuffman.build(counts, new int[]{1, 2, 3}), "overfull: three codes for 0, 1, then length 2");
        int[] allOnes = new int[16];
        allOnes[0] = 2;
        assertNull(JpegHuffman.build(allOnes, new int[]{1, 2}), "codes 0 and 1: the all-ones code is reserved");
        int[] many = new int[16];
        many[15] = 255;
        many[14] = 2;
        assertNull(JpegHuffman.build(many, new int[257]), "more than 256 symbols");
        assertNull(JpegHuffman.build(new int[16], new int[1]), "symbol count not the counts' sum");
    }

    @Test
    void anOverfullTableInTheFileIsRefused() throws IOException {
        byte[] d = sample();
        int dht = segment(d, 0xC4);
        d[dht + 3] = (byte) 3; // three codes of length 1 in the first table
        assertNull(JpegHeader.parse(d));
    }

    @Test
    void aScanWithoutEveryComponentOrAnUnknownOneIsRefused() throws IOException {
        byte[] d = sample();
        int sos = segment(d, 0xDA);
        d[sos + 3] = 9; // component selector that the frame does not have
        assertNull(JpegHeader.parse(d));
    }
}
