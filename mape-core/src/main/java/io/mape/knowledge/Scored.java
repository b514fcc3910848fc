package io.mape.knowledge;

/**
 * A member of a sorted set or priority queue with its score.
 *
 * @param value the member
 * @param score its score (the priority of a priority queue)
 * @param <V>   the type of the member
 */
public record Scored<V>(V value, double score) {
}
