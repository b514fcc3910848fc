package io.mape.remote.redis.internal;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mape.codec.JsonCodec;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.Scope;
import io.mape.remote.RemoteUnavailableException;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.ObservableEmitter;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.lang.reflect.Type;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Redis Knowledge of every scope shares: the command connection, the codec, the connections for blocking
 * pops, the keyspace-event subscriptions and a timer for lock waits. Each time the command connection comes back
 * after a loss (Redis restarted, say, forgetting a {@code CONFIG SET}), the keyspace events are made sure of again;
 * when that fails it is logged at ERROR and every change stream ends with the {@link KnowledgeException} saying what
 * to configure. Thread-safe.
 */
public final class RedisStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);
    private static final int MAX_IDLE_BLOCKING = 4;

    private final RedisNodes nodes;
    private final Dispatcher dispatcher;
    private final String channelPrefix;
    private final JsonCodec codec;
    private final Duration commandTimeout;
    private final String where;
    private final ScheduledExecutorService timer;
    private final Map<String, ConcurrentLinkedDeque<Blocking>> idle = new ConcurrentHashMap<>();
    private final Set<Blocking> blocking = ConcurrentHashMap.newKeySet();
    private final Set<ChangeListener> listeners = ConcurrentHashMap.newKeySet();
    private final String namespace;
    private final RedisConnectionStateListener reconnects = new RedisConnectionStateListener() {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
            if (closed) {
                return;
            }
            try {
                timer.execute(RedisStore.this::reenableKeyspaceEvents);
            } catch (RejectedExecutionException closedMeanwhile) {
                LOG.debug("closed while Redis at {} came back", where, closedMeanwhile);
            }
        }
    };
    private volatile KnowledgeException eventsOff;
    private volatile boolean watching;
    private volatile boolean closed;

    /**
     * A connection that runs one blocking pop at a time, the node it is connected to, and its client id there for
     * {@code CLIENT UNBLOCK}.
     */
    private record Blocking(StatefulRedisConnection<String, byte[]> connection, String node, long clientId) {
    }

    /** A blocking pop under way: its result, and the node and connection it blocks. */
    public record Blocked<R>(CompletableFuture<R> result, String node, long clientId) {
    }

    /**
     * @param nodes        the connection for every non-blocking command, and new ones for blocking pops (the store
     *                     closes those)
     * @param dispatcher   the pattern subscriptions of the remote for keyspace events (on every primary of a
     *                     cluster)
     * @param database     the database index, which names the keyspace channels
     * @param where        the redacted URL, for messages
     * @param namespace    the namespace of every scope ({@link Scope#in(String)}), empty for PyMAPE's keys
     */
    public RedisStore(RedisNodes nodes, Dispatcher dispatcher, int database, JsonCodec codec,
            Duration commandTimeout, String where, String name, String namespace) {
        this.namespace = namespace;
        this.nodes = nodes;
        this.dispatcher = dispatcher;
        this.channelPrefix = "__keyspace@" + database + "__:";
        this.codec = codec;
        this.commandTimeout = commandTimeout;
        this.where = where;
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, name + "-knowledge");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
    }

    /** The Knowledge of {@code scope} over this store. */
    public Knowledge knowledge(Scope scope) {
        return new RedisKnowledge(this, scope.namespace().isEmpty() ? scope.in(namespace) : scope);
    }

    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- commands

    /**
     * Runs {@code command} and maps its answer with {@code then}. The stage fails (never throws) with a
     * {@link KnowledgeException} for a Redis error or a closed store, or with what {@code then} throws.
     */
    <R, T> CompletionStage<T> call(Function<RedisClusterAsyncCommands<String, byte[]>, RedisFuture<R>> command,
            Function<? super R, ? extends T> then) {
        return call(nodes::commands, command, then);
    }

    /** {@link #call} on {@code node} alone. */
    private <R, T> CompletionStage<T> callOn(String node,
            Function<RedisClusterAsyncCommands<String, byte[]>, RedisFuture<R>> command,
            Function<? super R, ? extends T> then) {
        return call(() -> nodes.on(node), command, then);
    }

    private <R, T> CompletionStage<T> call(Supplier<RedisClusterAsyncCommands<String, byte[]>> on,
            Function<RedisClusterAsyncCommands<String, byte[]>, RedisFuture<R>> command,
            Function<? super R, ? extends T> then) {
        if (closed) {
            return CompletableFuture.failedFuture(closedException());
        }
        RedisFuture<R> f;
        try {
            f = command.apply(on.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(mapped(e));
        }
        CompletableFuture<T> out = new CompletableFuture<>();
        f.whenComplete((r, e) -> {
            if (e != null) {
                out.completeExceptionally(mapped(e));
                return;
            }
            try {
                out.complete(then.apply(r));
            } catch (RuntimeException x) {
                out.completeExceptionally(x);
            }
        });
        return out;
    }

    /** The result of a stage, waiting for it; its failure thrown as it is (unwrapped). */
    <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnowledgeException("interrupted while waiting for Redis at " + where, e);
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    byte[] encode(Object value) {
        return codec.encode(value);
    }

    Object decode(byte[] json, Type type) {
        return json == null ? null : codec.decode(json, type);
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    // ---------------------------------------------------------------- blocking pops

    /**
     * Runs a blocking pop of {@code key} on a connection of its own (to the node of the key), so that it holds up
     * no other command. {@code command} gets the timeout in seconds.
     */
    <R> Blocked<R> block(String key, Duration timeout,
            BiFunction<RedisClusterAsyncCommands<String, byte[]>, Double, RedisFuture<R>> command) {
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("a take needs a positive timeout, got " + timeout);
        }
        if (closed) {
            return new Blocked<>(CompletableFuture.failedFuture(closedException()), "", -1);
        }
        Blocking b;
        try {
            b = acquire(nodes.nodeOf(key));
        } catch (RuntimeException e) {
            return new Blocked<>(CompletableFuture.failedFuture(mapped(e)), "", -1);
        }
        b.connection().setTimeout(timeout.plus(commandTimeout));
        CompletableFuture<R> out = new CompletableFuture<>();
        RedisFuture<R> f = command.apply(b.connection().async(), timeout.toNanos() / 1e9);
        f.whenComplete((r, e) -> {
            release(b, e == null);
            if (e != null) {
                out.completeExceptionally(mapped(e));
            } else {
                out.complete(r);
            }
        });
        return new Blocked<>(out, b.node(), b.clientId());
    }

    /**
     * Waits for a blocking pop. When the thread is interrupted the pop is unblocked, what it took is given back
     * with {@code giveBack}, and a {@link KnowledgeException} is thrown with the interrupt flag set.
     */
    <R> R await(Blocked<R> blocked, String key, Function<R, CompletionStage<?>> giveBack) {
        try {
            return blocked.result().get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            callOn(blocked.node(), c -> c.clientUnblock(blocked.clientId(), UnblockType.TIMEOUT), n -> n);
            R taken = uninterruptibly(blocked.result());
            if (taken != null) {
                uninterruptibly(giveBack.apply(taken).toCompletableFuture());
            }
            Thread.currentThread().interrupt();
            throw new KnowledgeException("interrupted while waiting for an element of " + key + "; nothing was taken", e);
        }
    }

    private static <T> T uninterruptibly(CompletableFuture<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Blocking acquire(String node) {
        Blocking b = idle(node).poll();
        if (b != null) {
            return b;
        }
        StatefulRedisConnection<String, byte[]> c = nodes.connectTo(node);
        b = new Blocking(c, node, c.sync().clientId());
        blocking.add(b);
        if (closed) {
            release(b, false);
            throw closedException();
        }
        return b;
    }

    private ConcurrentLinkedDeque<Blocking> idle(String node) {
        return idle.computeIfAbsent(node, n -> new ConcurrentLinkedDeque<>());
    }

    private void release(Blocking b, boolean reusable) {
        if (reusable && !closed && idle(b.node()).size() < MAX_IDLE_BLOCKING) {
            idle(b.node()).push(b);
            if (!closed) {
                return;
            }
            // close() ran meanwhile and may have missed it
        }
        blocking.remove(b);
        idle(b.node()).remove(b);
        b.connection().closeAsync();
    }

    // ---------------------------------------------------------------- keyspace events

    /**
     * The keyspace events of the keys of {@code scope} matching {@code glob}, keeping {@code commands} (all when
     * empty). Subscribing waits until Redis has confirmed the subscription, so that every later change is seen;
     * each subscription gets its events on a worker of its own ({@link Schedulers#io()}).
     */
    Observable<KnowledgeEvent> changes(Scope scope, String glob, Set<String> commands) {
        String pattern = channelPrefix + scope.prefix() + glob;
        Observable<KnowledgeEvent> source = Observable.create(emitter -> {
            ObservableEmitter<KnowledgeEvent> out = emitter.serialize();
            ChangeListener l = new ChangeListener(scope, commands, out);
            listeners.add(l);
            if (closed) {
                l.closed();
                return;
            }
            if (eventsOff != null) {
                try {
                    enableKeyspaceEvents();
                } catch (KnowledgeException e) {
                    listeners.remove(l);
                    out.tryOnError(e);
                    return;
                }
            }
            out.setCancellable(() -> {
                listeners.remove(l);
                dispatcher.unregister(l, List.of(pattern));
            });
            try {
                dispatcher.register(l, List.of(pattern)).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                out.tryOnError(new KnowledgeException("interrupted while subscribing to the changes of " + pattern, e));
            } catch (ExecutionException | TimeoutException e) {
                out.tryOnError(new KnowledgeException("Redis at " + where + " did not confirm the subscription to "
                        + pattern + " within " + commandTimeout, e));
            }
        });
        return source.observeOn(Schedulers.io());
    }

    /** The change stream of one {@code changes} subscription. */
    private final class ChangeListener implements Dispatcher.Listener {
        private final Scope scope;
        private final Set<String> commands;
        private final ObservableEmitter<KnowledgeEvent> out;

        ChangeListener(Scope scope, Set<String> commands, ObservableEmitter<KnowledgeEvent> out) {
            this.scope = scope;
            this.commands = commands;
            this.out = out;
        }

        @Override
        public void message(String p, String channel, byte[] body) {
            String key = channel.substring(channelPrefix.length());
            String command = new String(body, StandardCharsets.UTF_8);
            if (scope.owns(key) && (commands.isEmpty() || commands.contains(command))) {
                out.onNext(new KnowledgeEvent(scope, key, scope.nameOf(key), command));
            }
        }

        @Override
        public void closed() {
            listeners.remove(this);
            out.onComplete();
        }

        void failed(KnowledgeException e) {
            listeners.remove(this);
            out.tryOnError(e);
        }
    }

    /**
     * Makes sure Redis publishes the keyspace events {@link #changes} needs ({@code notify-keyspace-events} with
     * {@code K} and {@code A}): enables them with {@code CONFIG SET} where the server allows it; where it does not,
     * checks with a probe key that they are on already. From the first call on, does so again each time the command
     * connection comes back after a loss.
     *
     * @return whether it had to turn them on with {@code CONFIG SET}
     * @throws KnowledgeException saying what to configure when they are off and cannot be turned on
     */
    public boolean enableKeyspaceEvents() {
        if (!watching) {
            watching = true;
            nodes.addListener(reconnects);
        }
        boolean turnedOn = ensureKeyspaceEvents();
        eventsOff = null;
        return turnedOn;
    }

    /** After a reconnect: keyspace events on again, or an ERROR and every change stream failed. On the timer. */
    private void reenableKeyspaceEvents() {
        try {
            if (enableKeyspaceEvents()) {
                LOG.info("Redis at {} came back without keyspace events; turned them on again for the Knowledge "
                        + "change streams", where);
            }
        } catch (KnowledgeException e) {
            if (closed) {
                return;
            }
            eventsOff = e;
            LOG.error("after reconnecting, Knowledge change streams of Redis at {} cannot get their events, so they "
                    + "end with this error: {}", where, e.getMessage());
            for (ChangeListener l : List.copyOf(listeners)) {
                l.failed(e);
            }
        }
    }

    /** {@link #ensureKeyspaceEvents(String)} on every primary; whether it turned them on anywhere. */
    private boolean ensureKeyspaceEvents() {
        boolean turnedOn = false;
        for (String node : nodes.primaries()) {
            turnedOn |= ensureKeyspaceEvents(node);
        }
        return turnedOn;
    }

    private boolean ensureKeyspaceEvents(String node) {
        String refusal;
        try {
            String flags = await(callOn(node, c -> c.configGet("notify-keyspace-events"),
                    m -> m.getOrDefault("notify-keyspace-events", "")));
            if (covers(flags)) {
                return false;
            }
            await(callOn(node, c -> c.configSet("notify-keyspace-events", flags + (flags.contains("K") ? "" : "K")
                    + (flags.contains("A") ? "" : "A")), r -> r));
            return true;
        } catch (KnowledgeException e) {
            refusal = e.getMessage();
        }
        if (!probe(node)) {
            throw new KnowledgeException("Redis at " + where + (node.isEmpty() ? "" : " (node " + node + ")")
                    + " does not publish keyspace events, which Knowledge "
                    + "changes need, and refused to turn them on (" + refusal + "). Configure the server with "
                    + "'notify-keyspace-events KEA' (in redis.conf, or CONFIG SET notify-keyspace-events KEA as an "
                    + "admin), or let this user run CONFIG.");
        }
        return false;
    }

    /** A fresh probe key, served by {@code node}. */
    private String probeKey(String node) {
        while (true) {
            String key = "k.probe." + UUID.randomUUID();
            if (nodes.nodeOf(key).equals(node)) {
                return key;
            }
        }
    }

    static boolean covers(String flags) {
        return flags.contains("K") && (flags.contains("A") || "g$lshzx".chars().allMatch(c -> flags.indexOf(c) >= 0));
    }

    /** Whether a key set on {@code node} is heard of. */
    private boolean probe(String node) {
        String key = probeKey(node);
        CompletableFuture<Void> seen = new CompletableFuture<>();
        Dispatcher.Listener l = new Dispatcher.Listener() {
            @Override
            public void message(String pattern, String channel, byte[] body) {
                seen.complete(null);
            }

            @Override
            public void closed() {
                seen.cancel(false);
            }
        };
        List<String> pattern = List.of(channelPrefix + key);
        try {
            dispatcher.register(l, pattern).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            await(call(c -> c.set(key, encode(true), SetArgs.Builder.px(2000)), r -> r));
            seen.get(2, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } finally {
            dispatcher.unregister(l, pattern);
            call(c -> c.del(key), n -> n);
        }
    }

    // ---------------------------------------------------------------- errors and closing

    private KnowledgeException closedException() {
        return new KnowledgeException("the Redis Knowledge backend of " + where + " is closed");
    }

    private RuntimeException mapped(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof RedisCommandExecutionException r) {
            return new KnowledgeException(r.getMessage(), r);
        }
        if (t instanceof RedisException r) {
            return closed ? closedException() : new KnowledgeException("Redis at " + where + ": " + r.getMessage(), r);
        }
        if (t instanceof RemoteUnavailableException r) {
            return closed ? closedException() : new KnowledgeException(r.getMessage(), r);
        }
        if (t instanceof RuntimeException r) {
            return r;
        }
        return new KnowledgeException("Redis at " + where + ": " + t, t);
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new KnowledgeException(String.valueOf(cause), cause);
    }

    /** Completes the change streams, fails the waiting pops and later operations. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        nodes.removeListener(reconnects);
        for (ChangeListener l : List.copyOf(listeners)) {
            l.closed();
        }
        for (Blocking b : List.copyOf(blocking)) {
            release(b, false);
        }
        timer.shutdownNow();
    }
}
