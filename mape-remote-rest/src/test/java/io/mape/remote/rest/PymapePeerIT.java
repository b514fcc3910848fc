package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mape.App;
import io.mape.Element;
import io.mape.Message;
import io.mape.Output;
import io.mape.config.MapeConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PyMAPE's client as a peer: replays, byte for byte, the requests its {@code POSTObserver} sends in JSON mode, as
 * written down from PyMAPE's source (repository elbowz/PyMAPE):
 *
 * <ul>
 *   <li>{@code src/mape/remote/rest/rx_utils.py}, {@code POSTObserver.post}: {@code session.post(path, data=data,
 *       params={'port': ..., 'notification': ...})} with aiohttp, which sends a {@code str} body as
 *       {@code Content-Type: text/plain; charset=utf-8} and no {@code Origin}; any answer but 200 is logged as an
 *       error, after {@code json.loads} of the body;</li>
 *   <li>{@code src/mape/remote/de_serializer.py}, {@code obj_to_raw(dict, value)}: a dict as {@code json.dumps}
 *       writes it ({@code ", "} and {@code ": "} separators), a pydantic model as {@code value.json()}, the default
 *       {@code Pickled} serializer as pickle bytes ({@code application/octet-stream});</li>
 *   <li>{@code src/mape/remote/rest/api.py}: the path {@code /loops/{loop_uid}/elements/{element_uid}} and the query
 *       parameters {@code port=in|out}, {@code notification=next|error|completed}.</li>
 * </ul>
 *
 * <p>A PyMAPE {@code Message} in JSON is {@code json.dumps(dataclasses.asdict(m))}: its value, src, dst and a float
 * epoch-seconds timestamp. A process test against a real PyMAPE is not run here (its source is not at hand as files).
 */
class PymapePeerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private App app;
    private RestServer server;
    private final List<Object> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        app.loop("ambulance_emergency").plan("emergency_policy",
                (Map<String, Object> m, Output<Object> o) -> seen.add(m)).start();
        Element<Message<Boolean>, Object> detect = app.loop("car_a").monitor("detect",
                (Message<Boolean> m, Output<Object> o) -> seen.add(m));
        detect.inputType(app.codec().mapper().getTypeFactory().constructParametricType(Message.class, Boolean.class));
        detect.start();
        server = RestServer.builder(app).noToken().build();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    /** What aiohttp 3 writes for {@code session.post(path, data=str_body, params=...)}. */
    private Raw.Answer aiohttpPost(String path, String port, String notification, byte[] body, String contentType) {
        String head = "POST " + path + "?port=" + port + "&notification=" + notification + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\n"
                + "Accept: */*\r\n"
                + "Accept-Encoding: gzip, deflate\r\n"
                + "User-Agent: Python/3.10 aiohttp/3.8.1\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Connection: close\r\n\r\n";
        return Raw.send(server.uri(), head + new String(body, StandardCharsets.ISO_8859_1));
    }

    private Raw.Answer aiohttpPost(String path, String port, String notification, String jsonDumps) {
        return aiohttpPost(path, port, notification, jsonDumps.getBytes(StandardCharsets.UTF_8),
                "text/plain; charset=utf-8");
    }

    private static JsonNode json(Raw.Answer a) throws Exception {
        return JSON.readTree(a.body());
    }

    @Test
    void aDictFromJsonDumpsIsTakenWith200AndAJsonBody() throws Exception {
        Raw.Answer a = aiohttpPost("/loops/ambulance_emergency/elements/emergency_policy", "in", "next",
                "{\"speed\": 90, \"emergency\": true}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.header("Content-Type")).startsWith("application/json");
        assertThat(json(a).get("accepted").asText()).isEqualTo("next");
        assertThat(seen).containsExactly(Map.of("speed", 90, "emergency", true));
    }

    @Test
    void everyItemOfAStreamIsAnswered200() {
        for (int i = 0; i < 8; i++) {
            Raw.Answer a = aiohttpPost("/loops/ambulance_emergency/elements/emergency_policy", "in", "next",
                    "{\"i\": " + i + "}");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
        }
        assertThat(seen).hasSize(8);
        Raw.Answer out = aiohttpPost("/loops/ambulance_emergency/elements/emergency_policy", "out", "next",
                "{\"speed\": 30}");
        assertThat(out.status()).as(out.body()).isEqualTo(200);
    }

    @Test
    void aPymapeMessageFromAsdictDecodesAsAMessage() {
        Raw.Answer a = aiohttpPost("/loops/car_a/elements/detect", "in", "next",
                "{\"value\": true, \"src\": \"car_a.m_detect\", \"dst\": null, \"timestamp\": 1700000000.123456}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(seen).singleElement().isInstanceOfSatisfying(Message.class, m -> {
            assertThat(m.value()).isEqualTo(true);
            assertThat(m.src()).isEqualTo("car_a.m_detect");
            assertThat(m.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_000));
        });
    }

    @Test
    void aPickledBodyIsRefusedWithJsonThatPymapeCanLog() throws Exception {
        byte[] pickle = {(byte) 0x80, 0x05, (byte) 0x88, 0x2e};
        Raw.Answer a = aiohttpPost("/loops/ambulance_emergency/elements/emergency_policy", "in", "next", pickle,
                "application/octet-stream");
        assertThat(a.status()).isEqualTo(415);
        assertThat(json(a).get("status").asInt()).isEqualTo(415);
        assertThat(seen).isEmpty();
    }

    @Test
    void aBrowserCannotPassForPymape() {
        String head = "POST /loops/ambulance_emergency/elements/emergency_policy HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\n"
                + "Origin: http://127.0.0.1:" + server.port() + "\r\n"
                + "Content-Length: 2\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n{}";
        assertThat(Raw.send(server.uri(), head).status()).isEqualTo(415);
        assertThat(seen).isEmpty();
    }
}
