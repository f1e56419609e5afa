package io.fairtune.model.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A MEDFAIR-style dataset manifest: a CSV with the columns {@code sample_id,path,label,split} followed by
 * one column per sensitive attribute. {@code path} is relative to the manifest's image root. Labels are
 * 0/1; splits are train, val, test. The SHA-256 of the file's bytes identifies it across services.
 */
public final class DatasetManifest {

    public static final List<String> REQUIRED_COLUMNS = List.of("sample_id", "path", "label", "split");
    public static final Set<String> SPLITS = Splits.ALL;
    /** Refuses manifests larger than this (bytes) before reading them, as a guard against hostile input. */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
    /** The same, as text for configuration defaults ({@code fairtune.limits.max-manifest-bytes}). */
    public static final String DEFAULT_MAX_BYTES_TEXT = "" + DEFAULT_MAX_BYTES;

    private final List<ManifestSample> samples;
    private final List<String> attributes;
    private final String sha256;

    private DatasetManifest(List<ManifestSample> samples, List<String> attributes, String sha256) {
        this.samples = List.copyOf(samples);
        this.attributes = List.copyOf(attributes);
        this.sha256 = sha256;
    }

    public static DatasetManifest load(Path csv) {
        return load(csv, DEFAULT_MAX_BYTES);
    }

    public static DatasetManifest load(Path csv, long maxBytes) {
        byte[] bytes;
        try {
            long size = Files.size(csv);
            if (size > maxBytes) {
                throw new InvalidManifestException("manifest " + csv.getFileName() + " has " + size
                        + " bytes, more than the limit of " + maxBytes);
            }
            bytes = Files.readAllBytes(csv);
        } catch (IOException e) {
            throw new InvalidManifestException("cannot read manifest " + csv.getFileName() + ": " + e.getMessage(), e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), sha256(bytes));
    }

    public static DatasetManifest parse(String text) {
        return parse(text, sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static DatasetManifest parse(String text, String sha256) {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new InvalidManifestException("manifest is empty: a header line is required");
        }
        List<String> header = List.of(lines[0].strip().split(",", -1));
        for (String col : REQUIRED_COLUMNS) {
            if (!header.contains(col)) {
                throw new InvalidManifestException("manifest header lacks required column '" + col + "' (has "
                        + String.join(",", header) + ")");
            }
        }
        if (new HashSet<>(header).size() != header.size()) {
            throw new InvalidManifestException("manifest header has duplicate columns: " + String.join(",", header));
        }
        List<String> attributes = header.stream().filter(c -> !REQUIRED_COLUMNS.contains(c)).toList();
        int idCol = header.indexOf("sample_id");
        int pathCol = header.indexOf("path");
        int labelCol = header.indexOf("label");
        int splitCol = header.indexOf("split");
        List<ManifestSample> samples = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNo = i + 1;
            String[] cells = lines[i].strip().split(",", -1);
            if (cells.length != header.size()) {
                throw new InvalidManifestException("line " + lineNo + ": " + cells.length + " columns, header has "
                        + header.size());
            }
            String id = cells[idCol].strip();
            if (id.isEmpty()) {
                throw new InvalidManifestException("line " + lineNo + ": sample_id is empty");
            }
            if (!seen.add(id)) {
                throw new InvalidManifestException("line " + lineNo + ": duplicate sample_id '" + id + "'");
            }
            String path = cells[pathCol].strip();
            if (path.isEmpty()) {
                throw new InvalidManifestException("line " + lineNo + ": path is empty");
            }
            int label;
            switch (cells[labelCol].strip()) {
                case "0" -> label = 0;
                case "1" -> label = 1;
                default -> throw new InvalidManifestException("line " + lineNo + ": label must be 0 or 1, was '"
                        + cells[labelCol].strip() + "'");
            }
            String split = cells[splitCol].strip();
            if (!SPLITS.contains(split)) {
                throw new InvalidManifestException("line " + lineNo + ": split must be train, val or test, was '"
                        + split + "'");
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (String attribute : attributes) {
                String v = cells[header.indexOf(attribute)].strip();
                if (!v.isEmpty()) {
                    attrs.put(attribute, v);
                }
            }
            samples.add(new ManifestSample(id, path, label, split, attrs));
        }
        if (samples.isEmpty()) {
            throw new InvalidManifestException("manifest has a header but no samples");
        }
        for (String subjectColumn : SubjectLeakage.SUBJECT_COLUMNS) {
            if (header.contains(subjectColumn)) {
                SubjectLeakage.check(subjectColumn, samples);
            }
        }
        return new DatasetManifest(samples, attributes, sha256);
    }

    public List<ManifestSample> samples() {
        return samples;
    }

    public List<ManifestSample> split(String split) {
        return samples.stream().filter(s -> s.split().equals(split)).toList();
    }

    /** The sensitive attribute columns, in header order. */
    public List<String> attributes() {
        return attributes;
    }

    public boolean hasAttribute(String attribute) {
        return attributes.contains(attribute);
    }

    public String sha256() {
        return sha256;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
