package io.mape.remote.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.remote.ChannelPattern;
import io.mape.remote.redis.internal.Dispatcher;
import io.mape.remote.spi.SendResult;
import io.mape.remote.spi.TransportDriver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Redis pub/sub as a {@link TransportDriver}: {@code PUBLISH} on the remote's publishing connection (which rejects
 * commands while disconnected, so a send that was not written is retried by the outbox and one cut off in flight
 * fails, never re-sent out of order), {@code PSUBSCRIBE} through the remote's {@link Dispatcher} (one Redis
 * subscription per pattern, messages on its delivery thread). Redis's own keyspace notifications are skipped
 * unless the pattern starts with {@code __}, so that {@code *} means the loops' channels. Sharded, it
 * {@code SPUBLISH}es and {@code SSUBSCRIBE}s exact channels through the remote's shard dispatcher instead. On a
 * cluster a classic {@code PUBLISH} answers the subscribers of the node it reached only, so {@code acknowledged}
 * counts a subscriber on another node as {@code sent}. Thread-safe.
 */
final class PubSubDriver implements TransportDriver {

    private final RedisRemote remote;
    private final StatefulConnection<String, byte[]> connection;
    private final RedisClusterAsyncCommands<String, byte[]> publisher;
    private final Dispatcher dispatcher;
    private final boolean sharded;
    private final Set<PatternListener> listeners = ConcurrentHashMap.newKeySet();

    /** @param sharded {@code SPUBLISH} and {@code SSUBSCRIBE} to exact channels, else {@code PUBLISH}, {@code PSUBSCRIBE} */
    PubSubDriver(RedisRemote remote, boolean sharded) {
        this.remote = remote;
        this.connection = remote.pubConnection();
        this.publisher = remote.publisher();
        this.sharded = sharded;
        this.dispatcher = sharded ? remote.shards() : remote.dispatcher();
    }

    @Override
    public String name() {
        return "redis " + (sharded ? "sharded " : "") + "pub/sub at " + remote.url();
    }

    @Override
    public boolean isConnected() {
        return connection.isOpen() && !remote.isClosed();
    }

    /** Sharded pub/sub has no patterns: Redis offers no sharded {@code PSUBSCRIBE}. */
    @Override
    public void checkPattern(String pattern) {
        if (sharded && ChannelPattern.isPattern(pattern)) {
            throw new IllegalArgumentException("'" + pattern + "' is a pattern, and sharded pub/sub has none "
                    + "(Redis offers no sharded PSUBSCRIBE): give an exact channel, or use a classic transport "
                    + "(RedisTransport.builder(app).sharded(false)), whose patterns hear every node of a cluster");
        }
    }

    @Override
    public void send(String channel, byte[] body, SendCallback done) {
        if (!connection.isOpen()) {
            done.done(SendResult.RETRY, null);
            return;
        }
        RedisFuture<Long> f = sharded ? publisher.spublish(channel, body) : publisher.publish(channel, body);
        if (f.isDone() && f.toCompletableFuture().isCompletedExceptionally()) {
            done.done(SendResult.RETRY, null);
            return;
        }
        f.whenComplete((receivers, e) -> {
            if (e != null) {
                done.done(SendResult.FAILED, e);
            } else {
                done.done(receivers > 0 ? SendResult.ACKNOWLEDGED : SendResult.SENT, null);
            }
        });
    }

    @Override
    public Subscription subscribe(String pattern, Receiver receiver) {
        PatternListener l = new PatternListener(pattern, receiver);
        listeners.add(l);
        dispatcher.register(l, List.of(pattern)).whenComplete((v, e) -> {
            if (e == null) {
                receiver.confirmed();
            }
        });
        return l;
    }

    @Override
    public void close() {
        for (PatternListener l : List.copyOf(listeners)) {
            l.cancel();
            l.closed();
        }
    }

    @Override
    public String toString() {
        return name();
    }

    /** One pattern subscription: the Dispatcher's listener and the transport's subscription in one. */
    private final class PatternListener implements Dispatcher.Listener, Subscription {
        private final String pattern;
        private final Receiver receiver;
        private final boolean takesRedisOwn;
        private volatile boolean done;

        PatternListener(String pattern, Receiver receiver) {
            this.pattern = pattern;
            this.receiver = receiver;
            this.takesRedisOwn = pattern.startsWith("__");
        }

        @Override
        public void message(String p, String channel, byte[] body) {
            if (done || !takesRedisOwn && (channel.startsWith("__keyspace@") || channel.startsWith("__keyevent@"))) {
                return;
            }
            receiver.message(channel, body, () -> { });
        }

        @Override
        public void confirmed(String p) {
            receiver.confirmed();
        }

        @Override
        public void lost() {
            receiver.lost();
        }

        @Override
        public synchronized void closed() {
            if (!done) {
                done = true;
                listeners.remove(this);
                receiver.closed();
            }
        }

        @Override
        public void cancel() {
            if (listeners.remove(this)) {
                dispatcher.unregister(this, List.of(pattern));
            }
        }
    }
}
