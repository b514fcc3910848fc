package io.mape.remote.redis;

import io.mape.App;
import io.mape.remote.SinkOptions;
import io.mape.remote.Transport;
import io.mape.remote.spi.Transports;
import java.util.Objects;

/**
 * Redis Streams as a {@link Transport}: at-least-once links that outlive a Redis restart (with an AOF) and a
 * receiving process's crash. A sink appends each item's JSON to the stream of its channel ({@code XADD … MAXLEN ~
 * n}); a source reads the streams of its pattern in a consumer group and acknowledges ({@code XACK}) an entry once
 * the receiving element has processed it.
 *
 * <pre>{@code
 * Transport streams = RedisStreamsTransport.builder(app)                     // redis.url of the App's config
 *         .streamsOptions(RedisStreamsOptions.builder().group("ambulance").build())
 *         .build();
 * streams.sink(detect);                                  // detect's items to stream "stream:car_a.detect"
 * streams.source("car_*.emergency", collect);            // every car's emergencies, each to one ambulance instance
 * }</pre>
 *
 * <p><b>Groups.</b> Instances of a loop (in several processes) built with the same
 * {@link RedisStreamsOptions#group() group} share each pattern's consumer group: each entry goes to one of them.
 * Loops with different groups each get every entry. Without a group, each source reads in a group of its own,
 * removed when it ends (every source gets every entry, and a restarted process does not resume).
 *
 * <p><b>Guarantees.</b> An entry is acknowledged once every observer of the source processed it: an element
 * subscribed to the source when its body (or its operators on port in) took it without an exception, any other
 * observer when its {@code onNext} returned. What an element fails on, drops or still holds when its process dies
 * stays pending and is taken over by a consumer of the group after {@link RedisStreamsOptions#reclaimIdle()}
 * ({@code XAUTOCLAIM}), delivered again, and moved to the dead-letter stream after
 * {@link RedisStreamsOptions#maxDeliveries()} deliveries (counted in the source's
 * {@link io.mape.remote.DeliveryStats#deadLettered()}, logged). So a crashed consumer's entries that it had processed
 * but not yet acknowledged come again: duplicates, only for those. A Redis crash loses nothing with
 * {@code appendfsync always} (a send cut off in flight is retried, appended only if it was not); without an AOF a
 * restarted Redis is empty and what it held unread is lost. What {@code MAXLEN} trims before a group read it is
 * counted in {@link io.mape.remote.DeliveryStats#missed()} where Redis can tell (7.0 and later).
 *
 * <p><b>Patterns.</b> Redis has no pattern subscription for streams: a pattern's streams are those
 * {@code SCAN MATCH <prefix><pattern> TYPE stream} finds, looked up again every
 * {@link RedisStreamsOptions#patternRefresh()}; a stream made between two look-ups is read from its start once found.
 *
 * <p><b>Sentinel and Cluster.</b> A {@code redis-sentinel://} URL follows a failover (what the old primary answered
 * but had not replicated is lost with it: Redis replicates asynchronously). On a {@code redis-cluster://} URL every
 * command concerns one stream and goes to its slot's primary, and a pattern's {@code SCAN} covers every primary;
 * a source whose streams span several slots reads them one slot at a time without blocking, pausing after a sweep
 * that found nothing (one slot, as for an exact channel or hash-tagged channels, blocks as on one server).
 *
 * <p><b>Threading.</b> Each source has a reader thread ({@code mape-redis-N-streams-M}) with a connection of its
 * own; items are received there, one at a time, in order per stream. A sink has one append in flight at a time.
 */
public final class RedisStreamsTransport {

    private RedisStreamsTransport() {
    }

    /** A builder of a Streams transport of {@code app}. */
    public static Builder builder(App app) {
        return new Builder(app);
    }

    /** Builds a Redis Streams {@link Transport}. Not thread-safe. */
    public static final class Builder {
        private final App app;
        private RedisOptions options = RedisOptions.defaults();
        private RedisStreamsOptions streamsOptions = RedisStreamsOptions.defaults();
        private SinkOptions sinkOptions = SinkOptions.defaults();

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

        /** How streams are kept and read; default {@link RedisStreamsOptions#defaults()}. */
        public Builder streamsOptions(RedisStreamsOptions options) {
            this.streamsOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The options of the sinks; default {@link SinkOptions#defaults()}. */
        public Builder sinkOptions(SinkOptions options) {
            this.sinkOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * The transport, over the App's remote (connected now if it was not).
         *
         * @throws io.mape.remote.RemoteUnavailableException when Redis cannot be reached
         */
        public Transport build() {
            RedisRemote remote = RedisRemote.of(app, options);
            return Transports.over(app, new StreamsDriver(remote, streamsOptions), sinkOptions);
        }
    }
}
