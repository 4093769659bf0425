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
    /** {@link #fastAc} flags: end of block, sixteen zeros. */
    static final int EOB = 0x100;
    static final int ZRL = 0x200;
    /**
     * For an AC table, each {@value #LOOKAHEAD}-bit prefix that holds a whole code and its magnitude bits (the common
     * small coefficients): {@code value << 16 | run << 4 | bits used}, the value already sign-extended; a short end of
     * block or sixteen-zeros code as {@code EOB | bits used} or {@code ZRL | bits used}; else 0.
     */
    final int[] fastAc = new int[1 << LOOKAHEAD];
    /**
     * {@link #skip} entries' layout: bits used (code and magnitude) in the low 5, the zero run above them, the two
     * flags, then the magnitude's size.
     */
    static final int SKIP_RUN_SHIFT = 5;
    static final int SKIP_EOB = 0x200;
    static final int SKIP_ZRL = 0x400;
    static final int SKIP_SIZE_SHIFT = 11;
    /** The longest prefix {@link #skip} looks at: the skip needs the code, not its magnitude bits, in the table. */
    static final int SKIP_LOOKAHEAD = 10;
    /**
     * For an AC table, each {@value #SKIP_LOOKAHEAD}-bit prefix that starts with a whole code: the bits that code and
     * its magnitude take, its zero run, or {@link #SKIP_EOB} / {@link #SKIP_ZRL} (layout above); 0 if the code is
     * longer, or says a magnitude of more than 10 bits (no baseline coefficient has one: the search path refuses it).
     * What {@link JpegBits#skipAc} walks when only the DC coefficient is kept: unlike {@link #fastAc} a large
     * coefficient needs no second look-up, and in the samples at quality 96 most are large.
     */
    final int[] skip = new int[1 << SKIP_LOOKAHEAD];
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
            if (n < 0 || code + n >= 1 << len) {
                return null; // overfull, or the all-ones code used: refused before any entry is written
            }
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
            code <<= 1;
        }
        t.maxCode[17] = Integer.MAX_VALUE; // sentinel: no code is longer than 16 bits
        for (int p = 0; p < 1 << LOOKAHEAD; p++) {
            int f = t.fast[p];
            int len = f >>> 8;
            int size = f & 15;
            if (f != 0 && (f & 0xFF) == 0x00) {
                t.fastAc[p] = EOB | len;
            } else if (f != 0 && (f & 0xFF) == 0xF0) {
                t.fastAc[p] = ZRL | len;
            } else if (f != 0 && size != 0 && len + size <= LOOKAHEAD) {
                int raw = (p >>> (LOOKAHEAD - len - size)) & ((1 << size) - 1);
                int value = raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;
                t.fastAc[p] = value << 16 | ((f >> 4) & 15) << 4 | (len + size);
            }
        }
        for (int p = 0; p < 1 << SKIP_LOOKAHEAD; p++) {
            int e = t.lookup(p << (16 - SKIP_LOOKAHEAD));
            int len = e >>> 8;
            if (e < 0 || len > SKIP_LOOKAHEAD) {
                continue; // longer codes (and no code at all) take the search
            }
            int run = (e >> 4) & 15;
            int size = e & 15;
            if (size == 0) {
                t.skip[p] = (run == 15 ? SKIP_ZRL : SKIP_EOB) | len; // any other run ends the block, as in libjpeg
            } else if (size <= 10) {
                t.skip[p] = size << SKIP_SIZE_SHIFT | run << SKIP_RUN_SHIFT | (len + size);
            }
        }
        return t;
    }

    /**
     * The next code without consuming it: {@code length << 8 | symbol}, or -1 if the bits are no code of this table
     * (damaged data). The caller skips {@code length} bits, plus any magnitude bits that follow, in one go.
     */
    int peek(JpegBits bits) {
        return lookup(bits.peek16());
    }

    /** {@link #peek} for the reader's next 16 bits, {@code peek}, already in hand. */
    int lookup(int peek) {
        int f = fast[peek >>> (16 - LOOKAHEAD)];
        if (f != 0) {
            return f;
        }
        for (int len = LOOKAHEAD + 1; len <= 16; len++) {
            int code = peek >>> (16 - len);
            if (code <= maxCode[len]) {
                return len << 8 | symbols[valueOffset[len] + code];
            }
        }
        return -1;
    }
}
