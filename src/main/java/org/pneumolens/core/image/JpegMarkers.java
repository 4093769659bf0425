package org.pneumolens.core.image;

import java.io.IOException;

/**
 * Walks a JPEG's markers without decoding it: the frame size its SOF segment declares and the number of scans
 * (SOS segments). Both are checked before any decoder runs, because the JDK's decoder allocates for the declared
 * size and spends CPU per scan: a 227 KB progressive JPEG declaring 46340x46340 took 8.4 GB and 48 s, and a
 * 1.2 MB one with 100,000 empty scans 539 s of CPU. One pass over the bytes, nothing allocated.
 */
final class JpegMarkers {
    /** Eight bytes of an array as one long, most significant first (JpegBits reads its bits this way too). */
    static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    /** What the markers say; {@code width}/{@code height} are 0 if no frame header was found. */
    record Frame(int width, int height, int components, boolean progressive, int scans) {
    }

    private JpegMarkers() {
    }

    /** Stops counting once {@code maxScans} is exceeded. Errors: the marker structure is broken. */
    static Frame scan(byte[] d, int maxScans) throws IOException {
        int n = d.length;
        if (n < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) {
            throw new IOException("not a JPEG (no start-of-image marker)");
        }
        int width = 0, height = 0, components = 0, scans = 0;
        boolean progressive = false;
        int i = 2;
        while (i < n) {
            if ((d[i] & 0xFF) != 0xFF) {
                throw new IOException("JPEG marker expected at byte " + i);
            }
            int code = markerCode(d, i);
            if (code < 0) {
                break; // only fill bytes left
            }
            int m = d[code] & 0xFF;
            i = code + 1;
            if (m == 0xD9) { // end of image
                break;
            }
            if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                continue; // no length
            }
            if (i + 2 > n) {
                throw new IOException("JPEG ends inside a marker");
            }
            int length = ((d[i] & 0xFF) << 8) | (d[i + 1] & 0xFF);
            if (length < 2 || i + length > n) {
                throw new IOException("JPEG segment of length " + length + " at byte " + i + " does not fit the file");
            }
            boolean sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
            if (sof && width == 0) {
                if (length < 8) {
                    throw new IOException("JPEG frame header too short");
                }
                height = ((d[i + 3] & 0xFF) << 8) | (d[i + 4] & 0xFF);
                width = ((d[i + 5] & 0xFF) << 8) | (d[i + 6] & 0xFF);
                components = d[i + 7] & 0xFF;
                progressive = m == 0xC2 || m == 0xC6 || m == 0xCA || m == 0xCE;
            }
            i += length;
            if (m == 0xDA) {
                if (++scans > maxScans) {
                    break;
                }
                int next = entropyEnd(d, i);
                i = next < 0 ? n : next - 1; // on the FF before the next marker's code
            }
        }
        return new Frame(width, height, components, progressive, scans);
    }

    /**
     * The index of the code byte of the marker at {@code i}: an {@code FF}, any fill bytes {@code FF}, then the code;
     * -1 if {@code i} holds no {@code FF} or the data ends first. Shared by every walk over a JPEG's markers.
     */
    static int markerCode(byte[] d, int i) {
        if (i >= d.length || (d[i] & 0xFF) != 0xFF) {
            return -1;
        }
        while (i < d.length && (d[i] & 0xFF) == 0xFF) {
            i++;
        }
        return i < d.length ? i : -1;
    }

    /** The end (exclusive) of the segment whose two length bytes start at {@code i}; -1 if it does not fit. */
    static int segmentEnd(byte[] d, int i) {
        if (i + 2 > d.length) {
            return -1;
        }
        int end = i + JpegHeader.u16(d, i);
        return end < i + 2 || end > d.length ? -1 : end;
    }

    /**
     * Whether none of the eight bytes of {@code v} is FF (no stuffing, no marker among them). {@code ~v} has a zero
     * byte exactly where {@code v} has FF, and the expression is the exact any-zero-byte test.
     */
    static boolean noFf(long v) {
        long x = ~v;
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) == 0;
    }

    /**
     * Skips a scan's entropy-coded data without decoding it: the index of the code byte of the first marker from
     * {@code from} on that is neither stuffing ({@code FF 00}) nor a restart marker, or -1 if the data ends first.
     */
    static int entropyEnd(byte[] d, int from) {
        int p = from;
        while (p + 1 < d.length) {
            // Eight bytes at a time while they hold no FF (most of a scan): this walk was 5 % of a reduced decode.
            if (p + Long.BYTES <= d.length && noFf((long) LONG_BE.get(d, p))) {
                p += Long.BYTES;
                continue;
            }
            if ((d[p] & 0xFF) != 0xFF) {
                p++;
                continue;
            }
            int code = d[p + 1] & 0xFF;
            if (code == 0xFF) {
                p++; // a fill byte
            } else if (code == 0 || (code >= 0xD0 && code <= 0xD7)) {
                p += 2;
            } else {
                return p + 1;
            }
        }
        return -1;
    }
}
