package io.mape.leader;

import io.mape.internal.Checks;
import java.time.Duration;

/**
 * The timing of a {@link Leadership}: the lease's time to live in the store, how often the holder renews it, how
 * often a candidate tries to take it, and how much of the lease a holder gives up for clock drift (it stops
 * leading at {@code ttl - driftAllowance} after the last successful acquire or renew was sent, before the store can
 * give the lease to anyone else). Immutable. Defaults: ttl 10 s, renew every 3 s, retry every 1 s, drift 1 s.
 */
public final class LeaseOptions {

    private static final LeaseOptions DEFAULTS = new Builder().build();

    private final Duration ttl;
    private final Duration renewEvery;
    private final Duration retryEvery;
    private final Duration driftAllowance;

    private LeaseOptions(Builder b) {
        this.ttl = b.ttl;
        this.renewEvery = b.renewEvery;
        this.retryEvery = b.retryEvery;
        this.driftAllowance = b.driftAllowance;
    }

    public static LeaseOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.ttl = ttl;
        b.renewEvery = renewEvery;
        b.retryEvery = retryEvery;
        b.driftAllowance = driftAllowance;
        return b;
    }

    public Duration ttl() {
        return ttl;
    }

    public Duration renewEvery() {
        return renewEvery;
    }

    public Duration retryEvery() {
        return retryEvery;
    }

    public Duration driftAllowance() {
        return driftAllowance;
    }

    @Override
    public String toString() {
        return "LeaseOptions{ttl=" + ttl + ", renewEvery=" + renewEvery + ", retryEvery=" + retryEvery
                + ", driftAllowance=" + driftAllowance + "}";
    }

    /** Builds {@link LeaseOptions}; not thread-safe. {@link #build()} checks renew + drift &lt; ttl. */
    public static final class Builder {
        private Duration ttl = Duration.ofSeconds(10);
        private Duration renewEvery = Duration.ofSeconds(3);
        private Duration retryEvery = Duration.ofSeconds(1);
        private Duration driftAllowance = Duration.ofSeconds(1);

        private Builder() {
        }

        public Builder ttl(Duration ttl) {
            this.ttl = Checks.positive(ttl, "ttl");
            return this;
        }

        public Builder renewEvery(Duration every) {
            this.renewEvery = Checks.positive(every, "renewEvery");
            return this;
        }

        public Builder retryEvery(Duration every) {
            this.retryEvery = Checks.positive(every, "retryEvery");
            return this;
        }

        public Builder driftAllowance(Duration drift) {
            this.driftAllowance = Checks.notNegative(drift, "driftAllowance");
            return this;
        }

        public LeaseOptions build() {
            if (renewEvery.plus(driftAllowance).compareTo(ttl) >= 0) {
                throw new IllegalArgumentException("renewEvery (" + renewEvery + ") + driftAllowance ("
                        + driftAllowance + ") must be less than ttl (" + ttl + "), or the lease lapses between "
                        + "renewals");
            }
            return new LeaseOptions(this);
        }
    }
}
