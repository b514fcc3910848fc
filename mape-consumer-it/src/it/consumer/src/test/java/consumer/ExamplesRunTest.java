package consumer;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mape.test.redis.RedisExtension;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the main of every class in src/main/java/consumer, with a real Redis's URL as its one argument: adding an
 * example is adding its file. An example checks its own outcome and throws when it is wrong.
 */
class ExamplesRunTest {

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    @TestFactory
    Stream<DynamicTest> everyExampleRuns() throws IOException {
        List<String> names;
        try (Stream<Path> classes = Files.list(Path.of("target", "classes", "consumer"))) {
            names = classes.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".class") && !f.contains("$"))
                    .map(f -> "consumer." + f.substring(0, f.length() - ".class".length()))
                    .sorted()
                    .collect(Collectors.toList());
        }
        return names.stream().map(ExamplesRunTest::mainOf).filter(m -> m != null).map(main ->
                DynamicTest.dynamicTest(main.getDeclaringClass().getSimpleName(), () ->
                        assertTimeoutPreemptively(Duration.ofSeconds(30),
                                () -> main.invoke(null, (Object) new String[] {REDIS.server().url()}))));
    }

    private static Method mainOf(String name) {
        try {
            Method main = Class.forName(name).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers()) ? main : null;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return null;
        }
    }
}
