package io.fairtune.trainer.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes an image file into a normalised CHW float array of side {@code size}. ImageNet mean/std are used
 * for every backbone: the shipped ResNet-20 expects them, and the project's ViT is pretrained with them.
 */
public final class ImageDecoder {

    static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] STD = {0.229f, 0.224f, 0.225f};

    private ImageDecoder() {
    }

    public static float[] decode(Path file, int size) {
        BufferedImage image;
        try {
            image = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new BadImageException("cannot decode image " + file.getFileName() + ": " + e.getMessage(), e);
        }
        if (image == null) {
            throw new BadImageException("not a readable image: " + file.getFileName());
        }
        BufferedImage rgb = resize(image, size);
        float[] out = new float[3 * size * size];
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int argb = rgb.getRGB(x, y);
                int i = y * size + x;
                out[i] = (((argb >> 16) & 0xff) / 255f - MEAN[0]) / STD[0];
                out[plane + i] = (((argb >> 8) & 0xff) / 255f - MEAN[1]) / STD[1];
                out[2 * plane + i] = ((argb & 0xff) / 255f - MEAN[2]) / STD[2];
            }
        }
        return out;
    }

    /** Halves with bilinear filtering while it can, so a 4x downscale averages pixels instead of skipping them. */
    private static BufferedImage resize(BufferedImage src, int size) {
        BufferedImage current = src;
        int w = src.getWidth();
        int h = src.getHeight();
        while (w / 2 >= size && h / 2 >= size) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h);
        }
        if (w != size || h != size || current.getType() != BufferedImage.TYPE_INT_RGB) {
            current = draw(current, size, size);
        }
        return current;
    }

    private static BufferedImage draw(BufferedImage src, int w, int h) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }
}
