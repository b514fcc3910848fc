package io.mape.test.redis;

import java.nio.file.Path;
import java.util.Optional;

/** A real Redis handed to a test class by {@link RedisExtension}. */
public interface RedisServer extends AutoCloseable {

    /** {@code redis://127.0.0.1:PORT/0} (or the URL given in {@code MAPE_TEST_REDIS_URL}). */
    String url();

    /** The URL of database {@code db} with these credentials. */
    default String url(String user, String password, int db) {
        String u = url();
        String base = u.substring(0, u.lastIndexOf('/'));
        return base.replace("://", "://" + user + ":" + password + "@") + "/" + db;
    }

    /** {@code redis_version} of the server, e.g. {@code 7.0.15}. */
    String version();

    /** The {@code redis-cli} next to the {@code redis-server}, when there is one. */
    Optional<Path> cli();

    /** Stops the server (as SIGTERM would); the port stays reserved for {@link #start()}. */
    void stop();

    /**
     * Kills the server at once (as {@code kill -9} does: no shutdown, connections cut); the port stays reserved for
     * {@link #start()}. A server this harness does not run itself cannot be killed.
     */
    default void kill() {
        throw new UnsupportedOperationException(this + " is not run by this harness: it cannot be killed");
    }

    /** Starts it again on the same port: with an empty data set, or what its AOF kept ({@code durable()}). */
    void start();

    default void restart() {
        stop();
        start();
    }

    @Override
    void close();
}
