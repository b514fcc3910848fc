package io.mape.test.redis;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** Redis 7 in a container, its port bound to a fixed loopback port so that a restart keeps it. */
final class ContainerRedis implements RedisServer {

    private final GenericContainer<?> container;
    private final int port;
    private final String version;

    /** Whether Testcontainers finds a Docker engine; only called when Testcontainers is on the class path. */
    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @SuppressWarnings("resource")
    ContainerRedis() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        container = new GenericContainer<>(DockerImageName.parse("redis:7"))
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .withExposedPorts(6379)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindIpAndPort("127.0.0.1", port), ExposedPort.tcp(6379))));
        container.start();
        awaitUp();
        version = Resp.version(port);
    }

    @Override
    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public Optional<Path> cli() {
        return Optional.empty();
    }

    @Override
    public void stop() {
        container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void start() {
        container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
        awaitUp();
    }

    private void awaitUp() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Resp.ping(port));
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return "Redis " + version + " in a container on port " + port;
    }
}
