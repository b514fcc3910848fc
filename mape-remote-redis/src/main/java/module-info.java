/**
 * mape-remote-redis: loops talking over Redis channels and Knowledge stored in Redis, with Lettuce.
 * {@code io.mape.remote.redis.internal} is not API and not exported.
 */
module io.mape.remote.redis {
    requires transitive io.mape.core;
    requires lettuce.core;
    requires org.slf4j;

    exports io.mape.remote.redis;

    provides io.mape.config.spi.ConfigSection with io.mape.remote.redis.RedisConfig;
}
