package io.mape.examples;

/** A command line that cannot be run: an unknown or malformed option. {@link Main} prints it and exits with 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
