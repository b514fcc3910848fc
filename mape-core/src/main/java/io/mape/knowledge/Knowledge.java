package io.mape.knowledge;

import io.reactivex.rxjava3.core.Observable;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The K of MAPE-K: what a scope (the App, a Level, a Loop) knows, shared by its elements and, through a remote
 * backend, by other processes. Volatile keys and typed collections, each value stored as the JSON of the
 * {@link io.mape.codec.JsonCodec}, so a value read back is a fresh decoded copy of what was written, on every
 * backend. A name is relative to the scope: {@code put("speed_limit", 80)} in the Loop {@code car_a} writes the key
 * {@code k.loop.car_a.speed_limit}.
 *
 * <p>Thread-safe. Every operation has a blocking form and an async form ({@code ...Async}) returning a
 * {@link CompletionStage}; the blocking form may wait for I/O on a remote backend, so call it from a thread that
 * may block (an element running on a scheduler), and call the async form where blocking is not allowed. A stage
 * completes on a backend thread; do not block inside its callbacks. Values and names may not be null.
 *
 * <p>Each collection ({@link #map}, {@link #set}, ...) is a handle on one key, created without touching the store;
 * a collection with no element does not exist (like Redis), and asking for a key with another type than the one it
 * holds fails with a {@link KnowledgeException} ({@code WRONGTYPE}).
 *
 * <p><b>Atomic operations</b> ({@link #increment}, {@link #compareAndSet}, {@link #update}) are atomic across every
 * thread and process sharing the backend: one command (or one server-side script) on Redis, one command under the
 * store lock in memory. <b>Expiry</b> ({@link #expire}, {@link #ttl}, {@link #persist}, and the same on every
 * {@link KCollection}) works on plain keys and collections alike; writing a collection keeps its expiry, replacing
 * a plain key ({@code put}, {@code compareAndSet}) clears it, as in Redis.
 */
public interface Knowledge {

    /** The scope this Knowledge belongs to. */
    Scope scope();

    /** The full key of a name of this scope: {@code k.loop.car_a.<name>}. */
    default String key(String name) {
        return scope().key(name);
    }

    // ---- volatile key/value (a Redis string holding JSON) -----------------------------------------------------

    /** Stores {@code value} under {@code name}, replacing whatever the key held (of any type) and its expiry. Event {@code set}. */
    void put(String name, Object value);

    /** Stores {@code value} under {@code name} for {@code ttl}, then it expires. Events {@code set}, {@code expire}; later {@code expired}. */
    void put(String name, Object value, Duration ttl);

    /** The value of {@code name} decoded as {@code type}, or {@code null} when there is none. */
    default <T> T get(String name, Class<T> type) {
        return get(name, TypeRef.of(type));
    }

    /** The value of {@code name} decoded as {@code type}, or {@code null} when there is none. */
    <T> T get(String name, TypeRef<T> type);

    /** Deletes the key {@code name}, whatever it holds (a value or a collection); whether it existed. Event {@code del}. */
    boolean remove(String name);

    /** Whether the key {@code name} exists, whatever it holds. */
    boolean contains(String name);

    /**
     * The names of this scope matching a Redis glob ({@code *}, {@code ?}, {@code [abc]}, {@code [^a]},
     * {@code [a-z]}, {@code \} to escape), relative to the scope, collections included. {@code keys("*")} lists the
     * scope. Sorted.
     */
    Set<String> keys(String glob);

    /** Async {@link #put(String, Object)}. */
    CompletionStage<Void> putAsync(String name, Object value);

    /** Async {@link #put(String, Object, Duration)}. */
    CompletionStage<Void> putAsync(String name, Object value, Duration ttl);

    /** Async {@link #get(String, Class)}. */
    default <T> CompletionStage<T> getAsync(String name, Class<T> type) {
        return getAsync(name, TypeRef.of(type));
    }

    /** Async {@link #get(String, TypeRef)}. */
    <T> CompletionStage<T> getAsync(String name, TypeRef<T> type);

    /** Async {@link #remove(String)}. */
    CompletionStage<Boolean> removeAsync(String name);

    /** Async {@link #contains(String)}. */
    CompletionStage<Boolean> containsAsync(String name);

    /** Async {@link #keys(String)}. */
    CompletionStage<Set<String>> keysAsync(String glob);

    // ---- atomic operations ------------------------------------------------------------------------------------

    /**
     * Adds {@code delta} to the integer held by {@code name}, a missing key counting as 0 (INCRBY); the new value.
     * Keeps the key's expiry. Event {@code incrby}.
     *
     * @throws KnowledgeException when the key holds something other than a 64-bit integer, or the sum overflows
     */
    long increment(String name, long delta);

    /** {@code increment(name, 1)}. */
    default long increment(String name) {
        return increment(name, 1);
    }

    /**
     * Subtracts {@code delta} from the integer held by {@code name}; as {@link #increment}. Event {@code incrby}, the
     * name Redis gives a DECRBY's change too.
     */
    long decrement(String name, long delta);

    /** {@code decrement(name, 1)}. */
    default long decrement(String name) {
        return decrement(name, 1);
    }

    /**
     * Sets {@code name} to {@code value} if it holds {@code expected} now, atomically; whether it did. Values compare
     * by their JSON, as set members do. A null {@code expected} means "no such key" (create only); a null
     * {@code value} deletes the key. Setting clears the expiry, as {@link #put(String, Object)} does. Event
     * {@code set} (or {@code del}) when it did, none when it did not.
     *
     * @throws KnowledgeException when the key holds a collection ({@code WRONGTYPE})
     */
    boolean compareAndSet(String name, Object expected, Object value);

    /**
     * Replaces the value of {@code name} by {@code fn} of it, atomically, and returns the new value; {@code fn} gets
     * {@code null} for a missing key and may return {@code null} to delete it. Optimistic: when another writer changed
     * the key in between, {@code fn} runs again on the newer value, so it must have no side effects. Events as
     * {@link #compareAndSet}.
     */
    default <T> T update(String name, Class<T> type, UnaryOperator<T> fn) {
        return update(name, TypeRef.of(type), fn);
    }

    /** {@link #update(String, Class, UnaryOperator)} for a generic type. */
    <T> T update(String name, TypeRef<T> type, UnaryOperator<T> fn);

    /** Async {@link #increment(String, long)}. */
    CompletionStage<Long> incrementAsync(String name, long delta);

    /** Async {@link #decrement(String, long)}. */
    CompletionStage<Long> decrementAsync(String name, long delta);

    /** Async {@link #compareAndSet}. */
    CompletionStage<Boolean> compareAndSetAsync(String name, Object expected, Object value);

    /** Async {@link #update(String, TypeRef, UnaryOperator)}; {@code fn} runs on a backend thread. */
    <T> CompletionStage<T> updateAsync(String name, TypeRef<T> type, UnaryOperator<T> fn);

    // ---- expiry -------------------------------------------------------------------------------------------------

    /**
     * Makes the key {@code name} (a value or a collection) expire after {@code ttl} (PEXPIRE); whether the key
     * exists. Event {@code expire}; later {@code expired}.
     *
     * @param ttl positive
     */
    boolean expire(String name, Duration ttl);

    /** The time {@code name} has left to live (PTTL); empty when the key does not exist or does not expire. */
    Optional<Duration> ttl(String name);

    /** Removes the expiry of {@code name} (PERSIST); whether it had one. Event {@code persist} when it had. */
    boolean persist(String name);

    /** Async {@link #expire}. */
    CompletionStage<Boolean> expireAsync(String name, Duration ttl);

    /** Async {@link #ttl}. */
    CompletionStage<Optional<Duration>> ttlAsync(String name);

    /** Async {@link #persist}. */
    CompletionStage<Boolean> persistAsync(String name);

    // ---- typed collections --------------------------------------------------------------------------------------

    /** The map (Redis hash) {@code name}: string fields to values of {@code type}. */
    default <V> KMap<V> map(String name, Class<V> type) {
        return map(name, TypeRef.of(type));
    }

    /** The map (Redis hash) {@code name}: string fields to values of {@code type}. */
    <V> KMap<V> map(String name, TypeRef<V> type);

    /** The set (Redis set) {@code name}; members are equal when their JSON is. */
    default <V> KSet<V> set(String name, Class<V> type) {
        return set(name, TypeRef.of(type));
    }

    /** The set (Redis set) {@code name}; members are equal when their JSON is. */
    <V> KSet<V> set(String name, TypeRef<V> type);

    /** The list (Redis list) {@code name}. */
    default <V> KList<V> list(String name, Class<V> type) {
        return list(name, TypeRef.of(type));
    }

    /** The list (Redis list) {@code name}. */
    <V> KList<V> list(String name, TypeRef<V> type);

    /** The sorted set (Redis zset) {@code name}: unique members ordered by score. */
    default <V> KSortedSet<V> sortedSet(String name, Class<V> type) {
        return sortedSet(name, TypeRef.of(type));
    }

    /** The sorted set (Redis zset) {@code name}: unique members ordered by score. */
    <V> KSortedSet<V> sortedSet(String name, TypeRef<V> type);

    /** The FIFO queue (a Redis list: RPUSH, LPOP, BLPOP) {@code name}. */
    default <V> KQueue<V> queue(String name, Class<V> type) {
        return queue(name, TypeRef.of(type));
    }

    /** The FIFO queue (a Redis list: RPUSH, LPOP, BLPOP) {@code name}. */
    <V> KQueue<V> queue(String name, TypeRef<V> type);

    /** The LIFO queue, a stack (a Redis list: RPUSH, RPOP, BRPOP) {@code name}. */
    default <V> KQueue<V> lifoQueue(String name, Class<V> type) {
        return lifoQueue(name, TypeRef.of(type));
    }

    /** The LIFO queue, a stack (a Redis list: RPUSH, RPOP, BRPOP) {@code name}. */
    <V> KQueue<V> lifoQueue(String name, TypeRef<V> type);

    /** The priority queue (a Redis zset: ZADD, ZPOPMIN, BZPOPMIN) {@code name}: lowest priority first. */
    default <V> KPriorityQueue<V> priorityQueue(String name, Class<V> type) {
        return priorityQueue(name, TypeRef.of(type));
    }

    /** The priority queue (a Redis zset: ZADD, ZPOPMIN, BZPOPMIN) {@code name}: lowest priority first. */
    <V> KPriorityQueue<V> priorityQueue(String name, TypeRef<V> type);

    /**
     * A new handle on the lock {@code name} (a Redis string set with NX and PX to a random owner token). Each call
     * gives a new owner: the handles of one name exclude each other.
     */
    KLock lock(String name);

    // ---- change notifications -----------------------------------------------------------------------------------

    /**
     * The changes of the keys of this scope whose name matches {@code glob} (see {@link #keys(String)}), in the
     * order they happened, as {@link KnowledgeEvent}s. Hot: an observer sees the changes made after its
     * {@code subscribe} returned. Events arrive one at a time on a backend thread (in-memory: the backend's event
     * scheduler, one worker per subscription), never on the writer's thread unless the backend was configured so;
     * a slow observer delays only itself and never blocks writers. Completes when the backend closes.
     */
    default Observable<KnowledgeEvent> changes(String glob) {
        return changes(glob, new String[0]);
    }

    /**
     * {@link #changes(String)} keeping only the given commands; none given keeps all. PyMAPE's
     * {@code k.notifications(handler, "cars", cmd_filter=("sadd", "srem"))} is
     * {@code k.changes("cars", "sadd", "srem").subscribe(handler)}.
     */
    Observable<KnowledgeEvent> changes(String glob, String... commands);
}
