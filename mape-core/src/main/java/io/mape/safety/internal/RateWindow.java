package io.mape.safety.internal;

import java.util.ArrayDeque;

/** The recent actions of one effector: a sliding window of their times and the last one. Thread-safe. */
public final class RateWindow {

    public static final String RATE_LIMIT = "rate-limit";
    public static final String COOLDOWN = "cooldown";

    private final int maxActions;
    private final long periodNanos;
    private final long cooldownNanos;
    private final ArrayDeque<Long> times = new ArrayDeque<>();
    private boolean acted;
    private long last;

    public RateWindow(int maxActions, long periodNanos, long cooldownNanos) {
        this.maxActions = maxActions;
        this.periodNanos = periodNanos;
        this.cooldownNanos = cooldownNanos;
    }

    /** Records an action at {@code now} and returns null if one is allowed, else why not. */
    public synchronized String tryAct(long now) {
        while (!times.isEmpty() && now - times.peekFirst() >= periodNanos) {
            times.pollFirst();
        }
        if (acted && now - last < cooldownNanos) {
            return COOLDOWN;
        }
        if (times.size() >= maxActions) {
            return RATE_LIMIT;
        }
        times.addLast(now);
        acted = true;
        last = now;
        return null;
    }
}
