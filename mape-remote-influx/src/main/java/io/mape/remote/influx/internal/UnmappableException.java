package io.mape.remote.influx.internal;

/** An item that cannot become a point; the message says why and what to do. */
public final class UnmappableException extends RuntimeException {

    UnmappableException(String message) {
        super(message, null, false, false);
    }
}
