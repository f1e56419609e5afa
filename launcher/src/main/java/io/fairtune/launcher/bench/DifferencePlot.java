package io.fairtune.launcher.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The paired differences as a forest plot (PNG, drawn with Java2D: the machine has no matplotlib): one panel per
 * attribute × metric, one row per comparison, the mean as a dot and its 95 % interval as a bar, zero marked.
 */
public final class DifferencePlot {

    private static final int PANEL_W = 520;
    private static final int PANEL_H = 170;
    private static final int LEFT = 190;
    private static final int TOP = 60;
    private static final int GAP = 40;

    private DifferencePlot() {
    }

    public static void write(Path png, String title, List<String> attributes, List<PairedDifferences.Row> rows)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> metrics = PairedDifferences.METRICS;
        int width = LEFT + metrics.size() * (PANEL_W + GAP);
        int height = TOP + attributes.size() * PANEL_H + 50;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, 12, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString("paired difference on test (searched mask minus arm), mean and 95% t interval over replicates x "
                + "seeds; worst-group AUC: > 0 favours the searched mask, AUC gap: < 0 does", 12, 44);
        for (int a = 0; a < attributes.size(); a++) {
            for (int m = 0; m < metrics.size(); m++) {
                String attribute = attributes.get(a);
                String metric = metrics.get(m);
                List<PairedDifferences.Row> panel = rows.stream()
                        .filter(r -> r.attribute().equals(attribute) && r.metric().equals(metric)).toList();
                panel(g, LEFT + m * (PANEL_W + GAP), TOP + a * PANEL_H, attribute, metric, panel, m == 0);
            }
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static void panel(Graphics2D g, int x0, int y0, String attribute, String metric,
                              List<PairedDifferences.Row> rows, boolean labels) {
        int plotW = PANEL_W - 40;
        int plotH = PANEL_H - 50;
        double lo = 0;
        double hi = 0;
        for (PairedDifferences.Row r : rows) {
            double half = r.difference().ci95() == null ? 0 : r.difference().ci95();
            lo = Math.min(lo, r.difference().mean() - half);
            hi = Math.max(hi, r.difference().mean() + half);
        }
        double pad = Math.max(0.01, (hi - lo) * 0.1);
        lo -= pad;
        hi += pad;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(attribute + ": " + (metric.equals("min_auc") ? "worst-group AUC" : "AUC gap"), x0, y0 + 14);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(x0, y0 + 22, plotW, plotH);
        int zero = xOf(0, lo, hi, x0, plotW);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        g.drawLine(zero, y0 + 22, zero, y0 + 22 + plotH);
        g.setStroke(new BasicStroke(1f));
        for (int t = 0; t <= 4; t++) {
            double v = lo + (hi - lo) * t / 4;
            int x = xOf(v, lo, hi, x0, plotW);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x, y0 + 22 + plotH, x, y0 + 26 + plotH);
            String tick = String.format(Locale.ROOT, "%+.3f", v);
            g.drawString(tick, x - g.getFontMetrics().stringWidth(tick) / 2, y0 + 38 + plotH);
        }
        // one row per comparison, in the same place in every panel, so the first panel's labels name them all
        List<String> versus = PairedDifferences.VERSUS;
        for (PairedDifferences.Row r : rows) {
            int i = versus.indexOf(r.versus());
            int y = y0 + 22 + (i + 1) * plotH / (versus.size() + 1);
            g.setColor(Color.BLACK);
            if (labels) {
                g.drawString(r.comparison(), x0 - LEFT + 12, y + 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString("n=" + r.difference().n(), x0 + plotW + 4, y + 4);
            Color c = new Color(0x1f77b4);
            g.setColor(c);
            if (r.difference().ci95() != null) {
                int a = xOf(r.difference().mean() - r.difference().ci95(), lo, hi, x0, plotW);
                int b = xOf(r.difference().mean() + r.difference().ci95(), lo, hi, x0, plotW);
                g.setStroke(new BasicStroke(2f));
                g.drawLine(a, y, b, y);
                g.drawLine(a, y - 5, a, y + 5);
                g.drawLine(b, y - 5, b, y + 5);
                g.setStroke(new BasicStroke(1f));
            }
            int x = xOf(r.difference().mean(), lo, hi, x0, plotW);
            g.fillOval(x - 4, y - 4, 9, 9);
        }
    }

    private static int xOf(double v, double lo, double hi, int x0, int w) {
        return x0 + (int) Math.round((v - lo) / (hi - lo) * w);
    }
}
