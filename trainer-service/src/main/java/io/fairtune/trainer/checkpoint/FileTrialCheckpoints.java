package io.fairtune.trainer.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.json.Json;
import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.domain.TrialCheckpoint;
import io.fairtune.trainer.domain.TrialCheckpoints;
import io.fairtune.trainer.model.SafetensorsFile;
import io.fairtune.trainer.model.SafetensorsWriter;
import io.fairtune.trainer.model.SafetensorsWriter.Tensor;
import io.fairtune.trainer.training.TrainingState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.jboss.logging.Logger;

/**
 * Trial checkpoints as files on a volume every trainer mounts ({@code fairtune.trainer.checkpoint-dir}):
 * {@code <dir>/<study>/<trial>.safetensors}, one per trial. The format is safetensors (a little-endian u64
 * header length, a JSON header, then raw little-endian F32 tensors) so that the state can be inspected with any
 * safetensors reader: trainable parameters as {@code param/<name>}, optimizer buffers as {@code <kind>/<name>},
 * and the position, fingerprint, trainer-seconds, per-epoch losses, the serialised random generator and a CRC32C
 * of the tensor data in {@code __metadata__}.
 *
 * <p>A file is written to a temporary file in the same directory, forced to disk, then renamed over the old one
 * (and the directory forced): a trainer killed mid-write leaves the previous checkpoint, never half of one. A
 * file that does not read back (truncated, corrupt, another format) is reported once in words, removed, and the
 * trial starts from the beginning.
 */
@ApplicationScoped
public class FileTrialCheckpoints implements TrialCheckpoints {

    private static final Logger LOG = Logger.getLogger(FileTrialCheckpoints.class);
    static final String FORMAT = "fairtune-trial-checkpoint/1";

    private final Optional<Path> dir;

    @Inject
    public FileTrialCheckpoints(TrainerSettings settings) {
        this(settings.checkpointDir());
    }

    /** {@code dir} empty: no checkpoints (every operation does nothing). */
    public FileTrialCheckpoints(Optional<Path> dir) {
        this.dir = dir;
    }

    @Override
    public boolean enabled() {
        return dir.isPresent();
    }

    /** Where the trial's checkpoint lives (whether or not it exists); empty without a checkpoint directory. */
    public Optional<Path> fileOf(TrialProposed trial) {
        return dir.map(d -> d.resolve(safeName(trial.studyId())).resolve(safeName(trial.trialId()) + ".safetensors"));
    }

    @Override
    public Optional<TrialCheckpoint> load(TrialProposed trial, String fingerprint) {
        Optional<Path> file = fileOf(trial).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (SafetensorsFile in = SafetensorsFile.open(file.get())) {
            Map<String, String> meta = in.metadata();
            if (!FORMAT.equals(meta.get("format"))) {
                throw new IllegalArgumentException("it is not a " + FORMAT + " file (format " + meta.get("format") + ")");
            }
            if (!fingerprint.equals(meta.get("fingerprint"))) {
                LOG.infof("attempt %s: the checkpoint of trial %s belongs to another configuration of it (mask, seed, "
                        + "learning rate, loop, backbone, dataset or max-train-samples differ); training from the "
                        + "beginning, and the next checkpoint replaces it", trial.attemptKey(), trial.trialId());
                return Optional.empty();
            }
            CRC32C crc = new CRC32C();
            in.readRange(in.dataStart(), crc::update);
            if (!Long.toHexString(crc.getValue()).equals(meta.get("crc32c"))) {
                throw new IllegalArgumentException("its tensor data does not match its checksum");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, SafetensorsFile.Entry> e : in.entries().entrySet()) {
                tensors.put(e.getKey(), new Tensor(e.getValue().shape(), in.readFloats(e.getKey())));
            }
            String random = meta.get("random");
            TrainingState state = new TrainingState(intOf(meta, "epoch"), intOf(meta, "step"),
                    intOf(meta, "globalStep"), Double.parseDouble(required(meta, "epochLossSum")),
                    intOf(meta, "epochSeen"),
                    Json.read(required(meta, "epochLosses"), new TypeReference<List<Double>>() { }),
                    random == null ? null : Base64.getDecoder().decode(random), tensors,
                    Json.read(required(meta, "updateCounts"), new TypeReference<Map<String, Integer>>() { }));
            return Optional.of(new TrialCheckpoint(fingerprint,
                    Double.parseDouble(required(meta, "trainerSeconds")), state));
        } catch (IOException | RuntimeException e) {
            discard(trial, file.get().getFileName() + " cannot be read back: " + reason(e));
            return Optional.empty();
        }
    }

    @Override
    public void discard(TrialProposed trial, String why) {
        LOG.warnf("attempt %s: ignoring the checkpoint of trial %s: %s; training from the beginning",
                trial.attemptKey(), trial.trialId(), why);
        delete(trial);
    }

    @Override
    public void save(TrialProposed trial, TrialCheckpoint checkpoint) {
        Optional<Path> target = fileOf(trial);
        if (target.isEmpty()) {
            return;
        }
        TrainingState s = checkpoint.state();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("fingerprint", checkpoint.fingerprint());
        meta.put("study", trial.studyId());
        meta.put("trial", trial.trialId());
        meta.put("savedByAttempt", String.valueOf(trial.attempt()));
        meta.put("trainerSeconds", Double.toString(checkpoint.trainerSeconds()));
        meta.put("epoch", String.valueOf(s.epoch()));
        meta.put("step", String.valueOf(s.step()));
        meta.put("globalStep", String.valueOf(s.globalStep()));
        // Double.toString and Jackson's doubles read back to the same bits: the resumed losses stay exact
        meta.put("epochLossSum", Double.toString(s.epochLossSum()));
        meta.put("epochSeen", String.valueOf(s.epochSeen()));
        meta.put("epochLosses", Json.write(s.epochLosses()));
        meta.put("updateCounts", Json.write(s.updateCounts()));
        if (s.random() != null) {
            meta.put("random", Base64.getEncoder().encodeToString(s.random()));
        }
        meta.put("crc32c", Long.toHexString(checksum(s.tensors())));
        Path file = target.get();
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), file.getFileName() + ".", ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                SafetensorsWriter.write(out, meta, s.tensors());
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the checkpoint directory's file system cannot rename atomically", e);
            }
            tmp = null;
            forceDirectory(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is never read as a checkpoint
                }
            }
        }
    }

    @Override
    public void delete(TrialProposed trial) {
        Optional<Path> file = fileOf(trial);
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.deleteIfExists(file.get());
            // temporary files of writes a kill -9 interrupted: never read, removed with the trial
            String prefix = file.get().getFileName() + ".";
            if (Files.isDirectory(file.get().getParent())) {
                try (var siblings = Files.newDirectoryStream(file.get().getParent(), prefix + "*.tmp")) {
                    for (Path leftover : siblings) {
                        Files.deleteIfExists(leftover);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not remove the checkpoint of finished trial %s (%s); it is ignored from now on only if "
                    + "the trial is proposed with another configuration", trial.trialId(), e.getMessage());
        }
    }

    /** CRC32C of the tensors as the file stores them (little-endian F32, in order). */
    static long checksum(Map<String, Tensor> tensors) {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            for (float v : t.values()) {
                if (!buf.hasRemaining()) {
                    crc.update(buf.flip());
                    buf.clear();
                }
                buf.putFloat(v);
            }
        }
        crc.update(buf.flip());
        return crc.getValue();
    }

    /** The rename is durable only once the directory entry is on disk. */
    private static void forceDirectory(Path directory) {
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some file systems cannot open a directory; the rename itself is still atomic
        }
    }

    /**
     * A file-name-safe form of an id: kept as it is when made of letters, digits, '.', '-' and '_' (and not
     * starting with '.'), otherwise those characters plus a hash of the id, so that two ids never share a file.
     */
    static String safeName(String id) {
        if (id.matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}")) {
            return id;
        }
        String kept = id.replaceAll("[^A-Za-z0-9._-]", "_");
        kept = kept.substring(0, Math.min(60, kept.length())).replaceFirst("^\\.", "_");
        return kept + "-" + DatasetManifest.sha256(id.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static int intOf(Map<String, String> meta, String key) {
        return Integer.parseInt(required(meta, key));
    }

    private static String required(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("its header has no " + key);
        }
        return v;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
