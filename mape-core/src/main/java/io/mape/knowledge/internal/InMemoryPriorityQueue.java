package io.mape.knowledge.internal;

import io.mape.knowledge.KPriorityQueue;
import io.mape.knowledge.Scored;
import io.mape.knowledge.TypeRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The in-memory priority queue over a Redis sorted set (ZADD, ZPOPMIN, BZPOPMIN). */
final class InMemoryPriorityQueue<V> extends Handle<V> implements KPriorityQueue<V> {

    InMemoryPriorityQueue(InMemoryKnowledge owner, String name, TypeRef<V> type) {
        super(owner, name, type, InMemoryStore.Type.ZSET);
    }

    @Override
    int sizeOf(Object value) {
        return ((ZSet) value).size();
    }

    @Override
    public boolean offer(V value, double priority) {
        String json = encode(value);
        return store.call(() -> InMemorySortedSet.add(this, json, priority)) == 1;
    }

    @Override
    public V poll() {
        ZSet.Member m = store.call(() -> InMemorySortedSet.pop(store, entry(), key, true));
        return m == null ? null : decode(m.member());
    }

    @Override
    public V take(Duration timeout) {
        InMemoryStore.Waiter w = waiter();
        store.call(() -> start(w, timeout));
        return decode((String) store.block(w));
    }

    @Override
    public Scored<V> peek() {
        ZSet.Member m = store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? null : InMemorySortedSet.zset(e).first();
        });
        return m == null ? null : new Scored<>(decode(m.member()), m.score());
    }

    private InMemoryStore.Waiter waiter() {
        return new InMemoryStore.Waiter(key) {
            @Override
            Object attempt() {
                InMemoryStore.Entry e = store.live(key);
                if (e == null || e.type != InMemoryStore.Type.ZSET) {
                    return null;
                }
                return InMemorySortedSet.pop(store, e, key, true).member();
            }

            @Override
            Object onTimeout() {
                return null;
            }
        };
    }

    private CompletableFuture<Object> start(InMemoryStore.Waiter w, Duration timeout) {
        InMemoryQueue.checkTimeout(timeout);
        entry();
        return store.await(w, timeout);
    }

    @Override
    public CompletionStage<Boolean> offerAsync(V value, double priority) {
        return Async.of(() -> offer(value, priority));
    }

    @Override
    public CompletionStage<V> pollAsync() {
        return Async.of(this::poll);
    }

    @Override
    public CompletionStage<V> takeAsync(Duration timeout) {
        InMemoryStore.Waiter w = waiter();
        try {
            return store.call(() -> start(w, timeout)).thenApply(json -> decode((String) json));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Scored<V>> peekAsync() {
        return Async.of(this::peek);
    }
}
