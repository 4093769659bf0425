package org.pneumolens.core.dicom;

/** Reads the sample precision from a JPEG stream's start-of-frame marker, walking the marker segments. */
final class JpegMarkers {
    private JpegMarkers() {
    }

    /** Bits per sample of the first SOFn segment, or -1 if there is none before the scan. */
    static int precision(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) {
            return -1;
        }
        int i = 2;
        while (i + 4 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                return -1;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                return b[i + 4] & 0xff;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return -1;
            }
            int length = (b[i + 2] & 0xff) << 8 | (b[i + 3] & 0xff);
            i += 2 + length;
        }
        return -1;
    }
}
