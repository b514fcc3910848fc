package io.mape.remote.redis;

import io.mape.App;
import io.mape.remote.SinkOptions;
import io.mape.remote.Transport;
import io.mape.remote.spi.Transports;
import java.util.Objects;

/**
 * Redis pub/sub as a {@link Transport}: a sink {@code PUBLISH}es each item's JSON (the App's codec) on its channel, a
 * source {@code PSUBSCRIBE}s to its pattern; Java and PyMAPE loops can share one Redis.
 *
 * <pre>{@code
 * Transport redis = RedisTransport.builder(app).build();            // redis.url of the App's config
 * redis.sink(detect);                                               // detect's items to channel "car_a.detect"
 * redis.source("car_*.detect", collect);                            // every car's detect into collect
 * }</pre>
 *
 * <p><b>Connection.</b> Over the App's {@link RedisRemote} (made with the URL or options given here on the first
 * use; it fails fast with {@link io.mape.remote.RemoteUnavailableException} when Redis is absent at start-up).
 *
 * <p><b>Loss.</b> Redis pub/sub keeps nothing. While Redis is away, a sink's items wait in its outbox
 * ({@link SinkOptions}) and go out in order once it is back; what is published before a subscriber has
 * resubscribed is not heard ({@code sent} but not {@code acknowledged}). A publish cut off in flight by a
 * disconnect fails and is not sent again, so nothing is duplicated. An item over
 * {@link SinkOptions#maxItemBytes()} (1 MiB by default) is dropped before it can make Redis cut its subscribers off.
 *
 * <p><b>Threading.</b> Items are received on the remote's delivery thread ({@code mape-redis-N-delivery}), one at
 * a time in arrival order, never on a Lettuce I/O thread: an observer may block, but a slow one delays every source
 * of the remote (give a slow element a Scheduler). A received message beyond
 * {@link RedisOptions#deliveryBuffer()} is dropped, counted in {@link RedisRemote#deliveryDropped()} and published
 * as an {@link io.mape.observe.Event.Drop} of its channel.
 */
public final class RedisTransport {

    private RedisTransport() {
    }

    /** A builder of a pub/sub transport of {@code app}. */
    public static Builder builder(App app) {
        return new Builder(app);
    }

    /** Builds a Redis pub/sub {@link Transport}. Not thread-safe. */
    public static final class Builder {
        private final App app;
        private RedisOptions options = RedisOptions.defaults();
        private SinkOptions sinkOptions = SinkOptions.defaults();
        private boolean sharded;

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /** The Redis to connect to; default the App's {@code redis.url}. */
        public Builder url(String url) {
            this.options = options.toBuilder().url(url).build();
            return this;
        }

        /** How the App's {@link RedisRemote} connects; default {@link RedisOptions#defaults()}. */
        public Builder options(RedisOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The options of the sinks; default {@link SinkOptions#defaults()}. */
        public Builder sinkOptions(SinkOptions options) {
            this.sinkOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Sharded pub/sub (Redis 7, meant for a cluster): sinks {@code SPUBLISH}, sources {@code SSUBSCRIBE} on the
         * node that serves the channel's slot, so that a channel's traffic stays on its shard instead of crossing
         * every node. Sources take exact channels only: Redis has no sharded patterns, so {@code source} with a
         * pattern throws {@link IllegalArgumentException}. A sharded and a classic transport do not hear each other.
         * Default false: {@code PUBLISH} and {@code PSUBSCRIBE}, which on a cluster reach every node.
         */
        public Builder sharded(boolean sharded) {
            this.sharded = sharded;
            return this;
        }

        /**
         * The transport, over the App's remote (connected now if it was not).
         *
         * @throws io.mape.remote.RemoteUnavailableException when Redis cannot be reached
         */
        public Transport build() {
            RedisRemote remote = RedisRemote.of(app, options);
            return Transports.over(app, new PubSubDriver(remote, sharded), sinkOptions);
        }
    }
}
