package io.mape.remote.redis;

import io.mape.remote.redis.internal.RedisUrls;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisRemote} connects and how many received messages it buffers (what a sink buffers is its
 * {@link io.mape.remote.SinkOptions}). Immutable; build with {@link #builder()}.
 *
 * <p>Defaults: the URL of the App's configuration ({@code redis.url}, {@code MAPE_REDIS_URL}), else
 * {@value #DEFAULT_URL}; {@value #DEFAULT_DELIVERY_BUFFER} received messages waiting for delivery; connect timeout 5 s; command timeout 10 s; reconnect attempts backing off
 * exponentially up to 2 s apart.
 */
public final class RedisOptions {

    /** Where a remote connects when neither the options nor the App's configuration name a URL. */
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379/0";
    public static final int DEFAULT_DELIVERY_BUFFER = 100_000;

    private static final RedisOptions DEFAULTS = builder().build();

    private final String url;
    private final int deliveryBuffer;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration maxReconnectDelay;

    private RedisOptions(Builder b) {
        this.url = b.url;
        this.deliveryBuffer = b.deliveryBuffer;
        this.connectTimeout = b.connectTimeout;
        this.commandTimeout = b.commandTimeout;
        this.maxReconnectDelay = b.maxReconnectDelay;
    }

    public static RedisOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The URL, or null to take the App's. */
    public String url() {
        return url;
    }

    /**
     * How many received messages may wait for the remote's delivery thread. A message beyond it is dropped,
     * counted ({@link RedisRemote#deliveryDropped()}), logged and published as an
     * {@link io.mape.observe.Event.Drop} of its channel.
     */
    public int deliveryBuffer() {
        return deliveryBuffer;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** How long a command (a publish included) may wait for its answer before it fails. */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** The longest pause between two reconnect attempts. */
    public Duration maxReconnectDelay() {
        return maxReconnectDelay;
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.deliveryBuffer = deliveryBuffer;
        b.connectTimeout = connectTimeout;
        b.commandTimeout = commandTimeout;
        b.maxReconnectDelay = maxReconnectDelay;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisOptions r && Objects.equals(url, r.url)
                && deliveryBuffer == r.deliveryBuffer && connectTimeout.equals(r.connectTimeout)
                && commandTimeout.equals(r.commandTimeout) && maxReconnectDelay.equals(r.maxReconnectDelay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, deliveryBuffer, connectTimeout, commandTimeout, maxReconnectDelay);
    }

    @Override
    public String toString() {
        return "RedisOptions{url=" + (url == null ? "(from the App)" : RedisUrls.redact(url))
                + ", deliveryBuffer=" + deliveryBuffer
                + ", connectTimeout=" + connectTimeout + ", commandTimeout=" + commandTimeout
                + ", maxReconnectDelay=" + maxReconnectDelay + "}";
    }

    /** Builds {@link RedisOptions}; each setter checks its argument. */
    public static final class Builder {
        private String url;
        private int deliveryBuffer = DEFAULT_DELIVERY_BUFFER;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration commandTimeout = Duration.ofSeconds(10);
        private Duration maxReconnectDelay = Duration.ofSeconds(2);

        private Builder() {
        }

        /**
         * {@code redis://[user:password@]host[:port][/database]} ({@code rediss://} for TLS),
         * {@code redis-sentinel://[user:password@]host:port[,host:port...][/database]#primaryName} (also
         * {@code redis+sentinel://}), or {@code redis-cluster://[user:password@]host:port[,host:port...]}.
         *
         * @throws io.mape.config.ConfigException when it is not such a URL
         */
        public Builder url(String url) {
            RedisUrls.check(url);
            this.url = url;
            return this;
        }

        public Builder deliveryBuffer(int size) {
            this.deliveryBuffer = positive("deliveryBuffer", size);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive("commandTimeout", timeout);
            return this;
        }

        public Builder maxReconnectDelay(Duration delay) {
            this.maxReconnectDelay = positive("maxReconnectDelay", delay);
            return this;
        }

        public RedisOptions build() {
            return new RedisOptions(this);
        }

        private static int positive(String name, int n) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, got " + n);
            }
            return n;
        }

        private static Duration positive(String name, Duration d) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }
    }
}
