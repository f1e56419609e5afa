package io.fairtune.trainer.data;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decoded images kept across trials of a trainer: a study runs many trials over the same manifest, and
 * decoding JPEGs would otherwise dominate a short trial. Least recently used images are dropped beyond
 * {@code maxBytes}. Entries are read-only by contract (augmentation writes to fresh arrays).
 */
public final class ImageCache {

    private record Key(Path path, int size) {
    }

    private final long maxBytes;
    private long bytes;
    private final LinkedHashMap<Key, float[]> entries = new LinkedHashMap<>(1024, 0.75f, true);

    public ImageCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public float[] get(Path path, int size) {
        Key key = new Key(path, size);
        synchronized (this) {
            float[] hit = entries.get(key);
            if (hit != null) {
                return hit;
            }
        }
        float[] decoded = ImageDecoder.decode(path, size);
        synchronized (this) {
            float[] raced = entries.putIfAbsent(key, decoded);
            if (raced != null) {
                return raced;
            }
            bytes += 4L * decoded.length;
            var it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<Key, float[]> eldest = it.next();
                if (eldest.getKey().equals(key)) {
                    continue;
                }
                bytes -= 4L * eldest.getValue().length;
                it.remove();
            }
            return decoded;
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
