package io.mape.knowledge.internal;

import io.mape.knowledge.KQueue;
import io.mape.knowledge.TypeRef;
import java.util.concurrent.CompletionStage;

/** The in-memory FIFO (RPUSH, LPOP, BLPOP) or LIFO (RPUSH, RPOP, BRPOP) queue over a Redis list. */
final class InMemoryQueue<V> extends BlockingHandle<V> implements KQueue<V> {

    private final boolean fifo;

    InMemoryQueue(InMemoryKnowledge owner, String name, TypeRef<V> type, boolean fifo) {
        super(owner, name, type, InMemoryStore.Type.LIST);
        this.fifo = fifo;
    }

    @Override
    int sizeOf(Object value) {
        return ((IndexedDeque<?>) value).size();
    }

    @Override
    public long offer(V value) {
        String json = encode(value);
        return store.call(() -> InMemoryList.push(this, json, true));
    }

    @Override
    public V poll() {
        return decode(store.call(() -> InMemoryList.pop(store, entry(), key, fifo)));
    }

    @Override
    public V peek() {
        return decode(store.call(() -> {
            InMemoryStore.Entry e = entry();
            if (e == null) {
                return null;
            }
            IndexedDeque<String> d = InMemoryList.deque(e);
            return fifo ? d.get(0) : d.get(d.size() - 1);
        }));
    }

    @Override
    String takeFrom(InMemoryStore.Entry e) {
        return InMemoryList.pop(store, e, key, fifo);
    }

    @Override
    public CompletionStage<Long> offerAsync(V value) {
        return Async.of(() -> offer(value));
    }

    @Override
    public CompletionStage<V> pollAsync() {
        return Async.of(this::poll);
    }

    @Override
    public CompletionStage<V> peekAsync() {
        return Async.of(this::peek);
    }
}
