package org.pneumolens.core.check;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/** Pictures that are not chest radiographs, and a crude synthetic one, drawn with Java2D for the check's tests. */
final class SyntheticImages {
    private SyntheticImages() {
    }

    static BufferedImage uniform(int grey, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(grey, grey, grey));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static BufferedImage noise(int w, int h, long seed, boolean colour) {
        BufferedImage img = new BufferedImage(w, h, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        Random rnd = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = rnd.nextInt(256);
                img.setRGB(x, y, colour ? rnd.nextInt(1 << 24) : (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    static BufferedImage gradient(int w, int h, Color from, Color to) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, from, w, h, to));
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static BufferedImage text(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 18));
        String line = "Pediatric chest radiographs labelled NORMAL or PNEUMONIA, licensed CC BY 4.0; ";
        for (int y = 30; y < h - 10; y += 24) {
            g.drawString(line.substring((y / 24) % 10) + line, 16, y);
        }
        g.dispose();
        return img;
    }

    /** A window-like picture: title bar, panels, a chart line and some labels. */
    static BufferedImage screenshot(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xf0f0f0));
        g.fillRect(0, 0, w, h);
        g.setColor(new Color(0x3c78d8));
        g.fillRect(0, 0, w, 40);
        g.setColor(Color.WHITE);
        g.fillRect(20, 60, w / 2 - 30, h - 80);
        g.setColor(new Color(0xdddddd));
        g.fillRect(w / 2 + 10, 60, w / 2 - 30, h / 2);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        g.drawString("File   Edit   View   Diagnose   Train", 30, 90);
        g.drawString("Accuracy 0.90   Sensitivity 0.91   Specificity 0.90", w / 2 + 20, h / 2 + 90);
        g.setColor(new Color(0xd04040));
        g.setStroke(new BasicStroke(3));
        g.drawPolyline(new int[]{w / 2 + 20, w / 2 + 120, w / 2 + 220, w / 2 + 320, w - 40},
                new int[]{h / 2 + 30, h / 3, h / 2 - 20, h / 4, h / 6}, 5);
        g.dispose();
        return img;
    }

    /** The image multiplied by a colour, as a tinted photograph of a film would be. */
    static BufferedImage tinted(BufferedImage src, Color tint) {
        BufferedImage img = new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < src.getHeight(); y++) {
            for (int x = 0; x < src.getWidth(); x++) {
                int v = src.getRGB(x, y) & 0xff;
                int r = v * tint.getRed() / 255;
                int gg = v * tint.getGreen() / 255;
                int b = v * tint.getBlue() / 255;
                img.setRGB(x, y, (r << 16) | (gg << 8) | b);
            }
        }
        return img;
    }

    /**
     * A crude chest-film layout with random variation: mid-grey body, two darker lung fields either side of a
     * bright mediastinum, dark border, noise. Only for the statistics tests, not a realistic radiograph.
     */
    static BufferedImage chestLike(int w, int h, long seed) {
        Random rnd = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(20, 20, 20));
        g.fillRect(0, 0, w, h);
        int body = 140 + rnd.nextInt(30);
        g.setColor(new Color(body, body, body));
        g.fillOval(w / 12, h / 10, w * 10 / 12, h);
        int lung = 60 + rnd.nextInt(30);
        g.setColor(new Color(lung, lung, lung));
        int jx = rnd.nextInt(w / 30 + 1);
        int jy = rnd.nextInt(h / 30 + 1);
        g.fillOval(w / 6 + jx, h / 5 + jy, w / 4, h / 2);
        g.fillOval(w * 7 / 12 - jx, h / 5 + jy, w / 4, h / 2);
        int spine = 200 + rnd.nextInt(40);
        g.setColor(new Color(spine, spine, spine));
        g.fillRect(w / 2 - w / 20, 0, w / 10, h);
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (img.getRaster().getSample(x, y, 0) + (int) (rnd.nextGaussian() * 8));
                img.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
        return img;
    }
}
