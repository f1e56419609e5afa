package io.fairtune.trainer.model;

import io.fairtune.model.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes safetensors files (F32, little-endian, header padded to 8 bytes), read back by {@link SafetensorsFile}.
 * Two sources: values from a function of (tensor, index), so that test checkpoints as big as ViT-B's 346 MB are
 * generated without holding them in memory; and tensors already in memory with string metadata (a trial's
 * training checkpoint).
 */
public final class SafetensorsWriter {

    /** The value of element {@code index} of tensor {@code name}. */
    public interface Values {
        float at(String name, long index);
    }

    /** One F32 tensor held in memory, row-major. */
    public record Tensor(long[] shape, float[] values) {
    }

    private SafetensorsWriter() {
    }

    /** Deterministic pseudo-random weights in (-0.05, 0.05), different for every tensor and element. */
    public static float hashed(String name, long index) {
        long z = name.hashCode() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 31)) * 0x94D049BB133111EBL;
        z ^= z >>> 29;
        return ((z >>> 40) / (float) (1L << 24) - 0.5f) * 0.1f;
    }

    public static void write(Path file, Map<String, long[]> shapes, Values values) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeHeader(out, Map.of(), shapes);
            ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                long n = elements(e.getValue());
                for (long i = 0; i < n; i++) {
                    if (!buf.hasRemaining()) {
                        writeFully(out, buf.flip());
                        buf.clear();
                    }
                    buf.putFloat(values.at(e.getKey(), i));
                }
            }
            writeFully(out, buf.flip());
        }
    }

    /** Writes {@code tensors} in their map order with {@code metadata} to an open channel, from its position. */
    public static void write(FileChannel out, Map<String, String> metadata, Map<String, Tensor> tensors)
            throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        tensors.forEach((name, t) -> shapes.put(name, t.shape()));
        writeHeader(out, metadata, shapes);
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            for (float v : t.values()) {
                if (!buf.hasRemaining()) {
                    writeFully(out, buf.flip());
                    buf.clear();
                }
                buf.putFloat(v);
            }
        }
        writeFully(out, buf.flip());
    }

    private static void writeHeader(FileChannel out, Map<String, String> metadata, Map<String, long[]> shapes)
            throws IOException {
        ObjectNode header = Json.mapper().createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long bytes = 4 * elements(e.getValue());
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (long d : e.getValue()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        StringBuilder text = new StringBuilder(Json.mapper().writeValueAsString(header));
        // the format pads the header with spaces so that the data starts 8-byte aligned
        while (text.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
            text.append(' ');
        }
        byte[] json = text.toString().getBytes(StandardCharsets.UTF_8);
        writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).flip());
        writeFully(out, ByteBuffer.wrap(json));
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    public static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
