package org.pneumolens.core.batch;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.Resampler;

/** Small grey PNG previews for a worklist row: a few kilobytes each instead of the full image. */
public final class Thumbnails {
    private Thumbnails() {
    }

    /** The image scaled so its longer side is {@code size} pixels (never up), as 8-bit grey PNG bytes. */
    public static byte[] png(GreyImage image, int size) {
        int[] wh = size(image.width(), image.height(), size);
        GreyImage small = wh[0] == image.width() && wh[1] == image.height() ? image
                : Resampler.resize(image, wh[0], wh[1]);
        return encode(small);
    }

    /**
     * {@link #png(GreyImage, int)} of the decoded image's grey conversion, the same bytes, without making the
     * full-size grey image first (the batch's decoding threads never need it).
     */
    public static byte[] png(BufferedImage decoded, int size) {
        int[] wh = size(decoded.getWidth(), decoded.getHeight(), size);
        return encode(ImageDecoder.toGreyResized(decoded, wh[0], wh[1]));
    }

    private static int[] size(int width, int height, int size) {
        double scale = Math.min(1.0, (double) size / Math.max(width, height));
        return new int[]{Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    private static byte[] encode(GreyImage small) {
        int w = small.width();
        int h = small.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
        float[] px = small.pixels();
        for (int i = 0; i < px.length; i++) {
            data[i] = (byte) Math.round(Math.max(0, Math.min(1, px[i])) * 255);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(out, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // to memory: cannot happen
        }
        return bytes.toByteArray();
    }
}
