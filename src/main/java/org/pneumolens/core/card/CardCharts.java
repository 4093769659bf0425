package org.pneumolens.core.card;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.io.AtomicFiles;

/**
 * The model card's two charts drawn with java.awt (no JavaFX in core): the reliability diagram and the ROC curve,
 * both on a unit square with the same frame, as PNG for the docs and images for the window.
 */
public final class CardCharts {
    public static final int SIZE = 480;
    private static final int MARGIN = 56;
    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color DATA = new Color(0x1F, 0x5F, 0xA8);
    private static final Color MARK = new Color(0xC0, 0x39, 0x2B);

    private CardCharts() {
    }

    /** Observed share against mean calibrated probability per bin; dot area grows with the bin's image count. */
    public static BufferedImage reliability(Calibration c) {
        Frame f = new Frame("Reliability (calibrated, validation)", "mean predicted probability",
                "observed share positive");
        int max = c.reliability().stream().mapToInt(Calibration.ReliabilityBin::count).max().orElse(1);
        Path2D line = new Path2D.Double();
        boolean first = true;
        for (Calibration.ReliabilityBin b : c.reliability()) {
            if (b.count() == 0) continue;
            double x = f.x(b.meanPredicted());
            double y = f.y(b.observed());
            if (first) line.moveTo(x, y); else line.lineTo(x, y);
            first = false;
        }
        f.g.setColor(DATA);
        f.g.setStroke(new BasicStroke(2f));
        f.g.draw(line);
        for (Calibration.ReliabilityBin b : c.reliability()) {
            if (b.count() == 0) continue;
            double r = 3 + 9 * Math.sqrt((double) b.count() / Math.max(1, max));
            f.g.fill(new Ellipse2D.Double(f.x(b.meanPredicted()) - r, f.y(b.observed()) - r, 2 * r, 2 * r));
        }
        f.legend(String.format(Locale.ROOT, "%s; dot area ~ images per bin", c.method()));
        return f.done();
    }

    /** True against false positive rate over the thresholds, the operating point {@code threshold} marked. */
    public static BufferedImage roc(Calibration c, double threshold) {
        Frame f = new Frame("ROC (validation)", "false positive rate (1 - specificity)", "true positive rate (sensitivity)");
        List<Calibration.RocPoint> pts = c.roc();
        Path2D line = new Path2D.Double();
        for (int i = 0; i < pts.size(); i++) {
            double x = f.x(pts.get(i).falsePositiveRate());
            double y = f.y(pts.get(i).truePositiveRate());
            if (i == 0) line.moveTo(x, y); else line.lineTo(x, y);
        }
        f.g.setColor(DATA);
        f.g.setStroke(new BasicStroke(2f));
        f.g.draw(line);
        Calibration.RocPoint op = null;
        for (Calibration.RocPoint p : pts) { // the loosest stored point still at or above the threshold
            if (p.threshold() >= threshold && (op == null || p.threshold() < op.threshold())) op = p;
        }
        if (op != null) {
            f.g.setColor(MARK);
            f.g.fill(new Ellipse2D.Double(f.x(op.falsePositiveRate()) - 6, f.y(op.truePositiveRate()) - 6, 12, 12));
            f.g.setColor(INK);
            f.g.drawString(String.format(Locale.ROOT, "operating point %.3f: sens %.3f, spec %.3f", threshold,
                    op.truePositiveRate(), 1 - op.falsePositiveRate()), (float) f.x(0.3), (float) f.y(0.05));
        }
        return f.done();
    }

    public static void writePng(BufferedImage image, Path target) throws IOException {
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }

    /** A white chart with a unit-square plot area, grid every 0.1 and the diagonal. */
    private static final class Frame {
        final BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        final double side = SIZE - 1.6 * MARGIN;

        Frame(String title, String xLabel, String yLabel) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int i = 0; i <= 10; i++) {
                double v = i / 10.0;
                g.setColor(GRID);
                g.draw(new Line2D.Double(x(v), y(0), x(v), y(1)));
                g.draw(new Line2D.Double(x(0), y(v), x(1), y(v)));
                if (i % 2 == 0) {
                    g.setColor(INK);
                    String s = String.format(Locale.ROOT, "%.1f", v);
                    g.drawString(s, (float) x(v) - 8, (float) y(0) + 15);
                    g.drawString(s, (float) x(0) - 26, (float) y(v) + 4);
                }
            }
            g.setColor(INK);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 4f}, 0f));
            g.draw(new Line2D.Double(x(0), y(0), x(1), y(1)));
            g.setStroke(new BasicStroke(1f));
            g.draw(new Rectangle2D.Double(x(0), y(1), side, side));
            g.drawString(xLabel, (float) x(0.5) - g.getFontMetrics().stringWidth(xLabel) / 2f, (float) y(0) + 32);
            Graphics2D r = (Graphics2D) g.create();
            r.rotate(-Math.PI / 2);
            r.drawString(yLabel, (float) -y(0.5) - r.getFontMetrics().stringWidth(yLabel) / 2f, 14f);
            r.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, (float) x(0), 22f);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }

        double x(double v) {
            return MARGIN + v * side;
        }

        double y(double v) {
            return MARGIN * 0.6 + (1 - v) * side;
        }

        void legend(String text) {
            g.setColor(INK);
            g.drawString(text, (float) x(0) + 6, (float) y(1) + 16);
        }

        BufferedImage done() {
            g.dispose();
            return img;
        }
    }
}
