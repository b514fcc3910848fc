package io.mape.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mape.App;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.knowledge.Knowledge;
import io.mape.remote.influx.harness.QuestDbServer;
import io.mape.test.redis.RedisExtension;
import io.mape.remote.rest.RestServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Every {@code java} block of README.md and docs/*.md that is not marked a fragment runs, against real servers: a
 * Redis of the harness for the Redis URLs the blocks name, QuestDB for the InfluxDB ones, a RestServer on a free
 * port for the peer a block posts to, port 0 where a block listens. A method-body block runs in this JVM with a
 * Knowledge {@code k}, within {@link #BOUND}; a test class (docs/testing.md's) runs on the JUnit platform in this JVM,
 * within {@link #BOUND}, and must pass; a {@code main} runs in its own JVM, which must not fail within
 * {@link #MAIN_RUNS_FOR} (a server's main runs until it is stopped: then it is stopped). What a block prints is
 * captured and shown when it fails.
 */
class DocsRunTest {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final Duration MAIN_RUNS_FOR = Duration.ofSeconds(5);
    private static final Pattern MAIN_TYPE = Pattern.compile("^public (?:final )?class (\\w+)", Pattern.MULTILINE);
    private static final Pattern TEST_TYPE = Pattern.compile("^(?:public )?(?:final )?class (\\w+)", Pattern.MULTILINE);

    @RegisterExtension
    static final RedisExtension REDIS = RedisExtension.any();

    private static QuestDbServer influx;
    private static App peer;
    private static RestServer peerServer;

    @BeforeAll
    static void servers() {
        influx = QuestDbServer.start();
        peer = App.create(MapeConfig.defaults());
        peer.loop("ambulance_emergency").plan("emergency_policy", (Boolean emergency, Output<Boolean> out) -> out.next(emergency));
        peerServer = RestServer.builder(peer).port(0).noToken().build();
    }

    @AfterAll
    static void stop() {
        if (peer != null) {
            peer.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRunnableBlockRuns() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (DocSnippets.Snippet s : DocSnippets.all()) {
            if (!s.fragment()) {
                tests.add(DynamicTest.dynamicTest(s.name(), () -> run(s)));
            }
        }
        assertThat(tests).as("runnable java blocks in the docs").isNotEmpty();
        return tests.stream();
    }

    /** The docs' addresses, replaced by the servers of this test. */
    private static Map<String, String> substitutions() {
        String config = "MapeConfig.builder().redisUrl(\"" + REDIS.server().url() + "\").restPort(0)"
                + ".influxdb(\"" + influx.url() + "\", null, \"" + influx.org() + "\", \"" + influx.bucket() + "\").build()";
        Map<String, String> s = new LinkedHashMap<>();
        s.put("\"redis://127.0.0.1:6379/0\"", "\"" + REDIS.server().url() + "\"");
        s.put("App.create()", "App.create(" + config + ")");
        s.put("MapeConfig.load()", config);
        s.put("\"http://10.0.0.5:6060\"", "\"" + peerServer.uri().toString().replaceAll("/$", "") + "\"");
        s.put(".host(\"0.0.0.0\")", ".host(\"127.0.0.1\")");
        s.put(".port(6060)", ".port(0)");
        return s;
    }

    private static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MAPE_REDIS_URL", REDIS.server().url());
        env.put("MAPE_REST_PORT", "0");
        env.put("MAPE_INFLUXDB_URL", influx.url());
        env.put("MAPE_INFLUXDB_ORG", influx.org());
        env.put("MAPE_INFLUXDB_BUCKET", influx.bucket());
        return env;
    }

    private static void run(DocSnippets.Snippet snippet) throws Exception {
        String code = snippet.code();
        for (Map.Entry<String, String> e : substitutions().entrySet()) {
            code = code.replace(e.getKey(), e.getValue());
        }
        DocSnippets.Compiled compiled = DocSnippets.compile(code);
        if (compiled.asBody()) {
            runBody(compiled.classes(), snippet.name());
        } else {
            runMain(compiled.classes(), code, snippet.name());
        }
    }

    private static void runBody(Path classes, String name) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, DocsRunTest.class.getClassLoader());
             App app = App.create(MapeConfig.defaults())) {
            Class<?> type = loader.loadClass("Snippet");
            Object snippet = type.getConstructor().newInstance();
            Method body = type.getMethod("run", Knowledge.class);
            Knowledge k = app.k();
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            assertTimeoutPreemptively(BOUND, () -> {
                try {
                    body.invoke(snippet, k);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }, () -> name + " printed:\n" + printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    private static void runMain(Path classes, String code, String name) throws Exception {
        Matcher testType = TEST_TYPE.matcher(code);
        if (testType.find() && isTestClass(classes, testType.group(1))) {
            runTests(classes, testType.group(1), name);
            return;
        }
        Matcher type = MAIN_TYPE.matcher(code);
        if (!type.find() || !hasMain(classes, type.group(1))) {
            fail(name + " is neither a method body, a test class nor a class with a main: mark it as a fragment "
                    + "(<!-- fragment: compiled, not run --> on the line before it) or make it runnable");
        }
        Path out = Files.createTempFile("docs-main", ".out");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), type.group(1))
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(environment());
        Process process = pb.start();
        try {
            boolean ended = process.waitFor(MAIN_RUNS_FOR.toMillis(), TimeUnit.MILLISECONDS);
            String printed = Files.readString(out);
            if (ended) {
                assertThat(process.exitValue()).as(name + " ended; it printed:\n" + printed).isZero();
            }
            assertThat(printed).as(name + " printed").doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    /** Whether the type or a superclass of it declares a JUnit 5 {@code @Test} method. */
    private static boolean isTestClass(Path classes, String typeName) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, DocsRunTest.class.getClassLoader())) {
            for (Class<?> c = loader.loadClass(typeName); c != null; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
                        return true;
                    }
                }
            }
            return false;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** Runs a test class of the docs (a JUnit 5 class, or one extending a conformance suite) on the platform. */
    private static void runTests(Path classes, String typeName, String name) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, DocsRunTest.class.getClassLoader())) {
            Class<?> type = loader.loadClass(typeName);
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            assertTimeoutPreemptively(BOUND, () -> LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(DiscoverySelectors.selectClass(type)).build(),
                    summary));
            StringBuilder failures = new StringBuilder();
            summary.getSummary().getFailures().forEach(f -> failures.append('\n').append(f.getTestIdentifier()
                    .getDisplayName()).append(": ").append(f.getException()));
            assertThat(summary.getSummary().getTestsFoundCount()).as(name + " has tests").isPositive();
            assertThat(failures.toString()).as(name + "'s tests fail").isEmpty();
        }
    }

    private static boolean hasMain(Path classes, String typeName) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, DocsRunTest.class.getClassLoader())) {
            Method main = loader.loadClass(typeName).getMethod("main", String[].class);
            return Modifier.isStatic(main.getModifiers());
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            return false;
        }
    }
}
