package io.fraudstream;

import io.fraudstream.kafka.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary directories for what a test hands a directory to outside JUnit's reach (a {@code TopologyTestDriver}'s
 * or an application's state directory, made in a helper or a static factory where {@code @TempDir} cannot go): each
 * is deleted with everything in it when the test JVM exits. Kafka Streams cleans its task directories but leaves
 * the one it was given, and the suite left some 2 000 empty ones in {@code /tmp} per run.
 */
public final class TestDirs {
    private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> MADE.forEach(TempDirs::deleteRecursively),
                "test-dirs-cleanup"));
    }

    private TestDirs() {
    }

    /** A new empty directory whose name starts with {@code prefix}, deleted at exit. */
    public static Path create(final String prefix) {
        try {
            final Path dir = Files.createTempDirectory(prefix);
            MADE.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
