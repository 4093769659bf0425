package org.pneumolens.core.batch;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.Resampler;

/** Small grey PNG previews for a worklist row: a few kilobytes each instead of the full image. */
public final class Thumbnails {
    private Thumbnails() {
    }

    /** The image scaled so its longer side is {@code size} pixels (never up), as 8-bit grey PNG bytes. */
    public static byte[] png(GreyImage image, int size) {
        double scale = Math.min(1.0, (double) size / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        GreyImage small = w == image.width() && h == image.height() ? image : Resampler.resize(image, w, h);
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
