package io.mape.remote.influx.internal;

import io.mape.internal.LossLog;
import io.mape.remote.influx.InfluxStats;
import io.mape.remote.influx.LossReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * The counters of one observer, and the log lines about its losses: a {@link LossLog} per reason, so each reason is
 * logged at once, then at most once an interval with how many more there were. Thread-safe.
 */
public final class Ledger {

    private final String name;
    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final AtomicLong pending = new AtomicLong();
    private final Map<LossReason, LongAdder> lost = new EnumMap<>(LossReason.class);
    private final Map<LossReason, LossLog> logs = new EnumMap<>(LossReason.class);

    public Ledger(Logger log, String name) {
        this.name = name;
        for (LossReason r : LossReason.values()) {
            lost.put(r, new LongAdder());
            logs.put(r, new LossLog(log));
        }
    }

    public void received() {
        received.increment();
    }

    void pending(long delta) {
        pending.addAndGet(delta);
    }

    void written(int n) {
        written.add(n);
    }

    /** Counts {@code n} points lost and logs them, rate-limited per reason. */
    public void lost(LossReason reason, long n, String detail) {
        LongAdder total = lost.get(reason);
        total.add(n);
        logs.get(reason).warn("{}: {} point(s) lost, {}: {} ({} lost so far for this reason)", name, n,
                reason.description(), detail, total.sum());
    }

    public InfluxStats stats() {
        Map<LossReason, Long> byReason = new EnumMap<>(LossReason.class);
        lost.forEach((r, n) -> byReason.put(r, n.sum()));
        return new InfluxStats(received.sum(), written.sum(), pending.get(), byReason);
    }
}
