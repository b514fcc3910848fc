package io.mape.codec;

/** An item that could not be encoded, or bytes that do not decode into the type expected: says what and why. */
public final class CodecException extends RuntimeException {

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }

    public CodecException(String message) {
        super(message);
    }
}
