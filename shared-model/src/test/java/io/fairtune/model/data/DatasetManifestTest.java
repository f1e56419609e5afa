package io.fairtune.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatasetManifestTest {

    static final String CSV = """
            sample_id,path,label,split,sex,age_binary
            a,img/a.jpg,1,train,M,0
            b,img/b.jpg,0,val,F,
            c,img/c.jpg,0,test,,1
            """;

    @Test
    void parsesSamplesAttributesAndUnknownGroups() {
        DatasetManifest m = DatasetManifest.parse(CSV);
        assertEquals(3, m.samples().size());
        assertEquals(java.util.List.of("sex", "age_binary"), m.attributes());
        assertEquals("b", m.split("val").get(0).sampleId());
        assertNull(m.split("val").get(0).group("age_binary"), "empty cell = unknown, never a group");
        assertNull(m.split("test").get(0).group("sex"));
        assertEquals(64, m.sha256().length());
    }

    @Test
    void aSubjectInTwoSplitsIsRefusedWithTheOffendingIds() {
        String leaking = """
                sample_id,path,label,split,sex,patient_id
                a1,img/a1.jpg,1,train,M,P1
                a2,img/a2.jpg,0,val,M,P1
                b1,img/b1.jpg,0,train,F,P2
                b2,img/b2.jpg,0,train,F,P2
                c1,img/c1.jpg,1,val,F,P3
                c2,img/c2.jpg,0,test,F,P3
                d1,img/d1.jpg,0,test,M,
                """;
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> DatasetManifest.parse(leaking));
        assertEquals("2 patient_ids are in more than one split; split a medical dataset by patient: P1 (train, val); "
                + "P3 (test, val)", e.getMessage());
        String bySubject = leaking.replace("patient_id", "subject_id").replace("a2,img/a2.jpg,0,val", "a2,img/a2.jpg,0,train")
                .replace("c2,img/c2.jpg,0,test", "c2,img/c2.jpg,0,val");
        assertEquals(7, DatasetManifest.parse(bySubject).samples().size(), "each subject in one split is fine");
    }

    @Test
    void hashIsOfTheFileBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.csv");
        Files.writeString(f, CSV);
        assertEquals(DatasetManifest.parse(CSV).sha256(), DatasetManifest.load(f).sha256());
        Files.writeString(f, CSV.replace("M,0", "F,0"));
        assertTrue(!DatasetManifest.parse(CSV).sha256().equals(DatasetManifest.load(f).sha256()));
    }

    @ParameterizedTest
    @MethodSource("badManifests")
    void badManifestsNameTheProblem(String text, String expected) {
        InvalidManifestException e = assertThrows(InvalidManifestException.class,
                () -> DatasetManifest.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Stream<Arguments> badManifests() {
        return Stream.of(
                Arguments.of("", "manifest is empty"),
                Arguments.of("sample_id,path,split", "lacks required column 'label'"),
                Arguments.of("sample_id,path,label,split", "header but no samples"),
                Arguments.of("sample_id,path,label,split\na,x.jpg,2,train", "label must be 0 or 1, was '2'"),
                Arguments.of("sample_id,path,label,split\na,x.jpg,1,holdout", "split must be train, val or test"),
                Arguments.of("sample_id,path,label,split\na,x.jpg,1,train\na,y.jpg,0,val",
                        "line 3: duplicate sample_id 'a'"),
                Arguments.of("sample_id,path,label,split\na,x.jpg,1", "line 2: 3 columns, header has 4"),
                Arguments.of("sample_id,path,label,split\n,x.jpg,1,train", "sample_id is empty"),
                Arguments.of("sample_id,path,label,split,sample_id\na,x.jpg,1,train,a", "duplicate columns"));
    }

    @Test
    void oversizedManifestsAreRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.csv");
        Files.writeString(f, CSV);
        InvalidManifestException e = assertThrows(InvalidManifestException.class, () -> DatasetManifest.load(f, 10));
        assertTrue(e.getMessage().contains("more than the limit of 10"), e.getMessage());
    }
}
