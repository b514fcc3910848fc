package io.mape.knowledge;

/**
 * A Knowledge operation that could not be carried out: the key holds another type ({@code WRONGTYPE}), an index is
 * out of range, the backend is closed or unreachable, or a blocking wait was interrupted (the thread's interrupt
 * flag is then set again). Errors of the codec are {@link io.mape.codec.CodecException}s.
 */
public class KnowledgeException extends RuntimeException {

    /** An exception with a message. */
    public KnowledgeException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public KnowledgeException(String message, Throwable cause) {
        super(message, cause);
    }
}
