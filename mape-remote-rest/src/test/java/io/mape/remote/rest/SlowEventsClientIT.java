package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Loop;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.testing.StdErr;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /events} with a client that connects and never reads: the others keep their tick a second, it is cut
 * off, and closing the server does not wait for it. A tick of {@value #ELEMENTS} elements is over 1 MB, so a few
 * fill what the stalled socket and the kernel hold for it (Linux lets a loopback send buffer grow to 4 MB).
 */
class SlowEventsClientIT {

    private static final String TOKEN = "slow-client-token";
    private static final int ELEMENTS = 10_000;

    private App app;
    private RestServer server;

    @BeforeEach
    void app() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        Loop loop = app.level("device").loop("car");
        for (int i = 0; i < ELEMENTS; i++) {
            loop.monitor("element" + i, (Integer x, Output<Integer> o) -> o.next(x));
        }
        server = RestServer.builder(app).token(TOKEN).build();
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void aClientThatStopsReadingDelaysNoOtherAndIsDisconnected() throws Exception {
        try (StdErr.Capture log = StdErr.capture(); Socket stalled = stalledClient(); Ticks good = new Ticks()) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(good.count())
                    .as("ticks the reading client got").isGreaterThanOrEqualTo(6));
            await().atMost(Duration.ofSeconds(2)).until(() -> log.text().contains("GET /events: skipped a tick for"));
            assertThat(log.text()).doesNotContain("GET /events: disconnected");

            await().atMost(Duration.ofSeconds(20)).until(() -> log.text().contains("GET /events: disconnected"));
            assertThat(endsWithin(stalled, Duration.ofSeconds(10))).isTrue();
            int seen = good.count();
            await().atMost(Duration.ofSeconds(6)).untilAsserted(() -> assertThat(good.count())
                    .as("ticks the reading client got").isGreaterThanOrEqualTo(seen + 3));
        }
    }

    @Test
    void closingTheServerDoesNotWaitForAStalledClient() throws Exception {
        try (StdErr.Capture log = StdErr.capture(); Socket stalled = stalledClient(); Ticks good = new Ticks()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> log.text().contains("GET /events: skipped a tick for"));
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(endsWithin(stalled, Duration.ofSeconds(10))).isTrue();
        }
    }

    /** A socket that asks for the events with a small receive window and never reads them. */
    private Socket stalledClient() throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(1024);
        s.connect(new InetSocketAddress(server.uri().getHost(), server.uri().getPort()));
        s.getOutputStream().write(Raw.request(server.uri(), "GET /events HTTP/1.1", "Authorization: Bearer " + TOKEN,
                "Accept: text/event-stream").getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return s;
    }

    /** Whether the server ends the connection of {@code s}: reading what it holds reaches the end or a reset. */
    private static boolean endsWithin(Socket s, Duration timeout) throws IOException {
        s.setSoTimeout((int) timeout.toMillis());
        InputStream in = s.getInputStream();
        byte[] buf = new byte[64 * 1024];
        try {
            while (in.read(buf) >= 0) {
                // what was sent before the server closed
            }
            return true;
        } catch (SocketException e) {
            return true; // reset
        }
    }

    /** A client that reads the events as they come and counts the ticks. */
    private final class Ticks implements AutoCloseable {

        private final AtomicInteger count = new AtomicInteger();
        private final InputStream body;
        private final Thread reader;

        Ticks() throws Exception {
            HttpRequest request = HttpRequest.newBuilder(server.uri().resolve("/events"))
                    .header("Authorization", "Bearer " + TOKEN).header("Accept", "text/event-stream").build();
            HttpResponse<InputStream> r = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            body = r.body();
            reader = new Thread(this::read, "good-events-client");
            reader.setDaemon(true);
            reader.start();
        }

        int count() {
            return count.get();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("event: tick")) {
                        count.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed by the test or the server
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
