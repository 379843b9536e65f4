package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every byte format lives in a codec: only a {@code *Codec} class, or a helper of the codec package, reads or writes
 * stored or internal records with {@code ByteBuffer} or the {@code Data*Stream}s, and docs/how-it-works.md ("Stored
 * formats") lists every codec.
 */
class CodecsTest {
    private static final Path CODEC_PACKAGE = Path.of("io", "fraudstream", "codec");
    private static final Pattern BYTE_IO = Pattern.compile("import java\\.(nio\\.ByteBuffer|io\\.Data\\w*);");

    @Test
    void onlyCodecsReadAndWriteBytesAndTheDocsListThemAll() throws IOException {
        final String docs = Files.readString(Path.of("docs", "how-it-works.md"));
        final List<String> outside = new ArrayList<>();
        final List<String> undocumented = new ArrayList<>();
        int codecs = 0;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                final String name = f.getFileName().toString().replace(".java", "");
                if (name.endsWith("Codec")) {
                    codecs++;
                    if (!docs.contains("`" + name + "`")) {
                        undocumented.add(name);
                    }
                } else if (!f.getParent().endsWith(CODEC_PACKAGE) && BYTE_IO.matcher(Files.readString(f)).find()) {
                    outside.add(f.toString());
                }
            }
        }
        assertThat(outside).as("byte formats outside a codec").isEmpty();
        assertThat(undocumented).as("codecs missing from docs/how-it-works.md, Stored formats").isEmpty();
        assertThat(codecs).isGreaterThanOrEqualTo(12);
    }
}
