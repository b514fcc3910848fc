package io.mape.remote.rest;

import static io.mape.remote.rest.RestServerIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Element;
import io.mape.Loop;
import io.mape.Message;
import io.mape.Output;
import io.mape.config.MapeConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The edges of {@link RestServer} without a token ({@code noToken()}): what it refuses, and that every answer is
 * JSON, against a real Jetty on a free loopback port.
 */
class RestEdgesIT {

    private App app;
    private RestServer server;
    private Http http;
    private Element<Boolean, Boolean> detect;
    private final List<Object> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        Loop loop = app.loop("ambulance");
        detect = loop.monitor("detect", (Boolean b, Output<Boolean> o) -> o.next(b));
        detect.subscribe(seen::add);
        detect.start();
        loop.monitor("count", (Integer i, Output<Integer> o) -> seen.add(i)).start();
        server = RestServer.builder(app).noToken().build();
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void aFatalErrorInAnElementStillAnswersJson() {
        app.loop("fatal").monitor("f", (Boolean b, Output<Boolean> o) -> {
            throw new StackOverflowError("deep in user code");
        }).start();
        Http.Response r = http.post("/loops/fatal/elements/f", "true");
        assertThat(r.header("Content-Type")).as(r.status() + " " + r.body()).startsWith("application/json");
        assertThat(r.json().has("accepted") || r.json().get("status").asInt() == 500).as(r.body()).isTrue();
        assertThat(r.body()).doesNotContain("deep in user code");
    }

    @Test
    void anythingUnexpectedIsAJson500() {
        try (RestServer custom = RestServer.builder(app).noToken().port(0)
                .configure(cfg -> cfg.router.mount(r -> {
                    r.get("/fatal", ctx -> {
                        throw new StackOverflowError("deep in user code");
                    });
                    r.get("/bug", ctx -> {
                        throw new IllegalStateException("a bug");
                    });
                })).build()) {
            Http c = new Http(custom.uri());
            for (String path : List.of("/fatal", "/bug")) {
                Http.Response r = c.get(path);
                assertError(r, 500, "internal error");
                assertThat(r.body()).doesNotContain("deep in user code").doesNotContain("a bug");
            }
        }
    }

    @Test
    void completedOrErrorOnPortOutIs409UnlessTheElementOptsIn() {
        assertError(http.post("/loops/ambulance/elements/detect?port=out&notification=completed"), 409,
                "propagateTermination");
        assertError(http.post("/loops/ambulance/elements/detect?port=out&notification=error", "\"x\""), 409,
                "outlives");
        assertThat(http.post("/loops/ambulance/elements/detect?port=out", "true").status()).isEqualTo(200);
        assertThat(seen).containsExactly(true);
    }

    @Test
    void anAcceptedPushAnswers200WithASmallJsonBody() {
        Http.Response r = http.post("/loops/ambulance/elements/detect", "true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("accepted").asText()).isEqualTo("next");
        assertThat(r.json().get("port").asText()).isEqualTo("in");
    }

    @Test
    void aBadTimestampInAnEnvelopeIs400() {
        assertError(http.post("/loops/ambulance/elements/detect",
                "{\"@type\":\"message\",\"value\":true,\"timestamp\":\"yesterday\"}"), 400, "timestamp");
        assertThat(seen).isEmpty();
    }

    @Test
    void lossyCoercionsAndTrailingGarbageAre400() {
        for (String bad : new String[] {"1", "0", "true false", "true}", "true,1"}) {
            assertError(http.post("/loops/ambulance/elements/detect", bad), 400, "expected");
        }
        assertError(http.post("/loops/ambulance/elements/count", "1.5"), 400, "expected");
        assertError(http.post("/loops/ambulance/elements/count", "1e400"), 400, "expected");
        assertThat(seen).isEmpty();
    }

    @Test
    void aRefusedCallSaysRefusedAndCannotForgeLogLines() {
        Http.Response r = http.post("/loops/ambulance/elements/detect",
                "{\"@type\":\"call\",\"name\":\"stop\\n12:00:00.000 [main] ERROR forged\",\"args\":[]}");
        assertError(r, 422, "refused");
        assertThat(r.json().get("error").asText()).doesNotContain("\n").contains("\\u000a");
        assertThat(detect.stats().refusedCalls()).as("refused before it reached the element").isZero();
        assertThat(detect.isRunning()).isTrue();
    }

    /** A bean whose methods become elements: a call runs on the bean, so the check looks at the bean. */
    public static final class Limiter {
        volatile int limit;

        @io.mape.annotation.MonitorMethod(uid = "speed")
        public void speed(Integer kmh, Output<Integer> out) {
            out.next(Math.min(kmh, limit));
        }

        @io.mape.annotation.CallableMethod
        public void limit(int kmh) {
            limit = kmh;
        }
    }

    @Test
    void aCallToABeanElementIsCheckedAgainstTheBean() {
        Limiter bean = new Limiter();
        app.loop("beans").register(bean).forEach(Element::start);
        assertThat(http.post("/loops/beans/elements/speed", "{\"@type\":\"call\",\"name\":\"limit\",\"args\":[90]}")
                .status()).isEqualTo(200);
        assertThat(bean.limit).isEqualTo(90);
        assertError(http.post("/loops/beans/elements/speed", "{\"@type\":\"call\",\"name\":\"limit\",\"args\":[1.5]}"),
                422, "argument 0");
        assertThat(bean.limit).isEqualTo(90);
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        Http.Response r = http.send("DELETE", "/loops", null);
        assertError(r, 405, "DELETE");
        assertThat(r.header("Allow")).contains("GET");
        Http.Response put = http.send("PUT", "/loops/ambulance/elements/detect", "true",
                "Content-Type", "application/json");
        assertError(put, 405, "PUT");
        assertThat(put.header("Allow")).contains("GET").contains("POST");
    }

    @Test
    void errorsJettyRaisesBeforeTheApiAreJsonToo() {
        Raw.Answer badLine = Raw.send(server.uri(), "GET /loops HTTP/1.1 extra\r\nHost: x\r\n\r\n");
        Raw.Answer longUri = Raw.send(server.uri(), Raw.request(server.uri(), "GET /" + "a".repeat(20_000) + " HTTP/1.1"));
        Raw.Answer bigHeader = Raw.send(server.uri(), Raw.request(server.uri(), "GET /loops HTTP/1.1",
                "X-Big: " + "b".repeat(20_000)));
        Raw.Answer expect = Raw.send(server.uri(), Raw.request(server.uri(),
                "POST /loops/ambulance/elements/detect HTTP/1.1", "Expect: teapot", "Content-Length: 4",
                "Content-Type: application/json"));
        Raw.Answer version = Raw.send(server.uri(), Raw.request(server.uri(), "GET /loops HTTP/3.0"));
        for (Raw.Answer a : List.of(badLine, longUri, bigHeader, expect, version)) {
            assertThat(a.header("Content-Type")).as(a.head()).startsWith("application/json");
            assertThat(a.body()).as(a.head()).startsWith("{\"error\":").contains("\"status\":" + a.status());
        }
        assertThat(List.of(badLine.status(), longUri.status(), bigHeader.status(), expect.status(), version.status()))
                .containsExactly(400, 414, 431, 417, 505);
    }

    @Test
    void aForgedHostOrAnotherOriginIsRefusedWithoutAToken() {
        Raw.Answer rebound = Raw.send(server.uri(), "GET /loops HTTP/1.1\r\nHost: evil.example:" + server.port()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(rebound.status()).isEqualTo(403);
        assertThat(rebound.body()).contains("evil.example");
        Raw.Answer crossSite = Raw.send(server.uri(), Raw.request(server.uri(),
                "POST /loops/ambulance/elements/detect/stop HTTP/1.1", "Origin: http://evil.example",
                "Content-Type: text/plain", "Content-Length: 0"));
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(crossSite.header("Content-Type")).startsWith("application/json");
        assertThat(detect.isRunning()).isTrue();

        String own = "http://127.0.0.1:" + server.port();
        assertThat(http.send("GET", "/loops", null, "Origin", own).status()).isEqualTo(200);
        assertThat(http.get("/loops").status()).isEqualTo(200);
        assertThat(new Http(java.net.URI.create("http://localhost:" + server.port())).get("/loops").status())
                .isEqualTo(200);
    }

    @Test
    void aPostBodyMustBeJson() {
        String own = "http://127.0.0.1:" + server.port();
        assertError(http.send("POST", "/loops/ambulance/elements/detect", "true", "Content-Type", "text/plain",
                "Origin", own), 415, "application/json");
        assertError(http.send("POST", "/loops/ambulance/elements/detect", "true",
                "Content-Type", "application/x-www-form-urlencoded"), 415, "application/json");
        assertError(http.send("POST", "/loops/ambulance/elements/detect", "true"), 415, "no Content-Type");
        assertThat(http.send("POST", "/loops/ambulance/elements/detect", "true",
                "Content-Type", "application/json; charset=utf-8").status()).isEqualTo(200);
        assertThat(seen).containsExactly(true);
    }

    @Test
    void aMessageFromPymapeDecodes() {
        List<Message<?>> got = new CopyOnWriteArrayList<>();
        Element<Message<Boolean>, Object> in = app.loop("pymape").monitor("in",
                (Message<Boolean> m, Output<Object> o) -> got.add(m));
        in.inputType(app.codec().mapper().getTypeFactory().constructParametricType(Message.class, Boolean.class));
        in.start();
        Http.Response r = http.post("/loops/pymape/elements/in",
                "{\"value\": true, \"src\": \"car_a.detect\", \"dst\": null, \"timestamp\": 1700000000.25}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(got).singleElement().satisfies(m -> {
            assertThat(m.value()).isEqualTo(true);
            assertThat(m.src()).isEqualTo("car_a.detect");
            assertThat(m.timestamp()).isEqualTo(java.time.Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
        });
    }

    @Test
    void faviconAndOfflineRedoc() {
        assertThat(http.get("/favicon.ico").status()).isEqualTo(204);
        Http.Response redoc = http.get("/redoc");
        assertThat(redoc.status()).isEqualTo(200);
        assertThat(redoc.body()).contains("Redoc.init").doesNotContain("http://").doesNotContain("https://");
        Http.Response script = http.get("/webjars/redoc/redoc.standalone.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body().length()).isGreaterThan(100_000);
    }

    @Test
    void userRoutesAndCorsAreOptions() {
        try (RestServer custom = RestServer.builder(app).noToken().port(0).cors("https://dash.example")
                .configure(cfg -> cfg.router.mount(r -> r.get("/health", ctx -> ctx.json(List.of("ok")))))
                .build()) {
            Http c = new Http(custom.uri());
            assertThat(c.get("/health").body()).isEqualTo("[\"ok\"]");
            Http.Response fromDash = c.send("GET", "/loops", null, "Origin", "https://dash.example");
            assertThat(fromDash.status()).isEqualTo(200);
            assertThat(fromDash.header("Access-Control-Allow-Origin")).isEqualTo("https://dash.example");
        }
        assertThat(http.send("GET", "/loops", null, "Origin", "https://dash.example").status()).isEqualTo(403);
        try (RestServer secured = RestServer.builder(app).token("t0ken").port(0).cors("https://dash.example").build()) {
            Http.Response preflight = new Http(secured.uri()).send("OPTIONS", "/loops/ambulance/elements/detect", null,
                    "Origin", "https://dash.example", "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "authorization,content-type");
            assertThat(preflight.status()).as(preflight.body()).isLessThan(300);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://dash.example");
            assertThat(new Http(secured.uri()).get("/loops").status()).isEqualTo(401);
        }
    }
}
