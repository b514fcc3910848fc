package io.mape.remote.redis.internal;

import io.mape.internal.LossLog;
import io.mape.observe.Observability;
import io.mape.remote.DropReason;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares one pub/sub connection among all the pattern listeners of a remote: one {@code PSUBSCRIBE} per pattern
 * however many listen to it, {@code PUNSUBSCRIBE} when the last one leaves. Lettuce resubscribes the patterns
 * after a reconnect. The {@link Mode} says what a "pattern" is: a glob on the connection's node, a glob on every
 * primary of a cluster (keyspace events, which each node publishes for its own keys only), or a shard channel
 * ({@code SSUBSCRIBE}, routed to the node of its slot).
 *
 * <p>Messages arrive on a Lettuce I/O thread, which only queues them; one delivery thread per dispatcher hands them
 * to the listeners, in arrival order. The queue is bounded: a message beyond it is dropped, counted, logged and
 * published as an {@link io.mape.observe.Event.Drop} of its channel ({@code overflow}), as are those still queued
 * when the dispatcher closes ({@code closed}, one event per channel). Thread-safe.
 */
public final class Dispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Receives the messages of the patterns it registered for, on the delivery thread. */
    public interface Listener {
        void message(String pattern, String channel, byte[] body);

        /** The dispatcher closed: no more messages. Called once, after the last message. */
        void closed();

        /** Redis confirmed {@code pattern}, at first and after every reconnect; on a Lettuce I/O thread. */
        default void confirmed(String pattern) {
        }

        /** The connection was lost: what is published until the next confirmation is not heard. */
        default void lost() {
        }
    }

    /** What the dispatcher subscribes to. */
    public enum Mode {
        /** Globs ({@code PSUBSCRIBE}) on the connection's node; in a cluster, classic messages reach every node. */
        PATTERNS,
        /** Globs on every primary of a cluster (a cluster pub/sub connection with node message propagation). */
        PATTERNS_ON_EVERY_PRIMARY,
        /** Exact shard channels ({@code SSUBSCRIBE}, Redis 7), each on the node that serves its slot. */
        SHARD_CHANNELS
    }

    private final StatefulRedisPubSubConnection<String, byte[]> connection;
    private final Mode mode;
    private final Map<String, List<Listener>> byPattern = new ConcurrentHashMap<>();
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<Void>> confirming = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor delivery;
    private final LongAdder dropped = new LongAdder();
    private final LossLog dropLog = new LossLog(LOG);
    private final Observability observability;
    private final String overflowed;
    private final String name;
    private volatile boolean closed;

    public Dispatcher(StatefulRedisPubSubConnection<String, byte[]> connection, int capacity, String name,
                      Observability observability) {
        this(connection, Mode.PATTERNS, capacity, name, observability);
    }

    /**
     * @param connection for {@link Mode#PATTERNS_ON_EVERY_PRIMARY}, a cluster connection of its own with node message
     *                   propagation on
     * @param observability where its drops are published: the App's
     */
    public Dispatcher(StatefulRedisPubSubConnection<String, byte[]> connection, Mode mode, int capacity, String name,
                      Observability observability) {
        this.connection = connection;
        this.mode = mode;
        this.name = name;
        this.observability = observability;
        this.overflowed = capacity + " received messages wait for delivery already; a subscriber is too slow (give "
                + "its element a Scheduler)";
        this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity),
                r -> {
                    Thread t = new Thread(r, name + "-delivery");
                    t.setDaemon(true);
                    return t;
                }, (r, executor) -> {
                    dropped.increment();
                    String channel = ((Delivery) r).channel;
                    if (!executor.isShutdown()) {
                        dropLog.warn("{}: a received message was dropped: {} wait for delivery already; a subscriber "
                                + "is too slow (give its element a Scheduler) ({} dropped in all)", name, capacity,
                                dropped.sum());
                        observability.publishDrop(channel, DropReason.OVERFLOW.wireName(), () -> overflowed);
                    } else {
                        observability.publishDrop(channel, DropReason.CLOSED.wireName(),
                                () -> "a received message, not delivered: the remote closed");
                    }
                });
        boolean shards = mode == Mode.SHARD_CHANNELS;
        connection.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String pattern, String channel, byte[] message) {
                if (!shards) {
                    delivery.execute(new Delivery(pattern, channel, message));
                }
            }

            @Override
            public void smessage(String channel, byte[] message) {
                if (shards) {
                    delivery.execute(new Delivery(channel, channel, message));
                }
            }

            @Override
            public void psubscribed(String pattern, long count) {
                if (!shards) {
                    confirm(pattern, mode == Mode.PATTERNS);
                }
            }

            @Override
            public void ssubscribed(String channel, long count) {
                if (shards) {
                    confirm(channel, true);
                }
            }

            @Override
            public void punsubscribed(String pattern, long count) {
                if (!shards) {
                    confirmed.remove(pattern);
                }
            }

            @Override
            public void sunsubscribed(String channel, long count) {
                if (shards) {
                    confirmed.remove(channel);
                }
            }
        });
    }

    /**
     * A node confirmed {@code pattern}. On every primary, the first node's confirmation does not complete the
     * registration: all of them do ({@link #subscribe}).
     */
    private void confirm(String pattern, boolean completes) {
        confirmed.add(pattern);
        CompletableFuture<Void> c = confirming.get(pattern);
        if (c != null && completes) {
            c.complete(null);
        }
        List<Listener> ls = byPattern.get(pattern);
        if (ls != null) {
            ls.forEach(l -> l.confirmed(pattern));
        }
    }

    private void subscribe(String[] patterns) {
        switch (mode) {
            case PATTERNS -> connection.async().psubscribe(patterns);
            case SHARD_CHANNELS -> {
                for (String channel : patterns) {
                    connection.async().ssubscribe(channel);
                }
            }
            case PATTERNS_ON_EVERY_PRIMARY -> ((StatefulRedisClusterPubSubConnection<String, byte[]>) connection)
                    .async().masters().commands().psubscribe(patterns).whenComplete((r, e) -> {
                        for (String p : patterns) {
                            CompletableFuture<Void> c = confirming.get(p);
                            if (c != null && e == null) {
                                c.complete(null);
                            } else if (c != null) {
                                c.completeExceptionally(e);
                            }
                        }
                    });
        }
    }

    private void unsubscribe(String[] patterns) {
        switch (mode) {
            case PATTERNS -> connection.async().punsubscribe(patterns);
            case SHARD_CHANNELS -> {
                for (String channel : patterns) {
                    connection.async().sunsubscribe(channel);
                }
            }
            case PATTERNS_ON_EVERY_PRIMARY -> ((StatefulRedisClusterPubSubConnection<String, byte[]>) connection)
                    .async().masters().commands().punsubscribe(patterns);
        }
    }

    /**
     * Starts delivering the messages of these patterns to {@code listener}.
     *
     * @return completes when Redis has confirmed the subscription of every pattern
     */
    public synchronized CompletableFuture<Void> register(Listener listener, List<String> patterns) {
        List<String> added = new ArrayList<>();
        List<CompletableFuture<Void>> confirmations = new ArrayList<>();
        for (String p : patterns) {
            List<Listener> ls = byPattern.computeIfAbsent(p, k -> {
                added.add(k);
                return new CopyOnWriteArrayList<>();
            });
            ls.add(listener);
            confirmations.add(confirmation(p));
        }
        if (!added.isEmpty()) {
            subscribe(added.toArray(String[]::new));
        }
        return CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> confirmation(String pattern) {
        CompletableFuture<Void> c = confirming.computeIfAbsent(pattern, p -> new CompletableFuture<>());
        if (confirmed.contains(pattern)) {
            c.complete(null);
        }
        return c;
    }

    /** Stops delivering these patterns to {@code listener}; a pattern nobody listens to any more is unsubscribed. */
    public synchronized void unregister(Listener listener, List<String> patterns) {
        List<String> removed = new ArrayList<>();
        for (String p : patterns) {
            List<Listener> ls = byPattern.get(p);
            if (ls != null && ls.remove(listener) && ls.isEmpty()) {
                byPattern.remove(p);
                confirming.remove(p);
                removed.add(p);
            }
        }
        if (!removed.isEmpty() && connection.isOpen()) {
            unsubscribe(removed.toArray(String[]::new));
        }
    }

    /** Whether Redis has confirmed the subscription of every one of these patterns on the current connection. */
    public boolean isConfirmed(List<String> patterns) {
        return confirmed.containsAll(patterns);
    }

    /** Forgets the confirmations: the connection was lost, and Lettuce will subscribe again. */
    public void disconnected() {
        confirmed.clear();
        confirming.values().removeIf(CompletableFuture::isDone);
        Set<Listener> all = new LinkedHashSet<>();
        byPattern.values().forEach(all::addAll);
        all.forEach(Listener::lost);
    }

    /** The patterns subscribed on Redis now (a snapshot). */
    public Set<String> patterns() {
        return new LinkedHashSet<>(byPattern.keySet());
    }

    /** Messages dropped because the delivery queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** A received message, queued for the delivery thread. */
    private final class Delivery implements Runnable {
        private final String pattern;
        private final String channel;
        private final byte[] body;

        Delivery(String pattern, String channel, byte[] body) {
            this.pattern = pattern;
            this.channel = channel;
            this.body = body;
        }

        @Override
        public void run() {
            deliver(pattern, channel, body);
        }
    }

    private void deliver(String pattern, String channel, byte[] body) {
        List<Listener> ls = byPattern.get(pattern);
        if (ls == null) {
            return;
        }
        for (Listener l : ls) {
            if (closed) {
                return;
            }
            try {
                l.message(pattern, channel, body);
            } catch (RuntimeException e) {
                LOG.warn("{}: a listener of '{}' failed on a message of '{}'; it goes on", name, pattern, channel, e);
            }
        }
    }

    /**
     * Stops the delivery thread, waiting for the message it is delivering (unless called from it), then tells every
     * listener it is closed: no listener gets a message after {@link Listener#closed()}. The messages still queued
     * are dropped and counted. The connection is the caller's.
     */
    @Override
    public void close() {
        Set<Listener> all = new LinkedHashSet<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            byPattern.values().forEach(all::addAll);
            byPattern.clear();
        }
        List<Runnable> left = delivery.shutdownNow();
        if (!left.isEmpty()) {
            dropped.add(left.size());
            LOG.warn("{}: closed with {} received messages not delivered", name, left.size());
            publishClosed(left);
        }
        if (!isDeliveryThread()) {
            try {
                if (!delivery.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("{}: a listener did not return within 10 s of the close", name);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        CancellationException cancelled = new CancellationException("the remote closed");
        confirming.values().forEach(c -> c.completeExceptionally(cancelled));
        all.forEach(Listener::closed);
    }

    /** The messages left at close, one event per channel. */
    private void publishClosed(List<Runnable> left) {
        if (!observability.hasListeners()) {
            return;
        }
        Map<String, Integer> byChannel = new TreeMap<>();
        left.forEach(r -> byChannel.merge(((Delivery) r).channel, 1, Integer::sum));
        byChannel.forEach((channel, n) -> observability.publishDrop(channel, DropReason.CLOSED.wireName(),
                () -> n + " received messages not delivered: the remote closed"));
    }

    private boolean isDeliveryThread() {
        return Thread.currentThread().getName().equals(name + "-delivery");
    }
}
