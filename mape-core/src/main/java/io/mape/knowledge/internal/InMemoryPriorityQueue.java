package io.mape.knowledge.internal;

import io.mape.knowledge.KPriorityQueue;
import io.mape.knowledge.Scored;
import io.mape.knowledge.TypeRef;
import java.util.concurrent.CompletionStage;

/** The in-memory priority queue over a Redis sorted set (ZADD, ZPOPMIN, BZPOPMIN). */
final class InMemoryPriorityQueue<V> extends BlockingHandle<V> implements KPriorityQueue<V> {

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
    public Scored<V> peek() {
        ZSet.Member m = store.call(() -> {
            InMemoryStore.Entry e = entry();
            return e == null ? null : InMemorySortedSet.zset(e).first();
        });
        return m == null ? null : new Scored<>(decode(m.member()), m.score());
    }

    @Override
    String takeFrom(InMemoryStore.Entry e) {
        return InMemorySortedSet.pop(store, e, key, true).member();
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
    public CompletionStage<Scored<V>> peekAsync() {
        return Async.of(this::peek);
    }
}
