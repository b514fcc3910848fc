package io.mape.examples;

/**
 * A server the example needs cannot be reached or listened on at start-up (Redis away, a port taken).
 * {@link Main} prints the message and exits with 1.
 */
public final class StartupException extends Exception {

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
