package io.mape.remote.redis.internal;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.mape.knowledge.KLock;
import io.mape.knowledge.KnowledgeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A lock on a Redis string: {@code SET key token NX PX lease} with a random owner token (stored as its JSON string),
 * freed and extended only by its owner through a script that compares the token first (atomic check-and-delete,
 * check-and-{@code PEXPIRE}). A wait polls every {@value #POLL_MILLIS} ms on the store's timer, holding no thread.
 */
final class RedisLock implements KLock {

    static final long POLL_MILLIS = 15;

    private static final String UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";
    private static final String EXTEND = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private final RedisStore store;
    private final String name;
    private final String key;
    private final byte[] token;

    RedisLock(RedisKnowledge owner, String name) {
        this.store = owner.store();
        this.name = name;
        this.key = owner.key(name);
        this.token = store.encode(UUID.randomUUID().toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public boolean tryLock(Duration lease) {
        return store.await(tryLockAsync(lease));
    }

    @Override
    public boolean tryLock(Duration wait, Duration lease) {
        AtomicBoolean abandoned = new AtomicBoolean();
        CompletableFuture<Boolean> f = acquire(wait, lease, abandoned);
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new KnowledgeException(e.getMessage(), e);
        } catch (InterruptedException e) {
            abandoned.set(true);
            f.thenAccept(taken -> {
                if (taken) {
                    unlockAsync();
                }
            });
            Thread.currentThread().interrupt();
            throw new KnowledgeException("interrupted while waiting for the lock " + key, e);
        }
    }

    @Override
    public boolean unlock() {
        return store.await(unlockAsync());
    }

    @Override
    public boolean extend(Duration lease) {
        return store.await(extendAsync(lease));
    }

    @Override
    public boolean isLocked() {
        return store.await(isLockedAsync());
    }

    @Override
    public boolean isHeld() {
        return store.await(isHeldAsync());
    }

    @Override
    public CompletionStage<Boolean> tryLockAsync(Duration lease) {
        long millis = RedisKnowledge.positiveMillis("lease", lease);
        return store.call(c -> c.set(key, token, SetArgs.Builder.nx().px(millis)), "OK"::equals);
    }

    @Override
    public CompletionStage<Boolean> tryLockAsync(Duration wait, Duration lease) {
        return acquire(wait, lease, new AtomicBoolean());
    }

    private CompletableFuture<Boolean> acquire(Duration wait, Duration lease, AtomicBoolean abandoned) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative, got " + wait);
        }
        RedisKnowledge.positiveMillis("lease", lease);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        attempt(System.nanoTime() + wait.toNanos(), lease, abandoned, result);
        return result;
    }

    private void attempt(long deadline, Duration lease, AtomicBoolean abandoned, CompletableFuture<Boolean> result) {
        if (abandoned.get()) {
            result.complete(false);
            return;
        }
        tryLockAsync(lease).whenComplete((taken, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else if (taken || System.nanoTime() - deadline >= 0) {
                result.complete(taken);
            } else {
                try {
                    store.timer().schedule(() -> attempt(deadline, lease, abandoned, result), POLL_MILLIS,
                            TimeUnit.MILLISECONDS);
                } catch (RuntimeException rejected) {
                    result.completeExceptionally(new KnowledgeException("the Redis Knowledge backend closed while "
                            + "waiting for the lock " + key, rejected));
                }
            }
        });
    }

    @Override
    public CompletionStage<Boolean> unlockAsync() {
        return store.call(c -> c.<Long>eval(UNLOCK, ScriptOutputType.INTEGER, new String[] {key}, token), n -> n > 0);
    }

    @Override
    public CompletionStage<Boolean> extendAsync(Duration lease) {
        long millis = RedisKnowledge.positiveMillis("lease", lease);
        byte[] ms = Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
        return store.call(c -> c.<Long>eval(EXTEND, ScriptOutputType.INTEGER, new String[] {key}, token, ms),
                n -> n > 0);
    }

    @Override
    public CompletionStage<Boolean> isLockedAsync() {
        return store.call(c -> c.exists(key), n -> n > 0);
    }

    @Override
    public CompletionStage<Boolean> isHeldAsync() {
        return store.call(c -> c.get(key), v -> Arrays.equals(v, token));
    }

    @Override
    public String toString() {
        return "RedisLock[" + key + "]";
    }
}
