package io.fairtune.trainer.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.data.ManifestSample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped manifest is exactly what the one-command tool derives from the HAM10000 metadata. */
class PrepareHam10000ManifestTest {

    static final Path REPO = Path.of(System.getProperty("fairtune.repo.root", ".."));
    static final Path METADATA = REPO.resolve("../shared/datasets/ham10000-subset/metadata.csv");

    @Test
    void shippedManifestIsReproducibleAndFollowsTheMedfairRules() throws Exception {
        List<String> lines = Files.readAllLines(METADATA, StandardCharsets.UTF_8);
        String rebuilt = PrepareHam10000Manifest.build(lines, PrepareHam10000Manifest.DEFAULT_SEED);
        Path shipped = REPO.resolve("datasets/ham10000/manifest.csv");
        assertEquals(Files.readString(shipped), rebuilt, "run PrepareHam10000Manifest to refresh the shipped file");

        DatasetManifest manifest = DatasetManifest.parse(rebuilt);
        assertEquals(List.of("sex", "age_binary"), manifest.attributes());
        assertEquals(5984, manifest.samples().size());
        Map<String, String[]> meta = new HashMap<>();
        Map<String, String> splitOfLesion = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            meta.put(c[0], c);
        }
        int unknownSex = 0;
        int unknownAge = 0;
        for (ManifestSample s : manifest.samples()) {
            String[] c = meta.get(s.sampleId());
            assertEquals(c[2].equals("mel") || c[2].equals("akiec") ? 1 : 0, s.label());
            String previous = splitOfLesion.putIfAbsent(c[1], s.split());
            assertTrue(previous == null || previous.equals(s.split()), "lesion " + c[1] + " in two splits");
            if (s.group("sex") == null) {
                unknownSex++;
                assertEquals("unknown", c[5]);
            }
            if (s.group("age_binary") == null) {
                unknownAge++;
                assertTrue(c[4].isEmpty());
            } else {
                assertEquals(Double.parseDouble(c[4]) > 60 ? "1" : "0", s.group("age_binary"));
            }
            assertTrue(s.path().startsWith("ham10000-subset/images/"));
        }
        assertEquals(36, unknownSex);
        assertEquals(36, unknownAge);
        int n = manifest.samples().size();
        assertEquals(0.8, manifest.split("train").size() / (double) n, 0.01);
        assertEquals(0.1, manifest.split("val").size() / (double) n, 0.01);
    }
}
