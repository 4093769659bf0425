package org.pneumolens.core.dicom;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of up to 15 segment offsets, then one PackBits-coded
 * segment per sample byte (most significant byte first, one sample after the other). Decodes to the native
 * little-endian layout with colour by plane, which {@link FrameReader} then reads like uncompressed data.
 */
final class RleDecoder {
    private RleDecoder() {
    }

    /**
     * @param pixels pixels per frame (rows x columns)
     * @return {@code pixels * samples * bytesPerSample} bytes, little endian, planar
     */
    static byte[] decode(byte[] frame, int pixels, int samples, int bytesPerSample) throws DicomFormatException {
        if (frame.length < 64) {
            throw new DicomFormatException("damaged RLE data: the frame is shorter than its 64-byte header");
        }
        int segments = (int) u32(frame, 0);
        int expected = samples * bytesPerSample;
        if (segments != expected) {
            throw new DicomFormatException("damaged RLE data: " + segments + " segments where the pixel format needs "
                    + expected);
        }
        byte[] out = new byte[pixels * expected];
        for (int s = 0; s < segments; s++) {
            long start = u32(frame, 4 + 4 * s);
            long end = s + 1 < segments ? u32(frame, 8 + 4 * s) : frame.length;
            if (start < 64 || start > end || end > frame.length) {
                throw new DicomFormatException("damaged RLE data: segment " + (s + 1) + " lies outside the frame");
            }
            int sample = s / bytesPerSample;
            int byteInSample = bytesPerSample - 1 - s % bytesPerSample; // segments run MSB first; output is LE
            unpack(frame, (int) start, (int) end, out, sample * pixels * bytesPerSample + byteInSample,
                    bytesPerSample, pixels);
        }
        return out;
    }

    /** PackBits into every {@code stride}-th byte of {@code out} from {@code base}, exactly {@code count} bytes. */
    private static void unpack(byte[] in, int pos, int end, byte[] out, int base, int stride, int count)
            throws DicomFormatException {
        int n = 0;
        while (n < count && pos < end) {
            int header = in[pos++];
            if (header >= 0) {
                int run = header + 1;
                if (pos + run > end || n + run > count) {
                    throw new DicomFormatException("damaged RLE data: a literal run overflows its segment");
                }
                for (int i = 0; i < run; i++) {
                    out[base + (n++) * stride] = in[pos++];
                }
            } else if (header != -128) {
                int run = 1 - header;
                if (pos >= end || n + run > count) {
                    throw new DicomFormatException("damaged RLE data: a repeat run overflows its segment");
                }
                byte b = in[pos++];
                for (int i = 0; i < run; i++) {
                    out[base + (n++) * stride] = b;
                }
            }
        }
        if (n < count) {
            throw new DicomFormatException("damaged RLE data: a segment decodes to " + n + " of " + count + " bytes");
        }
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
