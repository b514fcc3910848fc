package io.mape.knowledge;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A list of values, stored as a Redis list of JSON documents. Indexes start at 0; a negative index counts from the
 * end ({@code -1} is the last element), as in Redis. Thread-safe.
 *
 * @param <V> the type of the elements
 */
public interface KList<V> extends KCollection {

    /** Appends {@code value} at the tail (RPUSH); the new size. Event {@code rpush}. */
    long append(V value);

    /** Inserts {@code value} at the head (LPUSH); the new size. Event {@code lpush}. */
    long prepend(V value);

    /** The element at {@code index} (LINDEX), or {@code null} when out of range. */
    V get(long index);

    /** Replaces the element at {@code index} (LSET). Event {@code lset}. Throws {@link KnowledgeException} when out of range or absent. */
    void set(long index, V value);

    /**
     * Removes elements equal (by JSON) to {@code value} (LREM): the first {@code count} from the head when
     * {@code count > 0}, the last {@code -count} from the tail when {@code count < 0}, all when {@code count == 0}.
     * How many were removed. Events {@code lrem}, then {@code del} when the list became empty.
     */
    long remove(V value, long count);

    /** Removes and returns the head (LPOP), or {@code null}. Events {@code lpop} (and {@code del} when it emptied). */
    V popFirst();

    /** Removes and returns the tail (RPOP), or {@code null}. Events {@code rpop} (and {@code del} when it emptied). */
    V popLast();

    /** The elements from {@code start} to {@code stop}, both included (LRANGE); out-of-range indexes are clamped. */
    List<V> range(long start, long stop);

    /** A copy of the whole list (LRANGE 0 -1). */
    default List<V> all() {
        return range(0, -1);
    }

    /** Async {@link #append}. */
    CompletionStage<Long> appendAsync(V value);

    /** Async {@link #prepend}. */
    CompletionStage<Long> prependAsync(V value);

    /** Async {@link #get}. */
    CompletionStage<V> getAsync(long index);

    /** Async {@link #set}. */
    CompletionStage<Void> setAsync(long index, V value);

    /** Async {@link #remove}. */
    CompletionStage<Long> removeAsync(V value, long count);

    /** Async {@link #popFirst}. */
    CompletionStage<V> popFirstAsync();

    /** Async {@link #popLast}. */
    CompletionStage<V> popLastAsync();

    /** Async {@link #range}. */
    CompletionStage<List<V>> rangeAsync(long start, long stop);
}
