package io.fairtune.evaluator.domain;

import io.fairtune.evaluator.config.EvaluatorSettings;
import io.fairtune.model.data.ConfinedPaths;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.data.InvalidManifestException;
import io.fairtune.model.data.Splits;
import io.fairtune.model.study.DatasetRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Manifests by content hash. The hash in the event, not the path, identifies the data: a cached manifest is
 * reused for any path with that hash, and a file whose bytes hash differently is refused, so the evaluator
 * never scores against other labels or groups than the trainer used.
 */
@ApplicationScoped
public class ManifestCache {

    private final Path dataRoot;
    private final long maxManifestBytes;
    private final Map<String, Entry> byHash;

    public ManifestCache(EvaluatorSettings settings) {
        this.dataRoot = settings.dataRoot();
        this.maxManifestBytes = settings.limits().maxManifestBytes();
        int size = settings.evaluator().manifestCacheSize();
        this.byHash = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > size;
            }
        });
    }

    /** The split of the referenced manifest; loads and verifies the manifest on first use of its hash. */
    public SplitIndex split(DatasetRef ref, String split) {
        // the path is checked even on a cache hit: a reference that leaves the data root is refused as such
        Path file = resolve(ref);
        Entry entry = byHash.get(ref.sha256());
        if (entry == null) {
            entry = new Entry(load(file, ref));
            byHash.put(ref.sha256(), entry);
        }
        return entry.split(split);
    }

    private Path resolve(DatasetRef ref) {
        try {
            return ConfinedPaths.resolve(dataRoot, ref.manifest(), "dataset.manifest");
        } catch (IllegalArgumentException e) {
            throw new EvaluationRejected(e.getMessage(), e);
        }
    }

    private DatasetManifest load(Path file, DatasetRef ref) {
        DatasetManifest manifest;
        try {
            manifest = DatasetManifest.load(file, maxManifestBytes);
        } catch (InvalidManifestException e) {
            throw new EvaluationRejected("manifest " + ref.manifest() + ": " + e.getMessage(), e);
        }
        if (!manifest.sha256().equalsIgnoreCase(String.valueOf(ref.sha256()))) {
            throw new EvaluationRejected("manifest " + ref.manifest() + " has sha256 " + manifest.sha256()
                    + " but the trial was trained against " + ref.sha256());
        }
        return manifest;
    }

    private static final class Entry {
        private final DatasetManifest manifest;
        private final Map<String, SplitIndex> splits = new ConcurrentHashMap<>();

        Entry(DatasetManifest manifest) {
            this.manifest = manifest;
        }

        SplitIndex split(String split) {
            if (!Splits.ALL.contains(split)) {
                throw new EvaluationRejected("unknown split '" + split + "' (" + Splits.TRAIN + ", " + Splits.VAL + " or "
                        + Splits.TEST + ")");
            }
            return splits.computeIfAbsent(split, s -> new SplitIndex(s, manifest.split(s), manifest.attributes()));
        }
    }
}
