package org.sxcascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation a reader gets with the repository (README.md, docs/, the comments of the
 * bundled cases) must stand on its own: it must not send readers to the project's private domain
 * brief, which is not in the repository, and every docs page it names must exist. The facts and
 * their published sources are in docs/theory.md and the pages it points to.
 */
class DocsSelfContainedTest {
    private static final Pattern DOC_PAGE = Pattern.compile("docs/[A-Za-z0-9_-]+\\.md");

    private static List<Path> readerFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of("README.md"));
        for (String dir : List.of("docs", "cases")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".md") || p.toString().endsWith(".yaml"))
                        .sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void noReaderFileRefersToTheDomainBrief() throws IOException {
        List<Path> files = readerFiles();
        assertThat(files).contains(Path.of("docs/theory.md"), Path.of("cases/zhang-binary.yaml"));
        List<String> hits = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("DOMAIN")) {
                    hits.add(f + ":" + (i + 1) + ": " + lines.get(i));
                }
            }
        }
        assertThat(hits).as("references to a file outside the repository").isEmpty();
    }

    @Test
    void everyDocsPageNamedExists() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path f : readerFiles()) {
            Matcher m = DOC_PAGE.matcher(Files.readString(f));
            while (m.find()) {
                if (!Files.isRegularFile(Path.of(m.group()))) {
                    missing.add(f + " names " + m.group());
                }
            }
        }
        assertThat(missing).isEmpty();
    }
}
