package io.mape.safety;

import io.mape.internal.Checks;
import java.time.Duration;

/**
 * How a {@link Stabilizer} damps changes, with separate settings for the two directions: a change up (down) is
 * acted on only when every recommendation of the last {@code upWindow} ({@code downWindow}) wanted it, and only
 * if it is at least {@code upTolerance} ({@code downTolerance}). Immutable. Defaults, as Kubernetes' HPA: no
 * window up, 300 s down; no tolerance.
 */
public final class StabilizerOptions {

    private static final StabilizerOptions DEFAULTS = new Builder().build();

    private final Duration upWindow;
    private final Duration downWindow;
    private final double upTolerance;
    private final double downTolerance;

    private StabilizerOptions(Builder b) {
        this.upWindow = b.upWindow;
        this.downWindow = b.downWindow;
        this.upTolerance = b.upTolerance;
        this.downTolerance = b.downTolerance;
    }

    public static StabilizerOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().upWindow(upWindow).downWindow(downWindow).upTolerance(upTolerance)
                .downTolerance(downTolerance);
    }

    /** A rise is acted on at the lowest value recommended within this window; default zero. */
    public Duration upWindow() {
        return upWindow;
    }

    /** A fall is acted on at the highest value recommended within this window; default 300 s. */
    public Duration downWindow() {
        return downWindow;
    }

    /** A rise smaller than this is not acted on; default 0. */
    public double upTolerance() {
        return upTolerance;
    }

    /** A fall smaller than this is not acted on; default 0. */
    public double downTolerance() {
        return downTolerance;
    }

    @Override
    public String toString() {
        return "StabilizerOptions{upWindow=" + upWindow + ", downWindow=" + downWindow + ", upTolerance="
                + upTolerance + ", downTolerance=" + downTolerance + "}";
    }

    /** Builds {@link StabilizerOptions}; not thread-safe. */
    public static final class Builder {
        private Duration upWindow = Duration.ZERO;
        private Duration downWindow = Duration.ofSeconds(300);
        private double upTolerance;
        private double downTolerance;

        private Builder() {
        }

        public Builder upWindow(Duration window) {
            this.upWindow = Checks.notNegative(window, "upWindow");
            return this;
        }

        public Builder downWindow(Duration window) {
            this.downWindow = Checks.notNegative(window, "downWindow");
            return this;
        }

        public Builder upTolerance(double tolerance) {
            this.upTolerance = notNegative(tolerance, "upTolerance");
            return this;
        }

        public Builder downTolerance(double tolerance) {
            this.downTolerance = notNegative(tolerance, "downTolerance");
            return this;
        }

        public StabilizerOptions build() {
            return new StabilizerOptions(this);
        }

        private static double notNegative(double x, String name) {
            if (!(x >= 0) || Double.isInfinite(x)) {
                throw new IllegalArgumentException(name + " must be a finite number >= 0, not " + x);
            }
            return x;
        }
    }
}
