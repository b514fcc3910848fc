package io.mape.safety;

import io.mape.internal.Checks;
import java.time.Duration;

/**
 * How often a {@link Throttle} lets one effector act: at most {@code maxActions} in any {@code period} (a sliding
 * window), and none within {@code cooldown} of the last action. Immutable. Defaults: no limit, no cooldown.
 */
public final class ThrottleOptions {

    private static final ThrottleOptions DEFAULTS = new Builder().build();

    private final int maxActions;
    private final Duration period;
    private final Duration cooldown;

    private ThrottleOptions(Builder b) {
        this.maxActions = b.maxActions;
        this.period = b.period;
        this.cooldown = b.cooldown;
    }

    public static ThrottleOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxActions = maxActions;
        b.period = period;
        b.cooldown = cooldown;
        return b;
    }

    /** At most this many actions per {@link #period()}; default {@link Integer#MAX_VALUE}. */
    public int maxActions() {
        return maxActions;
    }

    /** The sliding window of {@link #maxActions()}; default 1 s. */
    public Duration period() {
        return period;
    }

    /** No action within this time after the last one; default zero. */
    public Duration cooldown() {
        return cooldown;
    }

    @Override
    public String toString() {
        return "ThrottleOptions{maxActions=" + maxActions + ", period=" + period + ", cooldown=" + cooldown + "}";
    }

    /** Builds {@link ThrottleOptions}; not thread-safe. */
    public static final class Builder {
        private int maxActions = Integer.MAX_VALUE;
        private Duration period = Duration.ofSeconds(1);
        private Duration cooldown = Duration.ZERO;

        private Builder() {
        }

        /** At most {@code maxActions} actions in any {@code period}. */
        public Builder limit(int maxActions, Duration period) {
            if (maxActions < 1) {
                throw new IllegalArgumentException("maxActions must be at least 1, not " + maxActions);
            }
            this.maxActions = maxActions;
            this.period = Checks.positive(period, "period");
            return this;
        }

        public Builder cooldown(Duration cooldown) {
            this.cooldown = Checks.notNegative(cooldown, "cooldown");
            return this;
        }

        public ThrottleOptions build() {
            return new ThrottleOptions(this);
        }
    }
}
