package org.pneumolens.core.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.Resampler;
import org.pneumolens.core.model.GradCam;

/** The report's pictures as AWT images: the radiograph as displayed, and the overlay blended onto it. */
final class ReportRaster {
    /** Longest side of the overlay picture; it is printed at about a third of the page width. */
    static final int OVERLAY_SIDE = 640;

    private ReportRaster() {
    }

    static BufferedImage grey(GreyImage g, Display d) {
        BufferedImage out = new BufferedImage(g.width(), g.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] data = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        float[] px = g.pixels();
        for (int i = 0; i < px.length; i++) {
            data[i] = (byte) Math.round(d.apply(px[i]) * 255);
        }
        return out;
    }

    /**
     * The radiograph as displayed with the map's colour laid over it: each pixel's alpha is the saliency times the
     * opacity, so the radiograph shows through where the model found no evidence (as in the Diagnose view).
     */
    static BufferedImage overlay(GreyImage g, GradCam.Heatmap map, Display d) {
        double scale = Math.min(1.0, (double) OVERLAY_SIDE / Math.max(g.width(), g.height()));
        int w = Math.max(1, (int) Math.round(g.width() * scale));
        int h = Math.max(1, (int) Math.round(g.height() * scale));
        GreyImage small = scale >= 1 ? g : Resampler.resize(g, w, h);
        float[] values = map.upsample(w, h);
        float[] px = small.pixels();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[w * h];
        for (int i = 0; i < rgb.length; i++) {
            double v = Math.max(0, Math.min(1, values[i]));
            double a = v * d.opacity();
            double grey = d.apply(px[i]) * 255;
            int c = ColorScale.rgb(v);
            int r = (int) Math.round(grey * (1 - a) + (c >> 16 & 0xff) * a);
            int gr = (int) Math.round(grey * (1 - a) + (c >> 8 & 0xff) * a);
            int b = (int) Math.round(grey * (1 - a) + (c & 0xff) * a);
            rgb[i] = r << 16 | gr << 8 | b;
        }
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }
}
