package io.fraudstream.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way fraudstream removes a directory it made for Kafka: an embedded broker's data, the state directory of
 * a demo, a bench or a replay through Kafka. Everything in it goes, deepest first; what cannot be deleted is logged
 * and left, never thrown over the result of the run it served.
 */
public final class TempDirs {
    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);

    private TempDirs() {
    }

    /** Deletes {@code root} and everything in it; nothing when it does not exist. */
    public static void deleteRecursively(final Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", root, e.toString());
        }
    }
}
