package io.fairtune.trainer.bench;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.data.DatasetLoader;
import io.fairtune.trainer.data.ImageCache;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import io.fairtune.trainer.model.VitCheckpoint;
import io.fairtune.trainer.tools.PretrainVit;
import io.fairtune.trainer.tools.RepoPaths;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneResult;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import io.fairtune.trainer.training.WeightedCrossEntropy;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trainer's training speed against PyTorch eager on the identical model, data, batch order, optimizer and
 * thread count, in one run on one machine.
 *
 * <p>The JVM writes, to a temporary folder: the model's weights as they enter training (the shipped tiny ViT
 * checkpoint plus the trainer's seeded fresh head), the decoded HAM10000 training images exactly as
 * {@link FineTuner} feeds them, their labels, the class weights and FineTuner's per-epoch shuffle, and the
 * top-3 mask's trainable parameter names. {@code tools/torch_speed.py} (Debian's python3-torch, the model from
 * {@code tools/timm_vit.py}) trains on those with {@code torch.optim.AdamW} and the same schedule. Both sides
 * count training steps only (batch copy, forward, loss, backward, optimizer update, loss read back), over whole
 * epochs; the mean loss per epoch is compared to show both trained the same thing.
 *
 * <p>Per round and thread count: trainer full, PyTorch full, trainer top-3 (cache off: the frozen prefix is
 * recomputed every step, like PyTorch with {@code requires_grad=False}), PyTorch top-3, and the trainer's
 * frozen-prefix cache (a trainer feature PyTorch does not have). Intra-op threads: {@code JniUtils.setNumThreads}
 * / {@code torch.set_num_threads}; inter-op threads 1 on both. Medians over interleaved rounds, min-max spread.
 *
 * <p>Both libtorch builds use OpenMP, whose idle threads spin by default: on a machine whose cores are busy with
 * other work, two threads then run 5-20x slower than one. Run with {@code OMP_WAIT_POLICY=PASSIVE} in the
 * environment (the Python side inherits it) to measure the threads without that effect; the header says which.
 *
 * <p>Run: {@code ./mvnw -q -pl trainer-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.fairtune.trainer.bench.TorchSpeedBench -Dexec.args="[samples=512] [epochs=3] [rounds=3]
 * [threads=1,2]"} ({@code -Dtorch.python=...} picks another Python; default {@code /usr/bin/python3}).
 */
public final class TorchSpeedBench {

    private static final long SEED = 1;
    private static final double LR = 1e-4;
    private static final double WEIGHT_DECAY = 0.05;
    private static final int BATCH = 64;

    private TorchSpeedBench() {
    }

    private record Sample(double steps, double wall, List<Double> losses) {
    }

    private enum Run {
        TRAINER_FULL("trainer, full"), TORCH_FULL("pytorch, full"), TRAINER_TOP3("trainer, top-3 (cache off)"),
        TORCH_TOP3("pytorch, top-3 (requires_grad=False)"), TRAINER_TOP3_CACHE("trainer, top-3 + prefix cache");

        final String label;

        Run(String label) {
            this.label = label;
        }
    }

    public static void main(String[] args) throws Exception {
        // before the engine loads: one inter-op thread on both sides
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int[] threads = Arrays.stream((args.length > 3 ? args[3] : "1,2").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        String python = System.getProperty("torch.python", "/usr/bin/python3");
        VitConfig config = VitConfig.tiny();
        Path repo = RepoPaths.root();
        Path script = repo.resolve("tools/torch_speed.py");
        Path checkpoint = repo.resolve("models").resolve(PretrainVit.CHECKPOINT);
        DatasetManifest manifest = DatasetManifest.load(repo.resolve("datasets/ham10000/manifest.csv"));
        DatasetLoader loader = new DatasetLoader(RepoPaths.shared().resolve("datasets"), new ImageCache(1L << 32));
        ImageSplit train = loader.loadSubsample(manifest, "train", config.imageSize(), samples, 0);
        ImageSplit probe = loader.loadSubsample(manifest, "val", config.imageSize(), 8, 0);
        BackboneLayout layout = BackboneLayout.vit(config.depth());
        ParameterSelection full = ParameterSelection.parse("blocks", FixedMask.FULL.wireForm(), layout);
        ParameterSelection top3 = ParameterSelection.parse("blocks", "0".repeat(config.depth() - 3) + "111", layout);

        Path dir = Files.createTempDirectory("torch-speed");
        Path weights = dir.resolve("weights.safetensors");
        Path data = dir.resolve("data.safetensors");
        Path top3Names = dir.resolve("top3.txt");
        List<String> trainable = new ArrayList<>();
        try (LoadedBackbone backbone = BackboneLoader.vit(config, checkpoint, SEED, Device.cpu())) {
            VitCheckpoint.save(backbone.vit().orElseThrow(), weights);
            backbone.namedParameters().keySet().stream().filter(top3::isTrainable).forEach(trainable::add);
        }
        Files.write(top3Names, trainable);
        writeData(data, train, epochs);

        String torchVersion = python(python, "-c", "import torch; print(torch.__version__)").strip();
        System.out.printf(Locale.ROOT, "ViT %s, %d HAM10000 training images x %d epochs, batch %d, AdamW lr %.0e wd %.2f"
                        + " cosine; trainer: DJL %s / PyTorch %s (libtorch, CPU); pytorch eager: %s (%s); %d cores; "
                        + "OMP_WAIT_POLICY %s (both sides); inputs in %s%n", config, train.count(), epochs, BATCH, LR,
                WEIGHT_DECAY, ai.djl.engine.Engine.getDjlVersion(), ai.djl.engine.Engine.getEngine("PyTorch").getVersion(),
                torchVersion, python, Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset"), dir);

        for (int t : threads) { // untimed: JIT, native library, thread pools
            JniUtils.setNumThreads(t);
            trainer(config, checkpoint, train, probe, full, false, 1);
        }
        Map<Integer, Map<Run, List<Sample>>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int t : threads) {
                Map<Run, List<Sample>> byRun = results.computeIfAbsent(t, k -> new LinkedHashMap<>());
                for (Run run : Run.values()) {
                    Sample s = switch (run) {
                        case TRAINER_FULL -> trainerRun(t, config, checkpoint, train, probe, full, false, epochs);
                        case TRAINER_TOP3 -> trainerRun(t, config, checkpoint, train, probe, top3, false, epochs);
                        case TRAINER_TOP3_CACHE -> trainerRun(t, config, checkpoint, train, probe, top3, true, epochs);
                        case TORCH_FULL -> torch(python, script, weights, data, "all", t);
                        case TORCH_TOP3 -> torch(python, script, weights, data, top3Names.toString(), t);
                    };
                    byRun.computeIfAbsent(run, k -> new ArrayList<>()).add(s);
                    System.out.printf(Locale.ROOT, "round %d, %d thread(s), %-38s %7.1f images/s steps, %7.1f whole run;"
                            + " epoch losses %s%n", round, t, run.label, s.steps(), s.wall(), losses(s.losses()));
                }
            }
        }

        System.out.printf(Locale.ROOT, "%nmedian of %d interleaved rounds, images/s over training steps (min-max);"
                + " trainer = DJL %s + PyTorch %s, pytorch = eager %s%n", rounds, ai.djl.engine.Engine.getDjlVersion(),
                ai.djl.engine.Engine.getEngine("PyTorch").getVersion(), torchVersion);
        System.out.printf(Locale.ROOT, "%-8s %-34s %-24s %-24s %s%n", "threads", "mask", "trainer", "pytorch",
                "trainer/pytorch");
        for (Map.Entry<Integer, Map<Run, List<Sample>>> e : results.entrySet()) {
            Map<Run, List<Sample>> r = e.getValue();
            row(e.getKey(), "full fine-tuning", r.get(Run.TRAINER_FULL), r.get(Run.TORCH_FULL));
            row(e.getKey(), "top-3 blocks (prefix recomputed)", r.get(Run.TRAINER_TOP3), r.get(Run.TORCH_TOP3));
            row(e.getKey(), "top-3 blocks, trainer prefix cache", r.get(Run.TRAINER_TOP3_CACHE), r.get(Run.TORCH_TOP3));
        }
        if (threads.length > 1) {
            System.out.printf("%nthreads %d vs %d (median images/s ratio):%n", threads[threads.length - 1], threads[0]);
            for (Run run : Run.values()) {
                System.out.printf(Locale.ROOT, "  %-38s %.2fx%n", run.label,
                        median(results.get(threads[threads.length - 1]).get(run), true)
                                / median(results.get(threads[0]).get(run), true));
            }
        }
        Sample a = results.get(threads[0]).get(Run.TRAINER_FULL).get(0);
        Sample b = results.get(threads[0]).get(Run.TORCH_FULL).get(0);
        Sample c = results.get(threads[0]).get(Run.TRAINER_TOP3).get(0);
        Sample d = results.get(threads[0]).get(Run.TORCH_TOP3).get(0);
        System.out.printf(Locale.ROOT, "%nsame training on both sides: max relative difference of the epoch losses "
                + "%.1e (full), %.1e (top-3)%n", maxRelative(a.losses(), b.losses()), maxRelative(c.losses(), d.losses()));
    }

    private static void row(int threads, String mask, List<Sample> trainer, List<Sample> torch) {
        System.out.printf(Locale.ROOT, "%-8d %-34s %-24s %-24s %.2fx%n", threads, mask, spread(trainer),
                spread(torch), median(trainer, true) / median(torch, true));
    }

    private static String spread(List<Sample> s) {
        double[] v = s.stream().mapToDouble(Sample::steps).sorted().toArray();
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f)", median(s, true), v[0], v[v.length - 1]);
    }

    private static double median(List<Sample> s, boolean steps) {
        double[] v = s.stream().mapToDouble(x -> steps ? x.steps() : x.wall()).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double maxRelative(List<Double> a, List<Double> b) {
        double worst = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            worst = Math.max(worst, Math.abs(a.get(i) - b.get(i)) / Math.max(1e-12, Math.abs(b.get(i))));
        }
        return a.size() == b.size() ? worst : Double.NaN;
    }

    private static String losses(List<Double> losses) {
        StringBuilder sb = new StringBuilder("[");
        for (double l : losses) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.6f", l));
        }
        return sb.append(']').toString();
    }

    private static Sample trainerRun(int threads, VitConfig config, Path checkpoint, ImageSplit train,
                                     ImageSplit probe, ParameterSelection selection, boolean cache, int epochs) {
        JniUtils.setNumThreads(threads);
        return trainer(config, checkpoint, train, probe, selection, cache, epochs);
    }

    /** Steps-only images/s (FineTuner's own count) and images/s over the whole FineTuner.run (cache build included). */
    private static Sample trainer(VitConfig config, Path checkpoint, ImageSplit train, ImageSplit probe,
                                  ParameterSelection selection, boolean cache, int epochs) {
        InnerLoopSpec loop = new InnerLoopSpec(epochs, BATCH, "adamw", "cosine", 0, WEIGHT_DECAY, 1e-5, 1e-3, false,
                true);
        try (LoadedBackbone backbone = BackboneLoader.vit(config, checkpoint, SEED, Device.cpu())) {
            long t0 = System.nanoTime();
            FineTuneResult r = FineTuner.run(backbone, train, null, probe,
                    new FineTuneSettings(loop, LR, SEED, selection, cache, 1L << 32, 256), FineTuneListener.NONE,
                    () -> false);
            double wall = (System.nanoTime() - t0) / 1e9;
            return new Sample(r.imagesPerSecond(), (double) train.count() * epochs / wall, r.epochLosses());
        }
    }

    private static final Pattern NUMBER = Pattern.compile("\"%s\": ([0-9.eE+-]+)");

    private static Sample torch(String python, Path script, Path weights, Path data, String trainable, int threads)
            throws IOException, InterruptedException {
        String out = python(python, script.toString(), "--weights", weights.toString(), "--data", data.toString(),
                "--trainable", trainable, "--threads", String.valueOf(threads), "--batch", String.valueOf(BATCH),
                "--lr", String.valueOf(LR), "--weight-decay", String.valueOf(WEIGHT_DECAY));
        String json = out.lines().filter(l -> l.startsWith("{")).reduce((x, y) -> y)
                .orElseThrow(() -> new IllegalStateException("torch_speed.py printed no result:\n" + out));
        int reported = (int) number(json, "threads");
        if (reported != threads) {
            throw new IllegalStateException("PyTorch ran with " + reported + " threads, not " + threads);
        }
        Matcher m = Pattern.compile("\"epoch_losses\": \\[([^]]*)]").matcher(json);
        List<Double> losses = new ArrayList<>();
        if (m.find()) {
            for (String v : m.group(1).split(",")) {
                losses.add(Double.parseDouble(v.strip()));
            }
        }
        return new Sample(number(json, "images_per_second"), number(json, "wall_images_per_second"), losses);
    }

    private static double number(String json, String key) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), key)).matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + key + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String python(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", "1"); // torch.set_num_threads in the script sets the real count
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }

    /** FineTuner's inputs without augmentation: images as ImageSplit holds them, labels, shuffles, class weights. */
    private static void writeData(Path file, ImageSplit train, int epochs) throws IOException {
        int n = train.count();
        int len = 3 * train.size() * train.size();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        float[] images = new float[n * len];
        train.copyTo(all, images);
        long[] labels = Arrays.stream(train.labels()).asLongStream().toArray();
        long[] order = new long[epochs * n];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            // FineTuner.run: new Random(seed * 1_000_003L + epoch), then a Fisher-Yates permutation
            int[] p = FineTuner.permutation(n, new Random(SEED * 1_000_003L + epoch));
            for (int i = 0; i < n; i++) {
                order[(epoch - 1) * n + i] = p[i];
            }
        }
        float[] classWeights = WeightedCrossEntropy.inverseFrequency(train.labels(), 2);
        Map<String, Object> tensors = new LinkedHashMap<>();
        tensors.put("images", new Object[] {images, new long[] {n, 3, train.size(), train.size()}});
        tensors.put("labels", new Object[] {labels, new long[] {n}});
        tensors.put("order", new Object[] {order, new long[] {epochs, n}});
        tensors.put("class_weights", new Object[] {classWeights, new long[] {2}});
        writeSafetensors(file, tensors);
    }

    /** name -> {float[] or long[], shape}: F32 / I64 safetensors, little-endian, header padded to 8 bytes. */
    private static void writeSafetensors(Path file, Map<String, Object> tensors) throws IOException {
        StringBuilder header = new StringBuilder("{");
        long offset = 0;
        List<ByteBuffer> blobs = new ArrayList<>();
        for (Map.Entry<String, Object> e : tensors.entrySet()) {
            Object[] t = (Object[]) e.getValue();
            long[] shape = (long[]) t[1];
            ByteBuffer buf;
            String dtype;
            if (t[0] instanceof float[] f) {
                buf = ByteBuffer.allocate(4 * f.length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asFloatBuffer().put(f);
                dtype = "F32";
            } else {
                long[] l = (long[]) t[0];
                buf = ByteBuffer.allocate(8 * l.length).order(ByteOrder.LITTLE_ENDIAN);
                buf.asLongBuffer().put(l);
                dtype = "I64";
            }
            blobs.add(buf);
            header.append(header.length() > 1 ? "," : "").append('"').append(e.getKey()).append("\":{\"dtype\":\"")
                    .append(dtype).append("\",\"shape\":").append(Arrays.toString(shape).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + buf.capacity())
                    .append("]}");
            offset += buf.capacity();
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] h = header.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
            out.write(h);
            for (ByteBuffer b : blobs) {
                out.write(b.array());
            }
        }
    }
}
