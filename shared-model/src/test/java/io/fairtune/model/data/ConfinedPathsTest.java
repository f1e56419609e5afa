package io.fairtune.model.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class ConfinedPathsTest {

    @TempDir
    Path tmp;

    @Test
    void resolvesInsideTheRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root/ham"));
        assertEquals(root.resolve("m.csv"), ConfinedPaths.resolve(tmp.resolve("root"), "ham/m.csv", "dataset")
                .getParent().resolve("m.csv"));
        assertTrue(ConfinedPaths.resolve(tmp.resolve("root"), "./ham/./m.csv", "dataset").startsWith(tmp.resolve("root")));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void refusesPathsThatLeaveTheRoot(String path, String expected) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfinedPaths.resolve(root, path, "dataset"));
        assertTrue(e.getMessage().startsWith("dataset: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("../etc/passwd", "'..' is not allowed"),
                Arguments.of("ham/../../x", "'..' is not allowed"),
                Arguments.of("/etc/passwd", "absolute paths are not accepted"),
                Arguments.of("http://evil.example/m.csv", "URLs are not accepted"),
                Arguments.of("file:///etc/passwd", "URLs are not accepted"),
                Arguments.of("", "a path is required"));
    }

    @Test
    void refusesSymlinksPointingOut() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "x");
        Files.createSymbolicLink(root.resolve("link.csv"), outside);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfinedPaths.resolve(root, "link.csv", "dataset"));
        assertTrue(e.getMessage().contains("link that leaves"), e.getMessage());
    }
}
