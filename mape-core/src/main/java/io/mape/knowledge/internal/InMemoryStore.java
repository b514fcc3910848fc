package io.mape.knowledge.internal;

import io.mape.codec.JsonCodec;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.Scope;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The data of an in-memory backend: a map of full keys to Redis-like values (string, hash, set, list, zset), with
 * expiry, blocked waiters (BLPOP, BZPOPMIN, a lock's wait) and change events. Like Redis, one command runs at a
 * time: every command takes one lock, so commands are atomic, and their events are published in the order the
 * commands ran. Values are held as JSON strings, so what is read back is always a fresh decoded copy. Waiters are
 * completed after the lock is released, never under it.
 *
 * <p>Thread-safe.
 */
public final class InMemoryStore implements AutoCloseable {

    /** The Redis type of a key. */
    enum Type {
        STRING, HASH, SET, LIST, ZSET;

        String redisName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The value of a key. */
    static final class Entry {
        final Type type;
        Object value;
        final InMemoryKnowledge owner;
        long expireAt;
        Disposable expiry;

        Entry(Type type, Object value, InMemoryKnowledge owner) {
            this.type = type;
            this.value = value;
            this.owner = owner;
        }
    }

    /** A command blocked until its key changes, such as BLPOP. Guarded by the store lock. */
    abstract static class Waiter {
        final String key;
        final CompletableFuture<Object> future = new CompletableFuture<>();
        boolean done;
        Disposable timeout;

        Waiter(String key) {
            this.key = key;
        }

        /** Under the lock: does its command if it can now, and returns its result, or null if it still waits. */
        abstract Object attempt();

        /** What the future completes with at the timeout. */
        abstract Object onTimeout();
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> data = new HashMap<>();
    private final Map<String, ArrayDeque<Waiter>> waiters = new HashMap<>();
    private final List<Runnable> afterUnlock = new ArrayList<>();
    private String serving;
    private final Map<Scope, InMemoryKnowledge> scopes = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final Scheduler clock;
    private final JsonCodec codec;
    private final Scheduler eventScheduler;
    private final String namespace;
    private volatile boolean closed;

    /**
     * A store whose values go through {@code codec}, whose change events are delivered on {@code eventScheduler},
     * whose scopes are put in {@code namespace} (empty for none), and whose expiry, leases and take timeouts run on
     * {@code clock}'s time and timers; a null clock is {@link System#nanoTime()} and a daemon thread of its own.
     */
    public InMemoryStore(JsonCodec codec, Scheduler eventScheduler, Scheduler clock, String namespace) {
        this.codec = codec;
        this.eventScheduler = eventScheduler;
        this.clock = clock;
        this.namespace = namespace;
        if (clock == null) {
            this.timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "mape-knowledge-timer");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
        } else {
            this.timer = null;
        }
    }

    /** The Knowledge of {@code scope}, one per scope. */
    public InMemoryKnowledge knowledge(Scope scope) {
        checkOpen();
        Scope placed = scope.namespace().isEmpty() ? scope.in(namespace) : scope;
        return scopes.computeIfAbsent(placed, s -> new InMemoryKnowledge(this, s));
    }

    /** Now, in nanoseconds of the store's clock. */
    private long now() {
        return clock == null ? System.nanoTime() : clock.now(TimeUnit.NANOSECONDS);
    }

    JsonCodec codec() {
        return codec;
    }

    Scheduler eventScheduler() {
        return eventScheduler;
    }

    // ---- running commands ---------------------------------------------------------------------------------------

    /** Runs one command under the lock, then completes the waiters it served. */
    <R> R call(Supplier<R> command) {
        return call(command, true);
    }

    /** {@link #call(Supplier)}; on a closed store it throws, or does nothing and returns null. */
    private <R> R call(Supplier<R> command, boolean failWhenClosed) {
        lock.lock();
        Runnable[] after = null;
        try {
            if (closed && !failWhenClosed) {
                return null;
            }
            checkOpen();
            return command.get();
        } finally {
            if (lock.getHoldCount() == 1 && !afterUnlock.isEmpty()) {
                after = afterUnlock.toArray(new Runnable[0]);
                afterUnlock.clear();
            }
            lock.unlock();
            if (after != null) {
                for (Runnable r : after) {
                    r.run();
                }
            }
        }
    }

    void run(Runnable command) {
        call(() -> {
            command.run();
            return null;
        });
    }

    private void checkOpen() {
        if (closed) {
            throw new KnowledgeException("the Knowledge backend is closed");
        }
    }

    String encode(Object value) {
        return new String(codec.encode(value), StandardCharsets.UTF_8);
    }

    Object decode(String json, java.lang.reflect.Type type) {
        return json == null ? null : codec.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    // ---- keys ---------------------------------------------------------------------------------------------------

    /** The live entry of {@code key}, expiring it first if its time has come. */
    Entry live(String key) {
        Entry e = data.get(key);
        if (e != null && e.expireAt != 0 && now() - e.expireAt >= 0) {
            expire(key, e);
            return null;
        }
        return e;
    }

    /** The live entry of {@code key} if it holds {@code type}; null if absent; WRONGTYPE otherwise. */
    Entry typed(String key, Type type) {
        Entry e = live(key);
        if (e != null && e.type != type) {
            throw new KnowledgeException("WRONGTYPE " + key + " holds a " + e.type.redisName()
                    + ", not a " + type.redisName());
        }
        return e;
    }

    /** The entry of {@code key} holding {@code type}, created empty if absent. */
    Entry typedOrCreate(String key, Type type, InMemoryKnowledge owner, Supplier<Object> empty) {
        Entry e = typed(key, type);
        if (e == null) {
            e = new Entry(type, empty.get(), owner);
            data.put(key, e);
        }
        return e;
    }

    void set(InMemoryKnowledge owner, String key, String json, Duration ttl) {
        Entry old = live(key);
        if (old != null) {
            cancelExpiry(old);
        }
        Entry e = new Entry(Type.STRING, json, owner);
        data.put(key, e);
        owner.emit(key, "set");
        if (ttl != null) {
            expireIn(e, key, ttl);
        }
    }

    /** The JSON of the plain key {@code key}, or null; WRONGTYPE for a collection. Under the lock. */
    String string(String key) {
        Entry e = typed(key, Type.STRING);
        return e == null ? null : (String) e.value;
    }

    /** INCRBY: adds {@code delta} to the integer of a plain key, keeping its expiry. Under the lock. */
    long add(InMemoryKnowledge owner, String key, long delta) {
        Entry e = typed(key, Type.STRING);
        long next = add(e == null ? null : (String) e.value, delta);
        if (e == null) {
            data.put(key, new Entry(Type.STRING, Long.toString(next), owner));
        } else {
            e.value = Long.toString(next);
        }
        owner.emit(key, "incrby");
        return next;
    }

    /** The sum of the integer JSON {@code json} (null is 0) and {@code delta}, failing as Redis does. */
    static long add(String json, long delta) {
        long current;
        try {
            current = json == null ? 0 : Long.parseLong(json);
        } catch (NumberFormatException e) {
            throw new KnowledgeException("ERR value is not an integer or out of range", e);
        }
        try {
            return Math.addExact(current, delta);
        } catch (ArithmeticException e) {
            throw new KnowledgeException("ERR increment or decrement would overflow", e);
        }
    }

    /**
     * Sets (or with a null {@code json} deletes) a plain key if its JSON is {@code expected} (null: absent); whether
     * it did. Under the lock.
     */
    boolean compareAndSet(InMemoryKnowledge owner, String key, String expected, String json) {
        if (!java.util.Objects.equals(string(key), expected)) {
            return false;
        }
        if (json == null) {
            return expected == null || delete(key);
        }
        set(owner, key, json, null);
        return true;
    }

    void expireIn(Entry e, String key, Duration ttl) {
        cancelExpiry(e);
        long nanos = Math.max(1, ttl.toNanos());
        e.expireAt = now() + nanos;
        e.expiry = schedule(() -> {
            Entry cur = data.get(key);
            if (cur == e) {
                live(key);
            }
        }, nanos);
        e.owner.emit(key, "expire");
    }

    /** PEXPIRE: whether the key exists. Under the lock. */
    boolean expire(String key, Duration ttl) {
        Entry e = live(key);
        if (e == null) {
            return false;
        }
        expireIn(e, key, ttl);
        return true;
    }

    /** PTTL: what the key has left, empty when absent or without expiry. Under the lock. */
    Optional<Duration> ttl(String key) {
        Entry e = live(key);
        if (e == null || e.expireAt == 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.max(0, e.expireAt - now())));
    }

    /** PERSIST: whether the key had an expiry. Under the lock. */
    boolean persist(String key) {
        Entry e = live(key);
        if (e == null || e.expireAt == 0) {
            return false;
        }
        cancelExpiry(e);
        e.owner.emit(key, "persist");
        return true;
    }

    boolean delete(String key) {
        Entry e = live(key);
        if (e == null) {
            return false;
        }
        data.remove(key);
        cancelExpiry(e);
        e.owner.emit(key, "del");
        serve(key);
        return true;
    }

    /**
     * Deletes the key of a collection that just became empty, as Redis does. Serves no waiter: a pop that empties
     * a list may itself run inside {@link #serve}, and nothing waits for a collection to vanish.
     */
    void deleteIfEmpty(String key, Entry e, boolean empty) {
        if (empty) {
            data.remove(key);
            cancelExpiry(e);
            e.owner.emit(key, "del");
        }
    }

    private void expire(String key, Entry e) {
        data.remove(key);
        cancelExpiry(e);
        e.owner.emit(key, "expired");
        serve(key);
    }

    private static void cancelExpiry(Entry e) {
        if (e.expiry != null) {
            e.expiry.dispose();
            e.expiry = null;
        }
        e.expireAt = 0;
    }

    Set<String> keys(Scope scope, Glob glob) {
        List<String> expired = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        for (Map.Entry<String, Entry> me : data.entrySet()) {
            String key = me.getKey();
            if (!scope.owns(key)) {
                continue;
            }
            Entry e = me.getValue();
            if (e.expireAt != 0 && now() - e.expireAt >= 0) {
                expired.add(key);
                continue;
            }
            String name = scope.nameOf(key);
            if (glob.matches(name)) {
                names.add(name);
            }
        }
        expired.forEach(this::live);
        return names;
    }

    // ---- waiting ------------------------------------------------------------------------------------------------

    /**
     * Under the lock: runs the waiter's command now if it can, else queues it behind the other waiters of its key
     * until {@code timeout}. Returns its future, completed after the lock is released.
     */
    CompletableFuture<Object> await(Waiter w, Duration timeout) {
        ArrayDeque<Waiter> queue = waiters.get(w.key);
        Object now = queue == null || queue.isEmpty() ? w.attempt() : null;
        if (now != null) {
            w.done = true;
            afterUnlock.add(() -> w.future.complete(now));
            return w.future;
        }
        waiters.computeIfAbsent(w.key, k -> new ArrayDeque<>()).addLast(w);
        w.timeout = schedule(() -> {
            if (!w.done) {
                w.done = true;
                withdraw(w);
                Object v = w.onTimeout();
                afterUnlock.add(() -> w.future.complete(v));
            }
        }, Math.max(1, timeout.toNanos()));
        return w.future;
    }

    /**
     * Serves the waiters of {@code key} in order, as long as their commands can run. Not re-entered for the same
     * key (a waiter's command may expire its key, which serves again): the outer loop goes on serving instead.
     */
    void serve(String key) {
        if (waiters.isEmpty() || key.equals(serving)) {
            return;
        }
        ArrayDeque<Waiter> queue = waiters.get(key);
        if (queue == null) {
            return;
        }
        String outer = serving;
        serving = key;
        try {
            serveQueue(key, queue);
        } finally {
            serving = outer;
        }
    }

    private void serveQueue(String key, ArrayDeque<Waiter> queue) {
        while (!queue.isEmpty()) {
            Waiter w = queue.peekFirst();
            if (!w.done) {
                Object v = w.attempt();
                if (v == null) {
                    break;
                }
                w.done = true;
                if (w.timeout != null) {
                    w.timeout.dispose();
                }
                afterUnlock.add(() -> w.future.complete(v));
            }
            queue.pollFirst();
        }
        if (queue.isEmpty()) {
            waiters.remove(key);
        }
    }

    private void withdraw(Waiter w) {
        ArrayDeque<Waiter> queue = waiters.get(w.key);
        if (queue != null) {
            queue.remove(w);
            if (queue.isEmpty()) {
                waiters.remove(w.key);
            }
        }
    }

    /**
     * Blocks until the waiter completes. On interrupt, withdraws it if it is still waiting and throws; if it was
     * served meanwhile, returns its result, so nothing it took is lost. Either way the interrupt flag is set again.
     */
    Object block(Waiter w) {
        try {
            return w.future.get();
        } catch (InterruptedException e) {
            boolean withdrawn;
            lock.lock();
            try {
                withdrawn = !w.done;
                if (withdrawn) {
                    w.done = true;
                    withdraw(w);
                    if (w.timeout != null) {
                        w.timeout.dispose();
                    }
                }
            } finally {
                lock.unlock();
            }
            Thread.currentThread().interrupt();
            if (withdrawn) {
                throw new KnowledgeException("interrupted while waiting on " + w.key, e);
            }
            try {
                return w.future.join();
            } catch (CompletionException | CancellationException c) {
                throw unwrap(c.getCause() == null ? c : c.getCause());
            }
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static RuntimeException unwrap(Throwable t) {
        return t instanceof RuntimeException r ? r : new KnowledgeException(String.valueOf(t.getMessage()), t);
    }

    /** Runs {@code command} as a command of this store after {@code nanos} of its clock. */
    private Disposable schedule(Runnable command, long nanos) {
        Runnable task = () -> call(() -> {
            command.run();
            return null;
        }, false);
        if (clock != null) {
            return clock.scheduleDirect(task, nanos, TimeUnit.NANOSECONDS);
        }
        try {
            return Disposable.fromFuture(timer.schedule(task, nanos, TimeUnit.NANOSECONDS), false);
        } catch (RejectedExecutionException e) {
            throw new KnowledgeException("the Knowledge backend is closed", e);
        }
    }

    // ---- closing ------------------------------------------------------------------------------------------------

    /** Fails the waiters, completes the change streams, drops the data. Idempotent. */
    @Override
    public void close() {
        List<Waiter> failed = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            waiters.values().forEach(q -> q.forEach(w -> {
                if (!w.done) {
                    w.done = true;
                    failed.add(w);
                }
            }));
            waiters.clear();
            data.clear();
            scopes.values().forEach(InMemoryKnowledge::complete);
        } finally {
            lock.unlock();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        KnowledgeException e = new KnowledgeException("the Knowledge backend is closed");
        failed.forEach(w -> w.future.completeExceptionally(e));
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }
}
