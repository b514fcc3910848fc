package io.mape.knowledge;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A set of unique values ordered by score, stored as a Redis sorted set of JSON documents. Equal scores are
 * ordered by the JSON of the member (byte order). Ranks start at 0 with the lowest score; negative ranks count from
 * the highest, as in Redis. Thread-safe.
 *
 * @param <V> the type of the members
 */
public interface KSortedSet<V> extends KCollection {

    /** Adds {@code value} with {@code score}, or changes its score (ZADD); whether it was new. Event {@code zadd} when something changed. */
    boolean add(V value, double score);

    /**
     * Adds {@code value} with {@code score} only when it is not a member (ZADD NX): whether it was added. A member
     * keeps its score. Atomic: of several processes adding one value, one is told {@code true}. Event {@code zadd}
     * when added.
     */
    boolean addIfAbsent(V value, double score);

    /** Removes {@code value} (ZREM); whether it was there. Events {@code zrem} (and {@code del} when it emptied). */
    boolean remove(V value);

    /** The score of {@code value} (ZSCORE), or {@code null} when it is not a member. */
    Double score(V value);

    /** The rank of {@code value}, lowest score first (ZRANK), or {@code null} when it is not a member. */
    Long rank(V value);

    /** The members from rank {@code start} to {@code stop}, both included, lowest score first (ZRANGE). */
    List<V> range(long start, long stop);

    /** {@link #range} with the scores (ZRANGE WITHSCORES). */
    List<Scored<V>> rangeWithScores(long start, long stop);

    /** The members whose score is in {@code [min, max]}, lowest first (ZRANGEBYSCORE). */
    List<V> rangeByScore(double min, double max);

    /** Removes the members whose score is in {@code [min, max]} (ZREMRANGEBYSCORE); how many. Events {@code zremrangebyscore} (and {@code del}). */
    long removeRangeByScore(double min, double max);

    /** Removes and returns the member with the lowest score (ZPOPMIN), or {@code null}. Events {@code zpopmin} (and {@code del}). */
    Scored<V> popMin();

    /** Removes and returns the member with the highest score (ZPOPMAX), or {@code null}. Events {@code zpopmax} (and {@code del}). */
    Scored<V> popMax();

    /** Async {@link #add}. */
    CompletionStage<Boolean> addAsync(V value, double score);

    /** Async {@link #addIfAbsent}. */
    CompletionStage<Boolean> addIfAbsentAsync(V value, double score);

    /** Async {@link #remove}. */
    CompletionStage<Boolean> removeAsync(V value);

    /** Async {@link #score}. */
    CompletionStage<Double> scoreAsync(V value);

    /** Async {@link #rank}. */
    CompletionStage<Long> rankAsync(V value);

    /** Async {@link #range}. */
    CompletionStage<List<V>> rangeAsync(long start, long stop);

    /** Async {@link #rangeWithScores}. */
    CompletionStage<List<Scored<V>>> rangeWithScoresAsync(long start, long stop);

    /** Async {@link #rangeByScore}. */
    CompletionStage<List<V>> rangeByScoreAsync(double min, double max);

    /** Async {@link #removeRangeByScore}. */
    CompletionStage<Long> removeRangeByScoreAsync(double min, double max);

    /** Async {@link #popMin}. */
    CompletionStage<Scored<V>> popMinAsync();

    /** Async {@link #popMax}. */
    CompletionStage<Scored<V>> popMaxAsync();
}
