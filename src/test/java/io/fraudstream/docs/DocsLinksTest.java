package io.fraudstream.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and of docs/ leads somewhere: the file exists and, for a Markdown target, the
 * {@code #anchor} is one of its headings (GitHub's slugs). Moving a section between files cannot leave a dead link.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+)$");

    @Test
    void everyRelativeLinkResolves() throws IOException {
        final List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        int checked = 0;
        for (Path page : pages) {
            final Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                final String link = m.group(1);
                if (link.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto: not ours to check offline
                }
                final int hash = link.indexOf('#');
                final String file = hash < 0 ? link : link.substring(0, hash);
                final Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                assertThat(target).as(page + " links to " + link).exists();
                if (hash >= 0) {
                    assertThat(anchors(target)).as(page + " links to " + link).contains(link.substring(hash + 1));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    private static Set<String> anchors(final Path markdown) throws IOException {
        final Set<String> anchors = new HashSet<>();
        final Matcher m = HEADING.matcher(Files.readString(markdown));
        while (m.find()) {
            anchors.add(m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
