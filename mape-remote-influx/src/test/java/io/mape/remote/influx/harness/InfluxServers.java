package io.mape.remote.influx.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.testcontainers.DockerClientFactory;

/**
 * Hands each {@link InfluxServerTest} the servers of this test run, started once and stopped when the run ends:
 * <ol>
 *   <li>the server at {@code MAPE_TEST_INFLUX_URL} when it is set, and no other;</li>
 *   <li>else QuestDB from its jar, and InfluxDB 2 in a container as well when a Docker engine is there.</li>
 * </ol>
 * With none, the test fails saying how to get one.
 */
public final class InfluxServers implements TestTemplateInvocationContextProvider {

    static final String HOW = "no server that takes InfluxDB 2 writes: set MAPE_TEST_INFLUX_URL (with "
            + "MAPE_TEST_INFLUX_TOKEN, MAPE_TEST_INFLUX_ORG, MAPE_TEST_INFLUX_BUCKET) to an InfluxDB 2 or QuestDB, "
            + "or let the tests start QuestDB from the test dependency org.questdb:questdb "
            + "(needs Linux, macOS or Windows on x86-64 or aarch64), or run a Docker engine for an InfluxDB 2 container";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InfluxServers.class);

    /** What this run has: the servers, or why there are none. Closed by JUnit when the run ends. */
    private record Servers(List<InfluxServer> list, RuntimeException failure) implements AutoCloseable {
        @Override
        public void close() {
            list.forEach(s -> {
                try {
                    ((AutoCloseable) s).close();
                } catch (Exception e) {
                    System.err.println("[InfluxServers] stopping " + s + " failed: " + e);
                }
            });
        }
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Servers servers = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Servers.class, k -> start(System.getenv()), Servers.class);
        if (servers.list.isEmpty()) {
            throw new IllegalStateException(HOW, servers.failure);
        }
        return servers.list.stream().map(Invocation::new);
    }

    private static Servers start(Map<String, String> env) {
        if (env.get("MAPE_TEST_INFLUX_URL") != null) {
            try {
                return new Servers(List.of(RemoteServer.fromEnvironment(env)), null);
            } catch (RuntimeException e) {
                return new Servers(List.of(), e);
            }
        }
        List<InfluxServer> list = new ArrayList<>();
        RuntimeException failure = null;
        try {
            list.add(QuestDbServer.start());
        } catch (RuntimeException e) {
            failure = e;
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            try {
                list.add(Influx2Container.start());
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null && !list.isEmpty()) {
            System.err.println("[InfluxServers] running on " + list + " only: " + failure);
        }
        return new Servers(list, failure);
    }

    private record Invocation(InfluxServer server) implements TestTemplateInvocationContext {
        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + server.kind() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
                    return p.getParameter().getType() == InfluxServer.class;
                }

                @Override
                public Object resolveParameter(ParameterContext p, ExtensionContext e) {
                    return server;
                }
            });
        }
    }
}
