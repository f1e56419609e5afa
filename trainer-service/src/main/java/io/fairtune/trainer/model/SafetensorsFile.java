package io.fairtune.trainer.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.model.json.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a safetensors file one tensor at a time. DJL's {@code NDList.decode} reads the whole payload into one
 * Java array (at most 2 GiB, so ViT-H checkpoints do not fit) and keeps every tensor at once; a checkpoint is
 * only ever copied tensor by tensor into parameters, so that is all this class does. F32, F16, BF16 and F64
 * are read as float (hubs publish half-precision ViT weights too).
 */
public final class SafetensorsFile implements AutoCloseable {

    /** One tensor's header entry; offsets are absolute positions in the file. */
    public record Entry(String dtype, long[] shape, long begin, long end) {

        public long elements() {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }

        public String shapeText() {
            return Arrays.toString(shape).replace('[', '(').replace(']', ')');
        }
    }

    private static final long MAX_HEADER = 100L << 20;

    private final Path file;
    private final FileChannel channel;
    private final Map<String, Entry> entries;

    private final Map<String, String> metadata;
    private final long dataStart;

    private SafetensorsFile(Path file, FileChannel channel, Header header) {
        this.file = file;
        this.channel = channel;
        this.entries = header.entries();
        this.metadata = header.metadata();
        this.dataStart = header.dataStart();
    }

    private record Header(Map<String, Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    /** @throws InvalidCheckpointException when the file is not safetensors */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SafetensorsFile(file, channel, readHeader(file, channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static Header readHeader(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, lenBuf, 0);
        long headerLength = lenBuf.flip().getLong();
        if (size < 8 || headerLength <= 0 || headerLength > MAX_HEADER || 8 + headerLength > size) {
            throw notSafetensors(file, "header length " + headerLength + " in a file of " + size + " bytes");
        }
        ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBuf, 8);
        JsonNode header;
        try {
            header = Json.mapper().readTree(headerBuf.array());
        } catch (IOException e) {
            throw notSafetensors(file, "header is not JSON");
        }
        if (header == null || !header.isObject()) {
            throw notSafetensors(file, "header is not a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        long dataStart = 8 + headerLength;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("__metadata__")) {
                f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            JsonNode v = f.getValue();
            JsonNode offsets = v.path("data_offsets");
            JsonNode shapeNode = v.path("shape");
            String dtype = v.path("dtype").asText("");
            if (offsets.size() != 2 || !shapeNode.isArray() || bytesPerElement(dtype) == 0) {
                throw notSafetensors(file, "tensor " + f.getKey() + " has header " + v);
            }
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong();
            }
            Entry e = new Entry(dtype, shape, dataStart + offsets.get(0).asLong(), dataStart + offsets.get(1).asLong());
            if (e.end() > size || e.end() - e.begin() != e.elements() * bytesPerElement(dtype)) {
                throw notSafetensors(file, "tensor " + f.getKey() + " " + dtype + e.shapeText() + " has offsets "
                        + offsets + " that do not fit its shape or the file");
            }
            entries.put(f.getKey(), e);
        }
        return new Header(Collections.unmodifiableMap(entries), Collections.unmodifiableMap(metadata), dataStart);
    }

    /** The header's {@code __metadata__} (string to string, as the format defines it); empty when absent. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Where the tensor data starts: after 8 bytes of header length and the header. */
    public long dataStart() {
        return dataStart;
    }

    /** The bytes from {@code from} to the end of the file, to check a checksum over the data. */
    public void readRange(long from, java.util.function.Consumer<ByteBuffer> chunks) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        long size = channel.size();
        for (long pos = from; pos < size; ) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), size - pos));
            readFully(channel, buf, pos);
            pos += buf.flip().remaining();
            chunks.accept(buf);
        }
    }

    /** Tensors in the order of the header. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The tensor's values as float, row-major. */
    public float[] readFloats(String name) throws IOException {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(file.getFileName() + " has no tensor " + name);
        }
        long bytes = e.end() - e.begin();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new InvalidCheckpointException("tensor " + name + " of " + file.getFileName() + " is over 2 GiB");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buf, e.begin());
        buf.flip();
        float[] out = new float[(int) e.elements()];
        switch (e.dtype()) {
            case "F32" -> buf.asFloatBuffer().get(out);
            case "F64" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = (float) buf.getDouble();
                }
            }
            case "F16" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = halfToFloat(buf.getShort());
                }
            }
            case "BF16" -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
                }
            }
            default -> throw new InvalidCheckpointException("tensor " + name + " of " + file.getFileName()
                    + " has dtype " + e.dtype() + "; a ViT checkpoint holds floating-point weights");
        }
        return out;
    }

    /** IEEE 754 binary16 to float (Float.float16ToFloat exists only from Java 20; this project targets 17). */
    static float halfToFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13)); // inf, NaN
        }
        if (exponent == 0) {
            float subnormal = mantissa * 0x1p-24f; // exact: at most 10 significant bits
            return sign == 0 ? subnormal : -subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static int bytesPerElement(String dtype) {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" -> 1;
            default -> 0;
        };
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
    }

    private static InvalidCheckpointException notSafetensors(Path file, String why) {
        return new InvalidCheckpointException("checkpoint " + file.getFileName() + " is not a safetensors file: " + why);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
