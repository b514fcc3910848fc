package io.mape.remote.influx.internal;

import com.influxdb.exceptions.InfluxException;
import io.mape.remote.spi.Outbox;
import io.mape.remote.spi.SendResult;
import io.mape.remote.spi.TransportDriver;
import io.reactivex.rxjava3.core.Scheduler;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * Writes one batch of lines for the observer's {@link Outbox}, with the client's blocking write on a worker of
 * {@code io}, and answers what became of it: {@link SendResult#ACKNOWLEDGED} once the server stored it,
 * {@link SendResult#RETRY} when the server cannot take it for now (not reached, 429, 5xx: the outbox sends the same
 * batch again after its backoff; writing a line again stores the same point, so no duplicate), and
 * {@link SendResult#FAILED} when it refused it (any other answer: the same batch would be refused again), with the
 * server's reason on one line as the cause's message, which the outbox logs. Logs once when the server goes away and
 * once when it is back. Thread-safe; the outbox sends one batch at a time.
 */
public final class LineWriter implements Outbox.BatchSender<String> {

    private final String name;
    private final Logger log;
    private final Consumer<List<String>> write;
    private final Scheduler io;
    /** Whether the last write asked to be retried. */
    private volatile boolean away;

    /** Writes with {@code write}, which throws what the client throws, on {@code io}; logs as {@code name}. */
    public LineWriter(String name, Logger log, Consumer<List<String>> write, Scheduler io) {
        this.name = name;
        this.log = log;
        this.write = write;
        this.io = io;
    }

    @Override
    public void send(List<String> lines, TransportDriver.SendCallback done) {
        io.scheduleDirect(() -> {
            SendResult result;
            Throwable cause = null;
            try {
                write.accept(lines);
                result = SendResult.ACKNOWLEDGED;
            } catch (RuntimeException e) {
                result = retryable(e) ? SendResult.RETRY : SendResult.FAILED;
                cause = new IOException(describe(e), e);
            }
            boolean wasAway = away;
            away = result == SendResult.RETRY;
            if (away && !wasAway) {
                log.warn("{}: {}; writing again with backoff", name, cause.getMessage());
            } else if (!away && wasAway) {
                log.info("{}: the server answers again", name);
            }
            done.done(result, cause);
        });
    }

    /** Not reached, 429, 5xx: worth another try. Any other 4xx or error: the same batch would fail again. */
    static boolean retryable(RuntimeException e) {
        if (!(e instanceof InfluxException ie)) {
            return false;
        }
        int status = ie.status();
        return status == 0 || status == 429 || status >= 500;
    }

    /** The client's message on one line; it names the HTTP status when there was an answer. */
    static String describe(RuntimeException e) {
        return (e.getMessage() != null ? e.getMessage() : e.toString()).replaceAll("\\s*\\R\\s*", " ");
    }

    /** How many bytes {@code line} takes in UTF-8, without encoding it. */
    public static int utf8Length(String line) {
        int n = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c >= 0x80) {
                n += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return n;
    }
}
