package io.mape.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks every module's builders share: the same words for the same mistake. */
public final class Checks {

    private Checks() {
    }

    /** {@code value}, when it is neither null nor blank; else an exception naming it. */
    public static String notBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** {@code value}, when it is neither null nor zero nor negative; else an exception naming it. */
    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }
}
