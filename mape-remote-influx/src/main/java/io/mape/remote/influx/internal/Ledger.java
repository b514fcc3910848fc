package io.mape.remote.influx.internal;

import io.mape.remote.influx.InfluxStats;
import io.mape.remote.influx.LossReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;

/**
 * The counters of one observer, and the log lines about losses: at most one line per reason every
 * {@link #REPORT_EVERY_NANOS}, saying how many points were lost since the previous line. Thread-safe.
 */
public final class Ledger {

    static final long REPORT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Logger log;
    private final String name;
    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final AtomicLong pending = new AtomicLong();
    private final Map<LossReason, Tally> lost = new EnumMap<>(LossReason.class);

    private static final class Tally {
        final LongAdder total = new LongAdder();
        final AtomicLong unreported = new AtomicLong();
        final AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_EVERY_NANOS);
        volatile String lastDetail;
    }

    public Ledger(Logger log, String name) {
        this.log = log;
        this.name = name;
        for (LossReason r : LossReason.values()) {
            lost.put(r, new Tally());
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

    /** Counts {@code n} points lost and logs them now, or with the next report when a line was logged lately. */
    public void lost(LossReason reason, long n, String detail) {
        Tally t = lost.get(reason);
        t.total.add(n);
        t.unreported.addAndGet(n);
        t.lastDetail = detail;
        reportIfDue(reason, t);
    }

    /** Logs the losses not yet logged whose reason was last logged long enough ago. */
    void reportDue() {
        lost.forEach(this::reportIfDue);
    }

    /** Logs every loss not yet logged. */
    void reportAll() {
        lost.forEach(this::report);
    }

    private void reportIfDue(LossReason reason, Tally t) {
        long now = System.nanoTime();
        long last = t.lastReport.get();
        if (t.unreported.get() > 0 && now - last >= REPORT_EVERY_NANOS && t.lastReport.compareAndSet(last, now)) {
            report(reason, t);
        }
    }

    private void report(LossReason reason, Tally t) {
        long n = t.unreported.getAndSet(0);
        if (n > 0) {
            log.warn("{}: {} point(s) lost, {}: {} ({} lost so far for this reason)", name, n, reason.description(),
                    t.lastDetail, t.total.sum());
        }
    }

    public InfluxStats stats() {
        Map<LossReason, Long> byReason = new EnumMap<>(LossReason.class);
        lost.forEach((r, t) -> byReason.put(r, t.total.sum()));
        return new InfluxStats(received.sum(), written.sum(), pending.get(), byReason);
    }
}
