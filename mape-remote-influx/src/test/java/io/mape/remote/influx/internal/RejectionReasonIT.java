package io.mape.remote.influx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.sun.net.httpserver.HttpServer;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServerTest;
import io.mape.remote.spi.SendResult;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A write the server refuses is logged with the server's reason, not only the exception's name. */
class RejectionReasonIT {

    @InfluxServerTest
    void aRefusalIsDescribedWithTheServersReason(InfluxServer server) {
        String measurement = "reason_" + System.nanoTime();
        try (InfluxDBClient client = clientOf(server.url(), server.token(), server.org(), server.bucket())) {
            client.getWriteApiBlocking().writeRecord(server.bucket(), server.org(), WritePrecision.NS, measurement + " value=1.0");
            RuntimeException refused = catchRuntimeException(() -> client.getWriteApiBlocking()
                    .writeRecord(server.bucket(), server.org(), WritePrecision.NS, measurement + " value=\"text\""));

            assertThat(LineWriter.describe(refused)).contains("400").contains("column: value");
        }
    }

    /**
     * The writer of the observer's outbox answers a refusal FAILED with the server's reason as the cause's message,
     * which the outbox logs; a server it cannot reach RETRY.
     */
    @InfluxServerTest
    void theWriterAnswersARefusalFailedWithTheServersReason_andNoServerRetry(InfluxServer server) {
        String measurement = "reason_" + System.nanoTime();
        try (InfluxDBClient client = clientOf(server.url(), server.token(), server.org(), server.bucket());
             InfluxDBClient nowhere = clientOf("http://127.0.0.1:9", "t", "o", "b")) {
            WriteApiBlocking api = client.getWriteApiBlocking();
            api.writeRecord(server.bucket(), server.org(), WritePrecision.NS, measurement + " value=1.0");
            AtomicReference<SendResult> result = new AtomicReference<>();
            AtomicReference<Throwable> cause = new AtomicReference<>();

            writer(lines -> api.writeRecords(server.bucket(), server.org(), WritePrecision.NS, lines))
                    .send(List.of(measurement + " value=\"text\""), (r, c) -> {
                        result.set(r);
                        cause.set(c);
                    });

            assertThat(result).hasValue(SendResult.FAILED);
            assertThat(cause.get().getMessage()).contains("400").contains("column: value");

            writer(lines -> nowhere.getWriteApiBlocking().writeRecords("b", "o", WritePrecision.NS, lines))
                    .send(List.of(measurement + " value=2.0"), (r, c) -> result.set(r));
            assertThat(result).hasValue(SendResult.RETRY);
        }
    }

    private static LineWriter writer(java.util.function.Consumer<List<String>> write) {
        return new LineWriter("test", LoggerFactory.getLogger(RejectionReasonIT.class), write,
                Schedulers.trampoline());
    }

    /**
     * What no InfluxDB-compatible server answers but a proxy in front of one does: a refusal whose body is not
     * InfluxDB's JSON. A JDK HTTP server on a loopback port gives exactly that answer.
     */
    @ParameterizedTest
    @CsvSource({
        "400, text/plain, the bucket is read-only",
        "403, text/html, <html><body>Forbidden by policy</body></html>",
        "413, application/json, '{\"error\":\"batch too large\"}'",
    })
    void aRefusalThatIsNotInfluxJsonIsDescribedWithItsBody(int status, String type, String body) throws IOException {
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        stub.start();
        String url = "http://127.0.0.1:" + stub.getAddress().getPort();
        try (InfluxDBClient client = clientOf(url, "t", "o", "b")) {
            RuntimeException refused = catchRuntimeException(() -> client.getWriteApiBlocking()
                    .writeRecord("b", "o", WritePrecision.NS, "m value=1.0"));

            String described = LineWriter.describe(refused);

            assertThat(described).contains(String.valueOf(status))
                    .contains(body.replaceAll("<[^>]*>", "").replace("{\"error\":\"", "").replace("\"}", ""));
        } finally {
            stub.stop(0);
        }
    }

    private static InfluxDBClient clientOf(String url, String token, String org, String bucket) {
        return InfluxClients.create(url, token, org, bucket);
    }
}
