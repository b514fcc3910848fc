package io.mape.remote.redis.internal;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Publishes in order through one connection that rejects commands while disconnected (Lettuce's
 * {@code REJECT_COMMANDS}, so that Lettuce never re-sends a command after later ones). While the connection is
 * down, publishes wait here, in a FIFO bounded together with those awaiting an answer; a background check every
 * {@value #RETRY_MILLIS} ms sends them, in order, once it is up. A publish cut off in flight by a disconnect fails
 * (it may or may not have reached Redis) and is not re-sent.
 *
 * <p>Thread-safe; {@link #offer} never waits for Redis, only for another thread's {@code offer} or flush.
 */
public final class Publisher implements AutoCloseable {

    static final long RETRY_MILLIS = 20;

    private record Pending(String channel, byte[] body, BiConsumer<Long, Throwable> done) {
    }

    private final StatefulRedisConnection<String, byte[]> connection;
    private final int capacity;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService retry;
    private boolean retryScheduled;
    private boolean closed;

    public Publisher(StatefulRedisConnection<String, byte[]> connection, int capacity, String name) {
        this.connection = connection;
        this.capacity = capacity;
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name + "-publisher");
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        this.retry = s;
    }

    /**
     * Sends {@code body} to {@code channel} now, or queues it while the connection is down; {@code done} gets the
     * number of receivers or the failure, on a Lettuce thread.
     *
     * @return false, doing nothing, when the capacity is taken
     */
    public synchronized boolean offer(String channel, byte[] body, BiConsumer<Long, Throwable> done) {
        if (closed) {
            done.accept(null, new CancellationException("the remote is closed"));
            return true;
        }
        if (waiting.size() + inFlight.get() >= capacity) {
            return false;
        }
        Pending p = new Pending(channel, body, done);
        if (!waiting.isEmpty() || !trySend(p)) {
            waiting.add(p);
            scheduleRetry();
        }
        return true;
    }

    private synchronized void flush() {
        retryScheduled = false;
        while (!waiting.isEmpty() && !closed) {
            if (!trySend(waiting.peek())) {
                scheduleRetry();
                return;
            }
            waiting.poll();
        }
    }

    /** Hands {@code p} to Lettuce unless the connection is down or rejects it before writing it. */
    private boolean trySend(Pending p) {
        if (!connection.isOpen()) {
            return false;
        }
        RedisFuture<Long> f = connection.async().publish(p.channel, p.body);
        if (f.isDone() && f.toCompletableFuture().isCompletedExceptionally()) {
            return false;
        }
        inFlight.incrementAndGet();
        f.whenComplete((n, e) -> {
            inFlight.decrementAndGet();
            p.done.accept(n, e);
        });
        return true;
    }

    private void scheduleRetry() {
        if (!retryScheduled && !closed) {
            retryScheduled = true;
            retry.schedule(this::flush, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Fails what still waits and stops the background check. */
    @Override
    public void close() {
        ArrayDeque<Pending> left;
        synchronized (this) {
            closed = true;
            left = new ArrayDeque<>(waiting);
            waiting.clear();
        }
        retry.shutdownNow();
        CancellationException e = new CancellationException("the remote closed before Redis was back");
        left.forEach(p -> p.done.accept(null, e));
    }
}
