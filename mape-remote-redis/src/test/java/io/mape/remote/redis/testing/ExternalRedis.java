package io.mape.remote.redis.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.Optional;

/** The Redis named by {@code MAPE_TEST_REDIS_URL}: used as it is, never stopped. */
final class ExternalRedis implements RedisServer {

    private final String url;
    private final String version;

    ExternalRedis(String url) {
        this.url = url;
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            String info = c.sync().info("server");
            int i = info.indexOf("redis_version:");
            this.version = info.substring(i + 14, info.indexOf('\r', i));
        } finally {
            client.shutdown();
        }
    }

    @Override
    public String url() {
        return url;
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
        throw new UnsupportedOperationException("the Redis of MAPE_TEST_REDIS_URL is not the tests' to stop; "
                + "this test class asks for a Redis of its own (RedisExtension.owned())");
    }

    @Override
    public void start() {
        stop();
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "Redis " + version + " at MAPE_TEST_REDIS_URL";
    }
}
