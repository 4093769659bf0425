package org.pneumolens.core.dicom;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Extracts the first frame's samples from native or encapsulated pixel data. */
final class FrameReader {
    private FrameReader() {
    }

    static Frame firstFrame(DicomDataset ds, PixelFormat f, TransferSyntax syntax) throws DicomFormatException {
        DicomElement px = ds.get(Tags.PIXEL_DATA);
        if (px == null) {
            throw new DicomFormatException(ds.contains(Tags.FLOAT_PIXEL_DATA) || ds.contains(Tags.DOUBLE_PIXEL_DATA)
                    ? "holds floating-point pixel data, which PneumoLens does not read" : "has no pixel data");
        }
        if (!syntax.encapsulated()) {
            if (px.isEncapsulated()) {
                throw new DicomFormatException("damaged: pixel data of undefined length in an uncompressed syntax");
            }
            long need = f.frameBytes();
            boolean swapBytes = syntax.bigEndian() && f.bitsAllocated() == 8 && "OW".equals(px.vr());
            if (px.length() < need + (swapBytes ? need % 2 : 0)) {
                throw new DicomFormatException("truncated: the pixel data holds " + px.length() + " bytes, fewer than "
                        + "the " + need + " of one " + f.columns() + " x " + f.rows() + " frame");
            }
            return fromNative(ds.data(), px.offset(), f, syntax.bigEndian(), swapBytes, f.planar());
        }
        if (syntax.codec() == TransferSyntax.Codec.UNSUPPORTED) {
            throw new DicomFormatException("is compressed with " + syntax.displayName()
                    + ", which PneumoLens cannot decode");
        }
        if (!px.isEncapsulated()) {
            throw new DicomFormatException("damaged: compressed transfer syntax but the pixel data is not encapsulated");
        }
        byte[] frame = encapsulatedFrame(ds.data(), px.fragments(), f.frames(), syntax);
        if (syntax.codec() == TransferSyntax.Codec.RLE) {
            byte[] raw = RleDecoder.decode(frame, f.pixels(), f.samplesPerPixel(), f.bytesPerSample());
            return fromNative(raw, 0, f, false, false, true);
        }
        return CodecFrames.decode(frame, f, syntax);
    }

    /** The bytes of frame 1: all fragments, or those the basic offset table or the frame count assign to it. */
    static byte[] encapsulatedFrame(byte[] data, List<DicomElement.Fragment> all, int frames, TransferSyntax syntax)
            throws DicomFormatException {
        if (all.size() < 2) {
            throw new DicomFormatException("damaged: the compressed pixel data has no fragments");
        }
        DicomElement.Fragment table = all.get(0);
        List<DicomElement.Fragment> fragments = all.subList(1, all.size());
        if (frames <= 1) {
            return concat(data, fragments, fragments.size());
        }
        if (fragments.size() == frames) {
            return concat(data, fragments, 1);
        }
        if (table.length() >= 8) {
            long second = u32le(data, table.offset() + 4);
            long at = 0; // offsets count from the first fragment's item tag
            int n = 0;
            while (n < fragments.size() && at < second) {
                at += 8 + fragments.get(n).length();
                n++;
            }
            return concat(data, fragments, Math.max(1, n));
        }
        if (syntax.codec() == TransferSyntax.Codec.JPEG) {
            for (int n = 0; n < fragments.size(); n++) {
                if (endsWithEoi(data, fragments.get(n))) {
                    return concat(data, fragments, n + 1);
                }
            }
        }
        return concat(data, fragments, 1);
    }

    private static boolean endsWithEoi(byte[] data, DicomElement.Fragment f) {
        int end = f.offset() + f.length();
        for (int i = end - 1; i >= Math.max(f.offset() + 1, end - 3); i--) {
            if ((data[i] & 0xff) == 0xD9 && (data[i - 1] & 0xff) == 0xFF) {
                return true;
            }
        }
        return false;
    }

    private static byte[] concat(byte[] data, List<DicomElement.Fragment> fragments, int count) {
        if (count == 1) {
            DicomElement.Fragment f = fragments.get(0);
            return java.util.Arrays.copyOfRange(data, f.offset(), f.offset() + f.length());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.write(data, fragments.get(i).offset(), fragments.get(i).length());
        }
        return out.toByteArray();
    }

    private static long u32le(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    /**
     * Uncompressed samples from {@code off}: 8- or 16-bit words in the given byte order ({@code swapBytes}: 8-bit
     * samples in big-endian OW words, so pairs are swapped), masked to Bits Stored below High Bit and sign-extended.
     */
    static Frame fromNative(byte[] d, int off, PixelFormat f, boolean bigEndian, boolean swapBytes, boolean planar) {
        int n = f.pixels();
        short[] out = new short[n];
        if (!f.monochrome()) {
            colourToLuma(d, off, f, planar, out);
            return new Frame(f.columns(), f.rows(), out, false, 8, true);
        }
        int shift = f.highBit() + 1 - f.bitsStored();
        int mask = (1 << f.bitsStored()) - 1;
        int signBit = 1 << (f.bitsStored() - 1);
        boolean signed = f.signed();
        for (int i = 0; i < n; i++) {
            int raw;
            if (f.bitsAllocated() == 8) {
                raw = d[off + (swapBytes ? i ^ 1 : i)] & 0xff;
            } else {
                int a = d[off + 2 * i] & 0xff;
                int b = d[off + 2 * i + 1] & 0xff;
                raw = bigEndian ? (a << 8) | b : (b << 8) | a;
            }
            int v = (raw >> shift) & mask;
            if (signed && (v & signBit) != 0) {
                v -= mask + 1;
            }
            out[i] = (short) v;
        }
        return new Frame(f.columns(), f.rows(), out, signed, f.bitsStored(), false);
    }

    private static void colourToLuma(byte[] d, int off, PixelFormat f, boolean planar, short[] out) {
        int n = f.pixels();
        String pi = f.photometric();
        if (pi.equals("YBR_FULL_422") || pi.equals("YBR_PARTIAL_422")) {
            for (int i = 0; i < n; i++) {
                out[i] = (short) (d[off + (i / 2) * 4 + (i & 1)] & 0xff); // Y0 Y1 Cb Cr
            }
            return;
        }
        boolean ybr = pi.startsWith("YBR");
        for (int i = 0; i < n; i++) {
            int a = planar ? d[off + i] & 0xff : d[off + 3 * i] & 0xff;
            if (ybr) {
                out[i] = (short) a; // Y is the luma already
                continue;
            }
            int g = planar ? d[off + n + i] & 0xff : d[off + 3 * i + 1] & 0xff;
            int b = planar ? d[off + 2 * n + i] & 0xff : d[off + 3 * i + 2] & 0xff;
            out[i] = (short) Math.min(255, Math.round(0.299f * a + 0.587f * g + 0.114f * b));
        }
    }
}
