package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code java} block of README.md and docs/*.md compiles against the library, so the docs cannot rot
 * ({@link DocSnippets} says how); {@link DocsRunTest} runs those that are not fragments.
 */
class DocsCompileTest {

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        List<DocSnippets.Snippet> snippets = DocSnippets.all();
        assertThat(snippets).as("java blocks in the docs").isNotEmpty();
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> DocSnippets.compile(s.code())));
    }
}
