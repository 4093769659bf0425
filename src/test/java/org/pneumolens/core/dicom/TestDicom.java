package org.pneumolens.core.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes small explicit VR little endian DICOM files byte by byte, well-formed or not, for the tests. */
final class TestDicom {
    static final long UNDEFINED = 0xFFFFFFFFL;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Preamble, "DICM" and a file meta group naming {@code syntax}. */
    static TestDicom withMeta(String syntax) {
        TestDicom d = new TestDicom();
        d.out.writeBytes(new byte[128]);
        d.out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        d.str(0x00020010, "UI", syntax);
        return d;
    }

    static TestDicom explicitLe() {
        return withMeta(TransferSyntax.EXPLICIT_LE.uid());
    }

    /** A complete 8-bit MONOCHROME2 image with the given header strings (tag, VR, value triples). */
    static byte[] image(int w, int h, byte[] pixels, Object... strings) {
        TestDicom d = explicitLe();
        for (int i = 0; i < strings.length; i += 3) {
            d.str((Integer) strings[i], (String) strings[i + 1], (String) strings[i + 2]);
        }
        return d.imagePixelModule(w, h, 8, "MONOCHROME2").element(Tags.PIXEL_DATA, "OB", pixels).bytes();
    }

    TestDicom imagePixelModule(int w, int h, int bits, String photometric) {
        return us(Tags.SAMPLES_PER_PIXEL, 1).str(Tags.PHOTOMETRIC, "CS", photometric).us(Tags.ROWS, h)
                .us(Tags.COLUMNS, w).us(Tags.BITS_ALLOCATED, bits).us(Tags.BITS_STORED, bits)
                .us(Tags.HIGH_BIT, bits - 1).us(Tags.PIXEL_REPRESENTATION, 0);
    }

    TestDicom tag(int tag) {
        u16(tag >>> 16);
        u16(tag & 0xFFFF);
        return this;
    }

    /** An element header with any length, without its value. */
    TestDicom header(int tag, String vr, long length) {
        tag(tag);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (vr.matches("OB|OD|OF|OL|OV|OW|SQ|SV|UC|UN|UR|UT|UV")) {
            u16(0);
            u32(length);
        } else {
            u16((int) length);
        }
        return this;
    }

    TestDicom element(int tag, String vr, byte[] value) {
        header(tag, vr, value.length);
        out.writeBytes(value);
        return this;
    }

    TestDicom str(int tag, String vr, String value) {
        byte[] b = value.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length % 2 == 1) {
            b = (value + (vr.equals("UI") ? "\0" : " ")).getBytes(StandardCharsets.ISO_8859_1);
        }
        return element(tag, vr, b);
    }

    TestDicom us(int tag, int v) {
        return element(tag, "US", new byte[] {(byte) v, (byte) (v >> 8)});
    }

    /** An item or delimiter tag with its 4-byte length. */
    TestDicom item(int tag, long length) {
        tag(tag);
        u32(length);
        return this;
    }

    TestDicom raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    private void u16(int v) {
        out.write(v & 0xff);
        out.write((v >> 8) & 0xff);
    }

    private void u32(long v) {
        u16((int) (v & 0xFFFF));
        u16((int) ((v >> 16) & 0xFFFF));
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
