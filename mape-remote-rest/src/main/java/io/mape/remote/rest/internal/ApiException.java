package io.mape.remote.rest.internal;

/** A request the API refuses: answered with {@code status} and {@code {"error": message, "status": status}}. */
public final class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
