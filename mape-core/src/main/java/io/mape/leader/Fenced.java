package io.mape.leader;

/**
 * An item stamped with the fencing token of the leader's term that produced it ({@link LeaderOps#stamp}), so an
 * effector can refuse items of a stale term ({@link LeaderOps#fence}). Plain data: it travels as JSON.
 */
public record Fenced<T>(T value, long fencingToken) {
}
