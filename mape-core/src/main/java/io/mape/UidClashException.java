package io.mape;

/** A uid already taken in its scope; the message names what holds it and what tried to take it. */
public final class UidClashException extends IllegalStateException {

    public UidClashException(String message) {
        super(message);
    }
}
