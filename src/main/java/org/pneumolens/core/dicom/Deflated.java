package org.pneumolens.core.dicom;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The data set of the Deflated Explicit VR Little Endian syntax: raw deflate after the file meta group. */
final class Deflated {
    private Deflated() {
    }

    static byte[] inflate(byte[] file, int from, int max) throws DicomFormatException {
        try {
            return inflate(file, from, true, max);
        } catch (DataFormatException e) {
            try {
                return inflate(file, from, false, max); // some writers wrap the deflate stream in zlib's header
            } catch (DataFormatException e2) {
                throw new DicomFormatException("deflated data set is damaged (" + e.getMessage() + ")");
            }
        }
    }

    private static byte[] inflate(byte[] file, int from, boolean raw, int max)
            throws DataFormatException, DicomFormatException {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(file, from, file.length - from);
            // grown as output comes, so memory follows what the data really holds, never more than max
            byte[] out = new byte[(int) Math.min(max, Math.max(4096, 4L * (file.length - from)))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    if (out.length >= max) {
                        throw new DicomFormatException("deflated data set inflates to more than "
                                + (max >= 1 << 20 ? (max >> 20) + " MiB" : max + " bytes"));
                    }
                    out = Arrays.copyOf(out, (int) Math.min(max, 2L * out.length));
                }
                int got = inflater.inflate(out, n, out.length - n);
                n += got;
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    if (raw && n == 0) {
                        throw new DataFormatException("no deflate data");
                    }
                    break; // input ended: what came out is parsed, and a cut shows up as a truncated element
                }
            }
            return Arrays.copyOf(out, n);
        } finally {
            inflater.end();
        }
    }
}
