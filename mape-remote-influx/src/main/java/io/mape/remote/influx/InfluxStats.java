package io.mape.remote.influx;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of an {@link InfluxObserver}'s counters since it was built. Every item received ends up written, lost
 * or still pending: {@code received == written + lost() + pending} once the observer is idle.
 *
 * @param received     items that reached {@code onNext}
 * @param written      points the server acknowledged
 * @param pending      points queued or being written
 * @param lostByReason points lost, by reason; every reason is present
 */
public record InfluxStats(long received, long written, long pending, Map<LossReason, Long> lostByReason) {

    public InfluxStats {
        Objects.requireNonNull(lostByReason, "lostByReason");
        EnumMap<LossReason, Long> copy = new EnumMap<>(LossReason.class);
        for (LossReason r : LossReason.values()) {
            copy.put(r, lostByReason.getOrDefault(r, 0L));
        }
        lostByReason = Collections.unmodifiableMap(copy);
    }

    /** Points lost for any reason. */
    public long lost() {
        return lostByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Points lost for this reason. */
    public long lost(LossReason reason) {
        return lostByReason.get(Objects.requireNonNull(reason, "reason"));
    }
}
