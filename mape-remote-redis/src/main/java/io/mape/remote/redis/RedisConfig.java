package io.mape.remote.redis;

import io.mape.config.ConfigKey;
import io.mape.config.spi.ConfigSection;
import java.util.List;

/**
 * The {@code redis} section of the config, declared by mape-remote-redis and read by {@link RedisRemote}:
 *
 * <pre>
 * redis:
 *   url: redis://127.0.0.1:6379/0   # MAPE_REDIS_URL; redis://, rediss://, redis-sentinel://, redis-cluster://
 * </pre>
 *
 * Stateless.
 */
public final class RedisConfig implements ConfigSection {

    /** {@code redis.url} ({@code MAPE_REDIS_URL}); default none: {@link RedisOptions#DEFAULT_URL}. */
    public static final ConfigKey<String> URL = ConfigKey.builder("redis.url", String.class)
            .env("MAPE_REDIS_URL").notBlank().build();

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(URL);
    }
}
