package io.mape.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A map of string fields to values, stored as a Redis hash whose field values are JSON. Thread-safe; see
 * {@link Knowledge} for blocking and async forms.
 *
 * @param <V> the type of the values
 */
public interface KMap<V> extends KCollection {

    /** Sets {@code field} to {@code value} (HSET); whether the field is new. Event {@code hset}. */
    boolean put(String field, V value);

    /** Sets every entry of {@code entries} (one HSET); nothing happens when it is empty. Event {@code hset}. */
    void putAll(Map<String, ? extends V> entries);

    /** The value of {@code field} (HGET), or {@code null}. */
    V get(String field);

    /** Deletes {@code field} (HDEL); whether it existed. Event {@code hdel}, then {@code del} when the map became empty. */
    boolean remove(String field);

    /** Whether {@code field} exists (HEXISTS). */
    boolean containsKey(String field);

    /** The fields (HKEYS). */
    Set<String> keys();

    /** The values (HVALS), in the order of {@link #keys()}. */
    List<V> values();

    /** A copy of the whole map (HGETALL). */
    Map<String, V> entries();

    /** Sets {@code field} to {@code value} only if it has none (HSETNX); whether it did. Event {@code hset} when it did. */
    boolean putIfAbsent(String field, V value);

    /**
     * Adds {@code delta} to the integer held by {@code field}, a missing field counting as 0 (HINCRBY); the new
     * value. Atomic across processes. Event {@code hincrby}.
     *
     * @throws KnowledgeException when the field holds something other than a 64-bit integer, or the sum overflows
     */
    long increment(String field, long delta);

    /** Async {@link #putIfAbsent}. */
    CompletionStage<Boolean> putIfAbsentAsync(String field, V value);

    /** Async {@link #increment}. */
    CompletionStage<Long> incrementAsync(String field, long delta);

    /** Async {@link #put}. */
    CompletionStage<Boolean> putAsync(String field, V value);

    /** Async {@link #putAll}. */
    CompletionStage<Void> putAllAsync(Map<String, ? extends V> entries);

    /** Async {@link #get}. */
    CompletionStage<V> getAsync(String field);

    /** Async {@link #remove}. */
    CompletionStage<Boolean> removeAsync(String field);

    /** Async {@link #containsKey}. */
    CompletionStage<Boolean> containsKeyAsync(String field);

    /** Async {@link #keys}. */
    CompletionStage<Set<String>> keysAsync();

    /** Async {@link #values}. */
    CompletionStage<List<V>> valuesAsync();

    /** Async {@link #entries}. */
    CompletionStage<Map<String, V>> entriesAsync();
}
