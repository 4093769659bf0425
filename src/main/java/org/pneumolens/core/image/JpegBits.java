package org.pneumolens.core.image;

/**
 * The entropy-coded bits of one JPEG scan, most significant first, with byte stuffing ({@code FF 00}) removed. At a
 * marker or the end of the array it supplies zero bits, as libjpeg does, and counts them: {@link #overrun()} then
 * says the decoder used bits the file does not have (truncated or damaged data). Never reads outside the array.
 */
final class JpegBits {
    private final byte[] data;
    private int pos;
    private long buffer; // left-justified: the next bit is bit 63
    private int count;   // valid bits in buffer, real and padding
    private int padding; // zero bits appended after a marker or the end; always the last ones in the buffer
    private boolean atMarker;

    JpegBits(byte[] data, int start) {
        this.data = data;
        this.pos = start;
    }

    private void fill() {
        if (!atMarker && count <= 56 && pos + 8 <= data.length) {
            // The common case: the next 8 bytes hold no FF (no stuffing, no marker), so as many of them as fit go in
            // at once.
            long v = (long) JpegMarkers.LONG_BE.get(data, pos);
            if (JpegMarkers.noFf(v)) {
                int take = (64 - count) >>> 3;
                int bits = take << 3;
                buffer |= bits == 64 ? v : (v >>> (64 - bits)) << (64 - bits - count);
                pos += take;
                count += bits;
                return;
            }
        }
        while (count <= 56) {
            int b = 0;
            if (atMarker || pos >= data.length) {
                atMarker = true;
                padding += 8;
            } else {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    if (pos + 1 < data.length && data[pos + 1] == 0) {
                        pos += 2;
                    } else {
                        atMarker = true; // pos stays on the marker's FF
                        b = 0;
                        padding += 8;
                    }
                } else {
                    pos++;
                }
            }
            buffer |= (long) b << (56 - count);
            count += 8;
        }
    }

    /** The next 16 bits without consuming them. */
    int peek16() {
        if (count < 16) {
            fill();
        }
        return (int) (buffer >>> 48);
    }

    void skip(int n) {
        if (count < n) {
            fill();
        }
        buffer <<= n;
        count -= n;
    }

    /** The next {@code n} bits (0..32) as an unsigned number. */
    int bits(int n) {
        if (n == 0) {
            return 0;
        }
        if (count < n) {
            fill();
        }
        int v = (int) (buffer >>> (64 - n)); // n <= 32 fits an int
        buffer <<= n;
        count -= n;
        return v;
    }

    /**
     * Skips one block's AC codes (zig-zag positions 1 to 63) of table {@code ac}: the decoder's innermost loop whenever
     * only the DC coefficient is kept (at 1/8, and for every chroma block). The same bits are consumed as when each
     * coefficient is decoded; the bit buffer stays in local variables for the whole block instead of going through
     * the fields for every code, which took 15-30 % off the Huffman walk of the samples (docs/performance.md, session
     * 10). The decoder's 1/2 and 1/4 paths, which keep every coefficient, stay on {@link #peek16}: staging the
     * coefficients in arrays for them measured slower.
     *
     * @return false on a bit pattern that is no code of the table or a coefficient past position 63;
     * {@link #overrun()} still tells whether the data ran out
     */
    boolean skipAc(JpegHuffman ac) {
        int[] skip = ac.skip;
        long buf = buffer;
        int cnt = count;
        boolean ok = true;
        for (int k = 1; k < 64; k++) {
            if (cnt < 32) { // after fill() at least 57 bits are there (zero padding past the data's end)
                buffer = buf;
                count = cnt;
                fill();
                buf = buffer;
                cnt = count;
            }
            int s = skip[(int) (buf >>> (64 - JpegHuffman.SKIP_LOOKAHEAD))];
            if (s != 0) { // a code of up to SKIP_LOOKAHEAD bits: its length and magnitude size in one look-up
                int used = s & 31;
                buf <<= used;
                cnt -= used;
                if ((s & JpegHuffman.SKIP_EOB) != 0) {
                    break;
                }
                if ((s & JpegHuffman.SKIP_ZRL) != 0) {
                    k += 15;
                    continue;
                }
                k += (s >> JpegHuffman.SKIP_RUN_SHIFT) & 15;
                if (k > 63) {
                    ok = false;
                    break;
                }
                continue;
            }
            int e = ac.lookup((int) (buf >>> 48));
            if (e < 0) {
                ok = false;
                break;
            }
            int run = (e >> 4) & 15;
            int sz = e & 15;
            int used = (e >>> 8) + sz; // at most 16 + 15 bits, fewer than the 32 there
            buf <<= used;
            cnt -= used;
            if (sz == 0) {
                if (run != 15) {
                    break; // end of block
                }
                k += 15; // sixteen zeros
                continue;
            }
            k += run;
            if (k > 63 || sz > 10) {
                ok = false;
                break;
            }
        }
        buffer = buf;
        count = cnt;
        return ok;
    }

    /**
     * Decodes one block's AC coefficients (zig-zag 1 to 63) of table {@code ac} and adds each, dequantised with
     * {@code quant}, to the block's reduced pixels ({@link ScaledJpegDecoder#addCoefficient}): the 1/2 and 1/4 paths.
     * The bit buffer stays in local variables, as in {@link #skipAc}.
     *
     * @return false on a bit pattern that is no code of the table, a coefficient past position 63 or one of more than
     * 10 bits; {@link #overrun()} still tells whether the data ran out
     */
    boolean decodeAc(JpegHuffman ac, int[] quant, float[] pixels, float[] w, int nn) {
        int[] skip = ac.skip;
        long buf = buffer;
        int cnt = count;
        boolean ok = true;
        for (int k = 1; k < 64; k++) {
            if (cnt < 32) {
                buffer = buf;
                count = cnt;
                fill();
                buf = buffer;
                cnt = count;
            }
            int s = skip[(int) (buf >>> (64 - JpegHuffman.SKIP_LOOKAHEAD))];
            int used;
            int size;
            if (s != 0) {
                used = s & 31;
                if ((s & (JpegHuffman.SKIP_EOB | JpegHuffman.SKIP_ZRL)) != 0) {
                    buf <<= used;
                    cnt -= used;
                    if ((s & JpegHuffman.SKIP_EOB) != 0) {
                        break;
                    }
                    k += 15;
                    continue;
                }
                size = s >>> JpegHuffman.SKIP_SIZE_SHIFT;
                k += (s >> JpegHuffman.SKIP_RUN_SHIFT) & 15;
            } else {
                int e = ac.lookup((int) (buf >>> 48));
                if (e < 0) {
                    ok = false;
                    break;
                }
                size = e & 15;
                used = (e >>> 8) + size;
                if (size == 0) {
                    buf <<= used;
                    cnt -= used;
                    if (((e >> 4) & 15) != 15) {
                        break; // end of block
                    }
                    k += 15;
                    continue;
                }
                k += (e >> 4) & 15;
                if (size > 10) {
                    ok = false;
                    break;
                }
            }
            if (k > 63) {
                ok = false;
                break;
            }
            int raw = (int) ((buf << (used - size)) >>> (64 - size));
            buf <<= used;
            cnt -= used;
            ScaledJpegDecoder.addCoefficient(pixels, w, nn, k, ScaledJpegDecoder.extend(raw, size) * quant[k]);
        }
        buffer = buf;
        count = cnt;
        return ok;
    }

    /** Whether padding bits were consumed: the data ended, or a marker came, before the decoder was done. */
    boolean overrun() {
        return count < padding;
    }

    /**
     * Ends an entropy-coded segment: fewer than 8 unused data bits (the encoder's padding) may remain, then the marker
     * {@code FF code} (fill bytes {@code FF} before it allowed) must follow. Returns whether it did; the reader is then
     * just past it, ready for the next segment.
     */
    boolean endSegment(int code) {
        int p = markerAfterData();
        if (p < 0 || (data[p] & 0xFF) != code) {
            return false;
        }
        pos = p + 1;
        buffer = 0;
        count = 0;
        padding = 0;
        atMarker = false;
        return true;
    }

    /**
     * Ends a scan: as {@link #endSegment}, fewer than 8 unused data bits may remain, then a marker other than a
     * restart marker must follow. Returns the index of that marker's code byte (after any fill bytes {@code FF}), or
     * -1 if the data was overrun or does not end there.
     */
    int endScan() {
        int p = markerAfterData();
        if (p < 0 || data[p] == 0 || ((data[p] & 0xFF) >= 0xD0 && (data[p] & 0xFF) <= 0xD7)) {
            return -1;
        }
        return p;
    }

    /** The code byte's index of the marker right after the data used (less than a byte of it left), or -1. */
    private int markerAfterData() {
        return overrun() || count - padding >= 8 ? -1 : JpegMarkers.markerCode(data, pos);
    }
}
