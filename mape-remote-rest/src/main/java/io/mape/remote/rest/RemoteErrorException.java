package io.mape.remote.rest;

/**
 * An error notification that arrived over REST ({@code notification=error}); its message is what the sender put in
 * the body. An element receiving it on port in logs and counts it, as any error from a source.
 */
public final class RemoteErrorException extends RuntimeException {

    public RemoteErrorException(String message) {
        super(message, null, false, false);
    }
}
