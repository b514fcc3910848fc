package io.mape.knowledge.internal;

import io.mape.internal.Checks;
import io.mape.knowledge.KLock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The in-memory lock: a string key holding this handle's owner token, with the lease as its expiry. */
final class InMemoryLock implements KLock {

    private final InMemoryStore store;
    private final InMemoryKnowledge owner;
    private final String name;
    private final String key;
    private final String token;

    InMemoryLock(InMemoryKnowledge owner, String name) {
        this.owner = owner;
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

    /** SET key token NX PX lease. Under the store lock. */
    private boolean acquire(Duration lease) {
        if (store.live(key) != null) {
            return false;
        }
        store.set(owner, key, token, lease);
        return true;
    }

    private boolean held() {
        InMemoryStore.Entry e = store.live(key);
        return e != null && e.type == InMemoryStore.Type.STRING && token.equals(e.value);
    }

    @Override
    public boolean tryLock(Duration lease) {
        Checks.positive(lease, "lease");
        return store.call(() -> acquire(lease));
    }

    @Override
    public boolean tryLock(Duration wait, Duration lease) {
        InMemoryStore.Waiter w = waiter(lease);
        store.call(() -> start(w, wait, lease));
        return (Boolean) store.block(w);
    }

    private InMemoryStore.Waiter waiter(Duration lease) {
        return new InMemoryStore.Waiter(key) {
            @Override
            Object attempt() {
                return acquire(lease) ? Boolean.TRUE : null;
            }

            @Override
            Object onTimeout() {
                return Boolean.FALSE;
            }
        };
    }

    private CompletableFuture<Object> start(InMemoryStore.Waiter w, Duration wait, Duration lease) {
        Checks.positive(wait, "wait");
        Checks.positive(lease, "lease");
        return store.await(w, wait);
    }

    @Override
    public boolean unlock() {
        return store.call(() -> held() && store.delete(key));
    }

    @Override
    public boolean extend(Duration lease) {
        Checks.positive(lease, "lease");
        return store.call(() -> {
            if (!held()) {
                return false;
            }
            store.expireIn(store.live(key), key, lease);
            return true;
        });
    }

    @Override
    public boolean isLocked() {
        return store.call(() -> store.live(key) != null);
    }

    @Override
    public boolean isHeld() {
        return store.call(this::held);
    }

    @Override
    public CompletionStage<Boolean> tryLockAsync(Duration lease) {
        return Async.of(() -> tryLock(lease));
    }

    @Override
    public CompletionStage<Boolean> tryLockAsync(Duration wait, Duration lease) {
        InMemoryStore.Waiter w = waiter(lease);
        try {
            return store.call(() -> start(w, wait, lease)).thenApply(Boolean.class::cast);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Boolean> unlockAsync() {
        return Async.of(this::unlock);
    }

    @Override
    public CompletionStage<Boolean> extendAsync(Duration lease) {
        return Async.of(() -> extend(lease));
    }

    @Override
    public CompletionStage<Boolean> isLockedAsync() {
        return Async.of(this::isLocked);
    }

    @Override
    public CompletionStage<Boolean> isHeldAsync() {
        return Async.of(this::isHeld);
    }

    @Override
    public String toString() {
        return "InMemoryLock[" + key + "]";
    }
}
