package org.pneumolens.app.diagnose;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pictures that are not chest radiographs, made in the test: a uniform grey card and a colour gradient. */
public final class NotXrays {
    private NotXrays() {
    }

    /** An 800x600 PNG of one grey level. */
    public static Path uniform(Path dir, int grey) throws IOException {
        BufferedImage img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        int rgb = grey << 16 | grey << 8 | grey;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return write(img, dir.resolve("uniform-" + grey + ".png"));
    }

    /** An 800x600 PNG running from red to blue left to right, green top to bottom. */
    public static Path colourGradient(Path dir) throws IOException {
        BufferedImage img = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int r = 255 - x * 255 / 799;
                int g = y * 255 / 599;
                int b = x * 255 / 799;
                img.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return write(img, dir.resolve("gradient.png"));
    }

    private static Path write(BufferedImage img, Path target) throws IOException {
        if (!ImageIO.write(img, "png", target.toFile())) {
            throw new IOException("no PNG writer");
        }
        return target;
    }
}
