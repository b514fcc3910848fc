package io.mape.remote.redis;

/** Redis could not be reached when a {@link RedisRemote} connected; the message says where and what to do. */
public class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
