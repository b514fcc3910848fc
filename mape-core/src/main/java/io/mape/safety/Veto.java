package io.mape.safety;

/**
 * An item a safety operator held back.
 *
 * @param item   the item, as it reached the operator
 * @param by     who held it back: a guard's name, or the operator's reason ({@code rate-limit}, {@code cooldown},
 *               {@code stabilization}, {@code tolerance}, {@code dry-run}, {@code not-leader}, {@code stale-token},
 *               {@code duplicate}, {@code no-id})
 * @param reason why, in words, for a log
 */
public record Veto<T>(T item, String by, String reason) {
}
