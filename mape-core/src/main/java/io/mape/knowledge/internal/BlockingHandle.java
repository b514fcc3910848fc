package io.mape.knowledge.internal;

import io.mape.knowledge.TypeRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A queue handle with a blocking take (BLPOP, BRPOP, BZPOPMIN): waits in the store until an element can be taken. */
abstract class BlockingHandle<V> extends Handle<V> {

    BlockingHandle(InMemoryKnowledge owner, String name, TypeRef<V> type, InMemoryStore.Type redisType) {
        super(owner, name, type, redisType);
    }

    /** Takes one element's JSON from the live entry {@code e} of this key; called under the store's lock. */
    abstract String takeFrom(InMemoryStore.Entry e);

    public V take(Duration timeout) {
        InMemoryStore.Waiter w = waiter();
        store.call(() -> start(w, timeout));
        return decode((String) store.block(w));
    }

    public CompletionStage<V> takeAsync(Duration timeout) {
        InMemoryStore.Waiter w = waiter();
        try {
            return store.call(() -> start(w, timeout)).thenApply(json -> decode((String) json));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private InMemoryStore.Waiter waiter() {
        return new InMemoryStore.Waiter(key) {
            @Override
            Object attempt() {
                InMemoryStore.Entry e = store.live(key);
                return e == null || e.type != redisType ? null : takeFrom(e);
            }

            @Override
            Object onTimeout() {
                return null;
            }
        };
    }

    private CompletableFuture<Object> start(InMemoryStore.Waiter w, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a timeout must be positive: " + timeout);
        }
        entry();
        return store.await(w, timeout);
    }
}
