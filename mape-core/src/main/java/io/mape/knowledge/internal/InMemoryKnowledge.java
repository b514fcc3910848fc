package io.mape.knowledge.internal;

import io.mape.knowledge.KLock;
import io.mape.knowledge.KList;
import io.mape.knowledge.KMap;
import io.mape.knowledge.KPriorityQueue;
import io.mape.knowledge.KQueue;
import io.mape.knowledge.KSet;
import io.mape.knowledge.KSortedSet;
import io.mape.knowledge.Knowledge;
import io.mape.knowledge.KnowledgeEvent;
import io.mape.knowledge.KnowledgeException;
import io.mape.knowledge.Scope;
import io.mape.knowledge.TypeRef;
import io.mape.internal.Checks;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The Knowledge of one scope of an {@link InMemoryStore}. Its change events are published under the store lock,
 * so in command order, and each subscription receives them on its own worker of the store's event scheduler.
 */
public final class InMemoryKnowledge implements Knowledge {

    private final InMemoryStore store;
    private final Scope scope;
    private final PublishSubject<KnowledgeEvent> events = PublishSubject.create();

    InMemoryKnowledge(InMemoryStore store, Scope scope) {
        this.store = store;
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    InMemoryStore store() {
        return store;
    }

    /** Publishes a change of {@code key}. Under the store lock. */
    void emit(String key, String command) {
        if (events.hasObservers()) {
            events.onNext(new KnowledgeEvent(scope, key, key.substring(scope.prefix().length()), command));
        }
    }

    /** Completes the change streams. Under the store lock. */
    void complete() {
        events.onComplete();
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public void put(String name, Object value) {
        String key = key(name);
        String json = store.encode(Objects.requireNonNull(value, "value"));
        store.run(() -> store.set(this, key, json, null));
    }

    @Override
    public void put(String name, Object value, Duration ttl) {
        String key = key(name);
        Checks.positive(ttl, "ttl");
        String json = store.encode(Objects.requireNonNull(value, "value"));
        store.run(() -> store.set(this, key, json, ttl));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String name, TypeRef<T> type) {
        String key = key(name);
        Objects.requireNonNull(type, "type");
        return (T) store.decode(store.call(() -> store.string(key)), type.type());
    }

    @Override
    public boolean remove(String name) {
        String key = key(name);
        return store.call(() -> store.delete(key));
    }

    @Override
    public boolean contains(String name) {
        String key = key(name);
        return store.call(() -> store.live(key) != null);
    }

    @Override
    public Set<String> keys(String glob) {
        Glob g = Glob.of(glob);
        return store.call(() -> store.keys(scope, g));
    }

    @Override
    public long increment(String name, long delta) {
        String key = key(name);
        return store.call(() -> store.add(this, key, delta));
    }

    @Override
    public long decrement(String name, long delta) {
        String key = key(name);
        if (delta == Long.MIN_VALUE) {
            throw new KnowledgeException("ERR decrement would overflow");
        }
        return store.call(() -> store.add(this, key, -delta));
    }

    @Override
    public boolean compareAndSet(String name, Object expected, Object value) {
        String key = key(name);
        String was = expected == null ? null : store.encode(expected);
        String json = value == null ? null : store.encode(value);
        return store.call(() -> store.compareAndSet(this, key, was, json));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T update(String name, TypeRef<T> type, UnaryOperator<T> fn) {
        String key = key(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fn, "fn");
        while (true) {
            String was = store.call(() -> store.string(key));
            T next = fn.apply((T) store.decode(was, type.type()));
            String json = next == null ? null : store.encode(next);
            if (store.call(() -> store.compareAndSet(this, key, was, json))) {
                return next;
            }
        }
    }

    @Override
    public CompletionStage<Long> incrementAsync(String name, long delta) {
        return Async.of(() -> increment(name, delta));
    }

    @Override
    public CompletionStage<Long> decrementAsync(String name, long delta) {
        return Async.of(() -> decrement(name, delta));
    }

    @Override
    public CompletionStage<Boolean> compareAndSetAsync(String name, Object expected, Object value) {
        return Async.of(() -> compareAndSet(name, expected, value));
    }

    @Override
    public <T> CompletionStage<T> updateAsync(String name, TypeRef<T> type, UnaryOperator<T> fn) {
        return Async.of(() -> update(name, type, fn));
    }

    @Override
    public boolean expire(String name, Duration ttl) {
        String key = key(name);
        Checks.positive(ttl, "ttl");
        return store.call(() -> store.expire(key, ttl));
    }

    @Override
    public Optional<Duration> ttl(String name) {
        String key = key(name);
        return store.call(() -> store.ttl(key));
    }

    @Override
    public boolean persist(String name) {
        String key = key(name);
        return store.call(() -> store.persist(key));
    }

    @Override
    public CompletionStage<Boolean> expireAsync(String name, Duration ttl) {
        return Async.of(() -> expire(name, ttl));
    }

    @Override
    public CompletionStage<Optional<Duration>> ttlAsync(String name) {
        return Async.of(() -> ttl(name));
    }

    @Override
    public CompletionStage<Boolean> persistAsync(String name) {
        return Async.of(() -> persist(name));
    }

    @Override
    public CompletionStage<Void> putAsync(String name, Object value) {
        return Async.run(() -> put(name, value));
    }

    @Override
    public CompletionStage<Void> putAsync(String name, Object value, Duration ttl) {
        return Async.run(() -> put(name, value, ttl));
    }

    @Override
    public <T> CompletionStage<T> getAsync(String name, TypeRef<T> type) {
        return Async.of(() -> get(name, type));
    }

    @Override
    public CompletionStage<Boolean> removeAsync(String name) {
        return Async.of(() -> remove(name));
    }

    @Override
    public CompletionStage<Boolean> containsAsync(String name) {
        return Async.of(() -> contains(name));
    }

    @Override
    public CompletionStage<Set<String>> keysAsync(String glob) {
        return Async.of(() -> keys(glob));
    }

    @Override
    public <V> KMap<V> map(String name, TypeRef<V> type) {
        return new InMemoryMap<>(this, name, type);
    }

    @Override
    public <V> KSet<V> set(String name, TypeRef<V> type) {
        return new InMemorySet<>(this, name, type);
    }

    @Override
    public <V> KList<V> list(String name, TypeRef<V> type) {
        return new InMemoryList<>(this, name, type);
    }

    @Override
    public <V> KSortedSet<V> sortedSet(String name, TypeRef<V> type) {
        return new InMemorySortedSet<>(this, name, type);
    }

    @Override
    public <V> KQueue<V> queue(String name, TypeRef<V> type) {
        return new InMemoryQueue<>(this, name, type, true);
    }

    @Override
    public <V> KQueue<V> lifoQueue(String name, TypeRef<V> type) {
        return new InMemoryQueue<>(this, name, type, false);
    }

    @Override
    public <V> KPriorityQueue<V> priorityQueue(String name, TypeRef<V> type) {
        return new InMemoryPriorityQueue<>(this, name, type);
    }

    @Override
    public KLock lock(String name) {
        return new InMemoryLock(this, name);
    }

    @Override
    public Observable<KnowledgeEvent> changes(String glob, String... commands) {
        Glob g = Glob.of(glob);
        Set<String> wanted = Set.of(commands);
        return events
                .filter(e -> g.matches(e.name()) && (wanted.isEmpty() || wanted.contains(e.command())))
                .observeOn(store.eventScheduler());
    }

    @Override
    public String toString() {
        return "InMemoryKnowledge[" + scope + "]";
    }
}
