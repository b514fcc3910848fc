package io.mape.config;

/** A configuration that cannot be read: names the source (file or environment variable) and the key. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigException(String message) {
        super(message);
    }
}
