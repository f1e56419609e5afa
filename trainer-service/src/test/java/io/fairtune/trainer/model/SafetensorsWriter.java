package io.fairtune.trainer.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * Writes a safetensors file tensor by tensor (F32), values from a function of (tensor, index): big
 * checkpoints (ViT-B's 346 MB) can be generated at test time without holding them in memory, and checked
 * afterwards without storing them.
 */
final class SafetensorsWriter {

    /** The value of element {@code index} of tensor {@code name}. */
    interface Values {
        float at(String name, long index);
    }

    private SafetensorsWriter() {
    }

    /** Deterministic pseudo-random weights in (-0.05, 0.05), different for every tensor and element. */
    static float hashed(String name, long index) {
        long z = name.hashCode() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        z ^= z >>> 29;
        return ((z >>> 40) / (float) (1L << 24) - 0.5f) * 0.1f;
    }

    static void write(Path file, Map<String, long[]> shapes, Values values) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long bytes = 4 * elements(e.getValue());
            if (header.length() > 1) {
                header.append(',');
            }
            header.append('"').append(e.getKey()).append("\":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(e.getValue()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]}");
            offset += bytes;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).flip());
            out.write(ByteBuffer.wrap(json));
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long n = elements(e.getValue());
                for (long i = 0; i < n; i++) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.flip());
                        buf.clear();
                    }
                    buf.putFloat(values.at(e.getKey(), i));
                }
            }
            out.write(buf.flip());
        }
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
