package io.mape.test.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** The Redis named by {@code MAPE_TEST_REDIS_URL}: used as it is, never stopped. */
final class ExternalRedis implements RedisServer {

    private final String url;
    private final String version;

    ExternalRedis(String url) {
        this.url = url;
        URI u = URI.create(url);
        String auth = null;
        if (u.getRawUserInfo() != null) {
            String[] userPassword = u.getRawUserInfo().split(":", 2);
            auth = userPassword.length == 1 ? decode(userPassword[0])
                    : (userPassword[0].isEmpty() ? "" : decode(userPassword[0]) + " ") + decode(userPassword[1]);
            auth = auth.strip();
        }
        this.version = Resp.version(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort(), auth);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
