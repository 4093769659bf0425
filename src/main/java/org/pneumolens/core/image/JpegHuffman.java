package org.pneumolens.core.image;

/**
 * One JPEG Huffman table (ITU T.81 Annex C), built from a DHT segment's 16 code counts and its symbols, and refused
 * ({@link #build} answers null) unless it is a valid prefix code: at most 256 symbols, no length overfull, and no
 * code of all ones (libjpeg refuses that too). Codes up to {@value #LOOKAHEAD} bits are found with one table
 * look-up, longer ones (rare) by the canonical maxcode search.
 */
final class JpegHuffman {
    static final int LOOKAHEAD = 9;

    /** For each {@value #LOOKAHEAD}-bit prefix: {@code length << 8 | symbol}, or 0 if the code is longer. */
    private final int[] fast = new int[1 << LOOKAHEAD];
    private final int[] maxCode = new int[18];
    private final int[] valueOffset = new int[17];
    private final int[] symbols;

    private JpegHuffman(int[] symbols) {
        this.symbols = symbols;
    }

    /**
     * @param counts  {@code counts[l]} codes of length {@code l + 1}, l in 0..15
     * @param symbols the symbols in code order, exactly as many as the counts add up to
     * @return the table, or null if the counts do not form a valid prefix code
     */
    static JpegHuffman build(int[] counts, int[] symbols) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        if (counts.length != 16 || total > 256 || total != symbols.length) {
            return null;
        }
        JpegHuffman t = new JpegHuffman(symbols.clone());
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len - 1];
            t.valueOffset[len] = k - code;
            for (int i = 0; i < n; i++, k++, code++) {
                if (len <= LOOKAHEAD) {
                    int shift = LOOKAHEAD - len;
                    for (int p = code << shift; p < (code + 1) << shift; p++) {
                        t.fast[p] = len << 8 | symbols[k];
                    }
                }
            }
            t.maxCode[len] = n == 0 ? -1 : code - 1;
            if (code >= 1 << len) {
                return null; // overfull, or the all-ones code used
            }
            code <<= 1;
        }
        t.maxCode[17] = Integer.MAX_VALUE; // sentinel: no code is longer than 16 bits
        return t;
    }

    /** The next symbol, or -1 if the bits are no code of this table (damaged data). */
    int decode(JpegBits bits) {
        int peek = bits.peek16();
        int f = fast[peek >>> (16 - LOOKAHEAD)];
        if (f != 0) {
            bits.skip(f >>> 8);
            return f & 0xFF;
        }
        for (int len = LOOKAHEAD + 1; len <= 16; len++) {
            int code = peek >>> (16 - len);
            if (code <= maxCode[len]) {
                bits.skip(len);
                return symbols[valueOffset[len] + code];
            }
        }
        return -1;
    }
}
