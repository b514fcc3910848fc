package io.mape.remote.rest.internal;

import io.mape.App;
import io.mape.codec.JsonCodec;
import io.mape.remote.spi.SendResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One POST of JSON and what its answer means for the outbox behind it, shared by {@code PostObserver} and
 * {@link RestDriver}: 2xx is taken; a refused connection, no full answer within the request timeout, 408, 425, 429,
 * 502, 503 or 504 is {@link SendResult#RETRY} (not taken, send again); any other status, and a connection cut once
 * the request may have been written, is {@link SendResult#FAILED} (no duplicate).
 */
public final class Http {

    private static final Logger LOG = LoggerFactory.getLogger(Http.class);

    /** The answer to one POST: its response, or why there is none. */
    public record Reply(URI uri, HttpResponse<String> response, Throwable error) {

        /** 2xx. */
        public boolean taken() {
            return response != null && response.statusCode() >= 200 && response.statusCode() <= 299;
        }

        /** What the outbox does with it; {@link #taken()} is {@link SendResult#SENT}. */
        public SendResult result() {
            if (taken()) {
                return SendResult.SENT;
            }
            if (response != null) {
                return retryable(response.statusCode()) ? SendResult.RETRY : SendResult.FAILED;
            }
            return error instanceof ConnectException || error instanceof HttpConnectTimeoutException
                    || error instanceof HttpTimeoutException || error instanceof TimeoutException
                    ? SendResult.RETRY : SendResult.FAILED;
        }

        /** Why it was not taken, with the server's JSON error; null when taken. */
        public IOException cause() {
            if (taken()) {
                return null;
            }
            if (response != null) {
                return new IOException("POST " + uri + " answered HTTP " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            String why = error instanceof TimeoutException || error instanceof HttpTimeoutException
                    ? "no full answer within the request timeout" : String.valueOf(error);
            return new IOException("POST " + uri + " failed: " + why, error);
        }
    }

    /** The bound on one exchange unless a builder sets another. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private Http() {
    }

    /**
     * {@code timeout} when it can bound an exchange.
     *
     * @throws IllegalArgumentException unless positive
     */
    public static Duration requestTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "requestTimeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive, got " + timeout);
        }
        return timeout;
    }

    /**
     * POSTs {@code body} as JSON to {@code uri} over {@code client}, the whole exchange bounded by {@code timeout};
     * completes on the client's threads, never exceptionally.
     *
     * A message envelope also sends its W3C {@code traceparent} and {@code tracestate} as headers, for peers that
     * read only those.
     *
     * @param authorization the {@code Authorization} header, or null
     */
    public static CompletableFuture<Reply> post(Client client, URI uri, String authorization, Duration timeout,
                                                byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        JsonCodec.standard().traceHeaders(body).forEach(b::header);
        CompletableFuture<HttpResponse<String>> exchange;
        try {
            exchange = client.http().sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IllegalStateException e) {
            return CompletableFuture.completedFuture(new Reply(uri, null, e));
        }
        return exchange.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((resp, e) -> new Reply(uri, resp,
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
    }

    /** Statuses that mean "not now": the same request may be taken later. */
    static boolean retryable(int status) {
        return status == 408 || status == 425 || status == 429 || status == 502 || status == 503 || status == 504;
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    /**
     * The HTTP client that the senders of one App share ({@link #of(App)}), closed with the App: its selector thread
     * and its workers ({@code mape-http-client-N}, daemons) end then (the selector at once on Java 21 and later, on
     * Java 17 once the closed client is collected). Thread-safe.
     */
    public static final class Client implements AutoCloseable {
        private static final AtomicInteger THREADS = new AtomicInteger();

        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mape-http-client-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        private volatile HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();

        /** The App's client, made on first use. */
        public static Client of(App app) {
            return app.component(Client.class, a -> new Client());
        }

        /** @throws IllegalStateException when closed */
        HttpClient http() {
            HttpClient h = http;
            if (h == null) {
                throw new IllegalStateException("the HTTP client is closed");
            }
            return h;
        }

        /** Stops the client and its threads; requests still running fail. Idempotent. */
        @Override
        public void close() {
            HttpClient h = http;
            http = null;
            if (h == null) {
                return;
            }
            try {
                HttpClient.class.getMethod("shutdownNow").invoke(h);
            } catch (ReflectiveOperationException e) {
                LOG.debug("this Java has no HttpClient.shutdownNow(); its selector ends when the client is collected");
            }
            executor.shutdownNow();
        }
    }
}
