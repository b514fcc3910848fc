package io.mape.remote;

/**
 * A remote could not be reached or bound at start (a Redis that does not answer, a port already taken, an InfluxDB
 * away); the message says where and what to do. Failures after start are counted and retried, not thrown.
 */
public class RemoteUnavailableException extends RuntimeException {

    public RemoteUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
