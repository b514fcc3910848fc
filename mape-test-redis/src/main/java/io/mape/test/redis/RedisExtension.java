package io.mape.test.redis;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Hands a test class a real Redis, so that {@code mvn verify} works with only a JDK and Maven. Register it on a
 * static field and read {@link #server()}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final RedisExtension REDIS = RedisExtension.any();
 * }</pre>
 *
 * Sources, tried in order: {@code MAPE_TEST_REDIS_URL} (only for {@link #any()}); a {@code redis-server} from the
 * PATH; the real {@code redis-server} 6.2 binary that {@code com.github.codemonstur:embedded-redis} (a dependency of
 * this module) ships in its jar; Redis 7 in a container when Testcontainers is on the test class path (an optional
 * dependency: add {@code org.testcontainers:testcontainers}) and a Docker engine answers. A server the harness starts
 * listens on a free loopback port with its own temp dir, and is stopped and removed after the class. When none can
 * be had, the class fails saying what was tried and how to get one; it is never skipped. It also sets Awaitility's
 * default timeout to 30 s, for a loaded machine.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {

    private enum Source { ENV, PATH, SHIPPED, CONTAINER }

    /** Awaitility's default timeout in the classes that use a Redis: generous, for a loaded 2-core machine. */
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private static Path shippedCache;

    private final List<Source> sources;
    private final List<String> args;
    private RedisServer server;

    private RedisExtension(Source... sources) {
        this(List.of(), sources);
    }

    private RedisExtension(List<String> args, Source... sources) {
        this.sources = List.of(sources);
        this.args = args;
    }

    /**
     * A Redis process of the class's own that keeps what it answered: {@code appendonly yes},
     * {@code appendfsync always}, so that a {@code kill -9} and {@link RedisServer#start()} bring back its data (the
     * PATH's first).
     */
    public static RedisExtension durable() {
        return new RedisExtension(List.of("--appendonly", "yes", "--appendfsync", "always"), Source.PATH,
                Source.SHIPPED);
    }

    /** Any Redis, the one of {@code MAPE_TEST_REDIS_URL} first. */
    public static RedisExtension any() {
        return new RedisExtension(Source.ENV, Source.PATH, Source.SHIPPED, Source.CONTAINER);
    }

    /** A Redis of the class's own, which it may stop and restart: the PATH's first. */
    public static RedisExtension owned() {
        return new RedisExtension(Source.PATH, Source.SHIPPED, Source.CONTAINER);
    }

    /** A Redis of the class's own, the 6.2 binary embedded-redis ships first. */
    public static RedisExtension shipped() {
        return new RedisExtension(Source.SHIPPED, Source.PATH, Source.CONTAINER);
    }

    /** The server of the running class. */
    public RedisServer server() {
        if (server == null) {
            throw new IllegalStateException("no Redis yet: register the extension on a static field");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitility.setDefaultTimeout(AWAIT);
        List<String> tried = new ArrayList<>();
        for (Source s : sources) {
            try {
                Optional<RedisServer> r = open(s, args, tried);
                if (r.isPresent()) {
                    server = r.get();
                    System.out.println(context.getDisplayName() + " runs on " + server);
                    return;
                }
            } catch (Exception e) {
                tried.add(s + " failed: " + e);
            }
        }
        throw new IllegalStateException("No Redis for " + context.getDisplayName() + ". Tried: "
                + String.join("; ", tried) + ". To get one: set MAPE_TEST_REDIS_URL=redis://host:port (for tests "
                + "that need not restart it), or put redis-server on the PATH (Debian: apt-get install "
                + "redis-server), or run on linux or macOS (amd64/arm64) where embedded-redis ships a binary, or add "
                + "Testcontainers to the test class path and start a Docker engine.");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static Optional<RedisServer> open(Source source, List<String> args, List<String> tried)
            throws IOException {
        switch (source) {
            case ENV -> {
                String url = System.getenv("MAPE_TEST_REDIS_URL");
                if (url == null || url.isBlank()) {
                    tried.add("MAPE_TEST_REDIS_URL is not set");
                    return Optional.empty();
                }
                return Optional.of(new ExternalRedis(url));
            }
            case PATH -> {
                Optional<Path> bin = onPath("redis-server");
                if (bin.isEmpty()) {
                    tried.add("no redis-server on the PATH");
                    return Optional.empty();
                }
                Path cli = bin.get().resolveSibling("redis-cli");
                return Optional.of(ProcessRedis.start(bin.get(), Files.isExecutable(cli) ? cli : null, args));
            }
            case SHIPPED -> {
                Optional<Path> bin = shippedBinary(tried);
                return bin.isEmpty() ? Optional.empty() : Optional.of(ProcessRedis.start(bin.get(), null, args));
            }
            default -> {
                if (!onClassPath("org.testcontainers.DockerClientFactory")) {
                    tried.add("Testcontainers is not on the test class path (add org.testcontainers:testcontainers"
                            + " to use a Docker engine)");
                    return Optional.empty();
                }
                if (!ContainerRedis.dockerAvailable()) {
                    tried.add("no Docker engine for Testcontainers");
                    return Optional.empty();
                }
                return Optional.of(new ContainerRedis());
            }
        }
    }

    private static boolean onClassPath(String type) {
        try {
            Class.forName(type, false, RedisExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The binary for this platform, copied once per JVM out of the embedded-redis jar into a temp file. */
    private static synchronized Optional<Path> shippedBinary(List<String> tried) throws IOException {
        if (shippedCache != null) {
            return Optional.of(shippedCache);
        }
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.contains("aarch64") || arch.contains("arm64");
        boolean amd = arch.contains("amd64") || arch.contains("x86_64");
        String resource;
        if (os.contains("linux") && amd) {
            resource = "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("linux") && arm) {
            resource = "redis-server-6.2.7-linux-arm64";
        } else if (os.contains("mac") && amd) {
            resource = "redis-server-6.2.6-v5-darwin-amd64";
        } else if (os.contains("mac") && arm) {
            resource = "redis-server-6.2.6-v5-darwin-arm64";
        } else {
            tried.add("embedded-redis ships no binary for " + os + "/" + arch);
            return Optional.empty();
        }
        try (InputStream in = RedisExtension.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                tried.add(resource + " is not on the test class path (com.github.codemonstur:embedded-redis, a "
                        + "dependency of mape-test-redis, was excluded)");
                return Optional.empty();
            }
            Path bin = Files.createTempFile("mape-redis-server-6.2-", "");
            Files.copy(in, bin, StandardCopyOption.REPLACE_EXISTING);
            if (!bin.toFile().setExecutable(true)) {
                tried.add("cannot make " + bin + " executable");
                return Optional.empty();
            }
            bin.toFile().deleteOnExit();
            shippedCache = bin;
            return Optional.of(bin);
        }
    }
}
