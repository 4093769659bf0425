package org.pneumolens.core.image;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * The image formats PneumoLens reads, recognised from their first bytes (never from the file name), each with
 * the readers allowed for it, by provider class. Any other ImageIO plugin on the class path is never asked: a
 * 20-byte file with a PNM header once reached jai-imageio's PNM reader, whose static initialiser fails on Java 17
 * ({@code IllegalAccessError}) and ended a whole batch.
 */
enum ImageFormat {
    PNG("com.sun.imageio.plugins.png.PNGImageReaderSpi"),
    // TwelveMonkeys' reader first: it also decodes CMYK/YCCK and JPEGs with broken ICC profiles.
    JPEG("com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi", "com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi"),
    BMP("com.sun.imageio.plugins.bmp.BMPImageReaderSpi"),
    GIF("com.sun.imageio.plugins.gif.GIFImageReaderSpi");

    private final List<String> providers;

    ImageFormat(String... providers) {
        this.providers = List.of(providers);
    }

    /** The format of a file starting with {@code head}, or null if it is none of the four. */
    static ImageFormat sniff(byte[] head) {
        if (head.length >= 8 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == '\r' && head[5] == '\n' && head[6] == 0x1A && head[7] == '\n') {
            return PNG;
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (head.length >= 6 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8'
                && (head[4] == '7' || head[4] == '9') && head[5] == 'a') {
            return GIF;
        }
        if (head.length >= 14 && head[0] == 'B' && head[1] == 'M') {
            return BMP;
        }
        return null;
    }

    /** A new reader of this format that accepts {@code iis}, or null. */
    ImageReader createReader(ImageInputStream iis) throws IOException {
        for (String provider : providers) {
            ImageReaderSpi spi = find(provider);
            if (spi != null && spi.canDecodeInput(iis)) {
                return spi.createReaderInstance();
            }
        }
        return null;
    }

    private static ImageReaderSpi find(String className) {
        Iterator<ImageReaderSpi> spis = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, false);
        while (spis.hasNext()) {
            ImageReaderSpi spi = spis.next();
            if (spi.getClass().getName().equals(className)) {
                return spi;
            }
        }
        return null;
    }
}
