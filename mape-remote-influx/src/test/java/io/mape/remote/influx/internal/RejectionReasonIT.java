package io.mape.remote.influx.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.domain.WritePrecision;
import com.sun.net.httpserver.HttpServer;
import io.mape.remote.influx.harness.InfluxServer;
import io.mape.remote.influx.harness.InfluxServerTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

            assertThat(PointWriter.describe(refused)).contains("400").contains("column: value");
        }
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

            String described = PointWriter.describe(refused);

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
