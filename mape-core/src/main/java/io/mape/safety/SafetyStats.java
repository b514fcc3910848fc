package io.mape.safety;

import java.util.Map;

/**
 * A snapshot of a safety operator's counters since it was created: {@code itemsIn == itemsOut - injected +
 * withheld} once the items in flight have passed.
 *
 * @param itemsIn    items that reached the operator
 * @param itemsOut   items it passed on, fallbacks included
 * @param withheld   items it held back (each one a {@link Veto})
 * @param injected   items it emitted of its own (a {@link Watchdog}'s fallbacks)
 * @param withheldBy {@code withheld} by the name of who held them back (a guard's name, {@code rate-limit},
 *                   {@code cooldown}, {@code stabilization}, {@code tolerance}, {@code dry-run}, {@code not-leader},
 *                   {@code stale-token}, {@code duplicate}, {@code no-id}); unmodifiable
 */
public record SafetyStats(long itemsIn, long itemsOut, long withheld, long injected, Map<String, Long> withheldBy) {

    public SafetyStats {
        withheldBy = Map.copyOf(withheldBy);
    }
}
