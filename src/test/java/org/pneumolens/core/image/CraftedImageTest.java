package org.pneumolens.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small crafted files that once cost gigabytes, minutes or a stack trace (issue 13), generated here: each is
 * refused in one line naming the file, or decoded subsampled when large but allowed.
 */
class CraftedImageTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/xray/val/NORMAL").toAbsolutePath();

    @TempDir
    Path dir;

    private String refusal(Path f) {
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(f));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage();
    }

    private void assertRefused(Path f, String fragment) {
        String m = refusal(f);
        assertTrue(m.contains(fragment), m);
    }

    /** A grey 8-bit PNG of the given declared size whose IDAT holds {@code rows} all-zero rows. */
    static byte[] png(int width, int height, int bitDepth, int rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(width);
        d.writeInt(height);
        d.write(new byte[]{(byte) bitDepth, 0, 0, 0, 0});
        chunk(out, "IHDR", ihdr.toByteArray());
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(9))) {
            byte[] row = new byte[1 + (int) ((long) width * bitDepth + 7) / 8]; // filter byte + samples
            for (int y = 0; y < rows; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] fixtureJpeg() throws IOException {
        try (var s = Files.list(FIXTURE)) {
            return Files.readAllBytes(s.sorted().findFirst().orElseThrow());
        }
    }

    /** Sets the height and width of the first SOFn segment. */
    static byte[] withFrameSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        for (int i = 2; i + 9 < b.length; i++) {
            int m = b[i + 1] & 0xFF;
            if ((b[i] & 0xFF) == 0xFF && m >= 0xC0 && m <= 0xC3) {
                b[i + 5] = (byte) (height >> 8);
                b[i + 6] = (byte) height;
                b[i + 7] = (byte) (width >> 8);
                b[i + 8] = (byte) width;
                return b;
            }
        }
        throw new AssertionError("no SOF");
    }

    @Test
    void pngsDeclaringMoreThanTheLimitAreRefusedBeforeDecoding() throws IOException {
        assertRefused(file("40000.png", png(40000, 40000, 8, 1)), "40000x40000");
        assertRefused(file("30000.png", png(30000, 30000, 8, 1)), "30000x30000");
        assertRefused(file("1bit.png", png(30000, 30000, 1, 1)), "30000x30000");
        assertRefused(file("16bit.png", png(30000, 30000, 16, 1)), "30000x30000");
        assertRefused(file("100mp.png", png(12000, 9000, 8, 1)), "megapixels");
    }

    @Test
    void aLargeButAllowedPngIsDecodedSubsampled() throws IOException {
        // 8000x8000 = 64 MP: every 2nd pixel of every 2nd row, 4000x4000 = 16 MP.
        Path f = file("8000.png", png(8000, 8000, 8, 8000));
        assertTrue(Files.size(f) < 1 << 20);
        BufferedImage img = ImageDecoder.decode(f);
        assertEquals(4000, img.getWidth());
        assertEquals(4000, img.getHeight());
    }

    @Test
    void jpegsDeclaringHugeFramesAreRefused() throws IOException {
        assertRefused(file("46340.jpeg", withFrameSize(fixtureJpeg(), 46340, 46340)), "46340x46340");
        assertRefused(file("zero.jpeg", withFrameSize(fixtureJpeg(), 0, 100)), "no valid size");

        // A progressive JPEG declaring 7000x7000 = 49 MP (allowed for baseline, subsampled; not progressive).
        BufferedImage small = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            w.setOutput(ios);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            w.write(null, new IIOImage(small, null, null), p);
        } finally {
            w.dispose();
        }
        byte[] progressive = bytes.toByteArray();
        for (int i = 0; i + 9 < progressive.length; i++) {
            if ((progressive[i] & 0xFF) == 0xFF && (progressive[i + 1] & 0xFF) == 0xC2) {
                progressive[i + 5] = (byte) (7000 >> 8);
                progressive[i + 6] = (byte) 7000;
                progressive[i + 7] = (byte) (7000 >> 8);
                progressive[i + 8] = (byte) 7000;
            }
        }
        assertRefused(file("progressive.jpeg", progressive), "progressive JPEG declares 7000x7000");
    }

    @Test
    void aJpegWithAHundredThousandEmptyScansIsRefused() throws IOException {
        byte[] jpeg = fixtureJpeg();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, jpeg.length - 2); // without EOI
        byte[] emptyScan = {(byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0};
        for (int i = 0; i < 100_000; i++) {
            out.write(emptyScan);
        }
        out.write(new byte[]{(byte) 0xFF, (byte) 0xD9});
        assertRefused(file("scans.jpeg", out.toByteArray()), "more than 100 scans");
    }

    @Test
    void aGifFrameDeclaringAHugeSizeIsRefused() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(new byte[]{1, 0, 1, 0, (byte) 0x80, 0, 0}); // 1x1 screen, 2-colour global table
        out.write(new byte[]{0, 0, 0, (byte) 255, (byte) 255, (byte) 255});
        int side = 46340;
        out.write(new byte[]{0x2C, 0, 0, 0, 0, (byte) side, (byte) (side >> 8), (byte) side, (byte) (side >> 8), 0});
        out.write(new byte[]{2, 2, 0x4C, 0x01, 0, 0x3B}); // LZW minimum code size, one tiny sub-block, trailer
        assertRefused(file("frame.gif", out.toByteArray()), "46340x46340");
    }

    @Test
    void aBmpDeclaringAHugeSizeIsRefused() throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(62).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(62).putInt(0).putInt(62);
        b.putInt(40).putInt(40000).putInt(40000).putShort((short) 1).putShort((short) 8).putInt(0).putInt(0)
                .putInt(0).putInt(0).putInt(0).putInt(0);
        assertRefused(file("huge.bmp", b.array()), "40000x40000");
    }

    @Test
    void aHugeFileIsRefusedBeforeItIsRead() throws IOException {
        Path f = dir.resolve("3gb.png");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(png(10, 10, 8, 10));
            raf.setLength(3L << 30); // sparse: no disk space used
        }
        assertRefused(f, "MB accepted");
    }

    @Test
    void otherFormatsAreNeverHandedToAnotherPlugin() throws IOException {
        // A PNM header (jai-imageio's PNM reader once failed its static initialiser on it) under image extensions.
        for (String name : new String[]{"pnm.png", "pnm.jpeg", "pnm.bmp"}) {
            assertRefused(file(name, "P5\n1 1\n255\n\0\0\0\0\0\0\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                    "not a supported image");
        }
        assertRefused(file("tiff.png", new byte[]{'I', 'I', 42, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}),
                "not a supported image");
    }

    @Test
    void aFileNameWithControlCharactersIsPrintedEscaped() throws IOException {
        Path f = file("a\nerror: forged\u001b[31m.png", new byte[]{1, 2, 3});
        ImageDecodeException e = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeGrey(f));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir + "/a\\u000aerror: forged\\u001b[31m.png: "), e.getMessage());
    }
}
