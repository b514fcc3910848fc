package io.mape.safety.internal;

/**
 * What an operator does with one item: pass {@code passed} on (which may be another item than the one that came),
 * or hold it back by {@code by} for {@code reason}, logged at WARN (rate-limited) when {@code warn}, else at DEBUG.
 */
public record Verdict<R>(R passed, String by, String reason, boolean warn) {

    public static <R> Verdict<R> pass(R item) {
        return new Verdict<>(item, null, null, false);
    }

    public static <R> Verdict<R> hold(String by, String reason, boolean warn) {
        return new Verdict<>(null, by, reason, warn);
    }
}
