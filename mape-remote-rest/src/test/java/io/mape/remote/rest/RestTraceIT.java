package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.mape.App;
import io.mape.Message;
import io.mape.Output;
import io.mape.TraceContext;
import io.mape.config.MapeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** W3C trace context over REST: sent as headers with each message envelope, taken from headers for a bare value. */
class RestTraceIT {

    private static final String TOKEN = "secret";
    private static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final App app = App.create(MapeConfig.defaults());
    private HttpServer capture;

    @AfterEach
    void close() {
        app.close();
        if (capture != null) {
            capture.stop(0);
        }
    }

    private List<Message<Integer>> executeAt(String loop) {
        List<Message<Integer>> got = new CopyOnWriteArrayList<>();
        app.loop(loop).execute("exec", (Message<Integer> m, Output<Void> o) -> got.add(m)).start();
        return got;
    }

    @Test
    void aBareValueTakesTheTraceOfItsHeaders() {
        List<Message<Integer>> got = executeAt("car");
        RestServer server = RestServer.builder(app).host("127.0.0.1").port(0).token(TOKEN).build();
        Http http = new Http(server.uri(), TOKEN);

        assertThat(http.send("POST", "/channels/car.exec", "7", "Content-Type", "application/json",
                "traceparent", PARENT, "tracestate", "congo=t61rcWkgMzE").status()).isEqualTo(200);
        assertThat(http.send("POST", "/loops/car/elements/exec", "8", "Content-Type", "application/json",
                "traceparent", PARENT).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 2);
        assertThat(got.get(0).value()).isEqualTo(7);
        assertThat(got.get(0).traceparent()).isEqualTo(PARENT);
        assertThat(got.get(0).tracestate()).isEqualTo("congo=t61rcWkgMzE");
        assertThat(got.get(1).traceparent()).isEqualTo(PARENT);
    }

    @Test
    void anEnvelopeKeepsItsOwnTrace_andAMalformedHeaderStartsANewOneWithoutLosingTheItem() {
        List<Message<Integer>> got = executeAt("car");
        RestServer server = RestServer.builder(app).host("127.0.0.1").port(0).token(TOKEN).build();
        Http http = new Http(server.uri(), TOKEN);
        Message<Integer> sent = Message.of(1);
        long rejected = TraceContext.rejected();

        http.send("POST", "/channels/car.exec", app.codec().encodeToString(sent), "Content-Type", "application/json",
                "traceparent", PARENT);
        http.send("POST", "/channels/car.exec", "2", "Content-Type", "application/json",
                "traceparent", PARENT.toUpperCase());

        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 2);
        assertThat(got.get(0).traceparent()).isEqualTo(sent.traceparent());
        assertThat(got.get(1).value()).isEqualTo(2);
        assertThat(got.get(1).traceId()).isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.rejected()).isEqualTo(rejected + 1);
    }

    @Test
    void postObserverAndRestTransportSendTheTraceAsHeaders() throws IOException {
        Map<String, String> heard = new ConcurrentHashMap<>();
        capture = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        capture.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            heard.put(path, ex.getRequestHeaders().getFirst("traceparent") + " "
                    + ex.getRequestHeaders().getFirst("tracestate"));
            byte[] ok = "{\"receivers\":1}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        capture.start();
        String base = "http://127.0.0.1:" + capture.getAddress().getPort();
        Message<Integer> m = Message.of(1).withTrace(TraceContext.parse(PARENT, "a=b", null));

        PostObserver post = PostObserver.builder(base, "car.exec").build(app);
        post.onNext(m);
        RestTransport.builder(app).peer("car.*", java.net.URI.create(base), TOKEN).build().sink("car.plan").onNext(m);

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2);
        assertThat(heard.values()).containsOnly(PARENT + " a=b");
    }
}
