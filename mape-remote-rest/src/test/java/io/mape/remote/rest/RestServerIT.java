package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mape.App;
import io.mape.Element;
import io.mape.ElementStats;
import io.mape.Output;
import io.mape.Loop;
import io.mape.Message;
import io.mape.Monitor;
import io.mape.annotation.CallableMethod;
import io.mape.config.MapeConfig;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every endpoint and every error code of {@link RestServer}, against a real server on a free loopback port. */
class RestServerIT {

    /** A typed item, to check that bodies decode into the element's input type. */
    record Speed(int kmh) {
    }

    /** An element written as a class, with a method a CallMethod may run. */
    static final class Cruise extends Monitor<Speed, Integer> {
        volatile int target;

        Cruise() {
            super("cruise");
        }

        @Override
        protected void process(Speed item, Output<Integer> out) {
            out.next(target - item.kmh());
        }

        @CallableMethod
        public void setTarget(int kmh) {
            target = kmh;
        }
    }

    private App app;
    private RestServer server;
    private Http http;
    private Element<Boolean, Boolean> detect;
    private Cruise cruise;
    private final List<Object> executed = new CopyOnWriteArrayList<>();
    private final List<Object> detectOut = new CopyOnWriteArrayList<>();
    private final List<Integer> cruiseOut = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        app.level("fleet").loop("car_a").monitor("detect", (Boolean b, Output<Boolean> o) -> o.next(b));
        Loop loop = app.loop("ambulance");
        detect = loop.monitor("detect", (Boolean emergency, Output<Boolean> o) -> o.next(emergency));
        Element<Boolean, Void> exec = loop.execute("exec", (Boolean emergency, Output<Void> o) -> executed.add(emergency));
        cruise = loop.add(new Cruise());
        detect.link(exec);
        detect.subscribe(detectOut::add);
        cruise.subscribe(cruiseOut::add);
        detect.start();
        cruise.start();
        server = RestServer.builder(app).noToken().maxBodyBytes(1024).build();
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void listsLevelsLoopsAndElements() {
        assertThat(http.get("/levels").json()).containsExactly(text("fleet"));
        assertThat(http.get("/loops").json()).containsExactly(text("car_a"), text("ambulance"));
        Http.Response elements = http.get("/loops/ambulance/elements");
        assertThat(elements.status()).isEqualTo(200);
        assertThat(elements.header("Content-Type")).startsWith("application/json");
        assertThat(elements.json()).containsExactly(text("detect"), text("exec"), text("cruise"));
    }

    @Test
    void describesAnElement() {
        detect.onNext(true);
        JsonNode d = http.get("/loops/ambulance/elements/detect").json();
        assertThat(d.get("uid").asText()).isEqualTo("detect");
        assertThat(d.get("path").asText()).isEqualTo("ambulance.detect");
        assertThat(d.get("kind").asText()).isEqualTo("monitor");
        assertThat(d.get("running").asBoolean()).isTrue();
        assertThat(d.get("startBehaviour").asText()).isEqualTo("manual");
        assertThat(d.get("inputType").asText()).isEqualTo("java.lang.Boolean");
        assertThat(d.get("subscribers").asInt()).isEqualTo(2);
        assertThat(d.get("stats").get("itemsIn").asLong()).isEqualTo(1);
        assertThat(d.get("stats").get("itemsOut").asLong()).isEqualTo(1);
        assertThat(d.get("stats").get("errors").asLong()).isZero();

        JsonNode exec = http.get("/loops/ambulance/elements/exec").json();
        assertThat(exec.get("kind").asText()).isEqualTo("execute");
        assertThat(exec.get("startBehaviour").asText()).isEqualTo("on_creation");
        assertThat(http.get("/loops/ambulance/elements/cruise").json().get("inputType").asText())
                .isEqualTo(Speed.class.getName());
    }

    @Test
    void pushesAnItemIntoPortIn() {
        Http.Response r = http.post("/loops/ambulance/elements/detect?port=in&notification=next", "true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(executed).containsExactly(true);
        assertThat(http.post("/loops/ambulance/elements/detect", "false").status()).isEqualTo(200);
        assertThat(executed).containsExactly(true, false);
    }

    @Test
    void decodesTheBodyIntoTheInputTypeAndUnderstandsTheEnvelopes() {
        assertThat(http.post("/loops/ambulance/elements/cruise",
                "{\"@type\":\"call\",\"name\":\"setTarget\",\"args\":[130]}").status()).isEqualTo(200);
        assertThat(http.post("/loops/ambulance/elements/cruise", "{\"kmh\":90}").status()).isEqualTo(200);
        assertThat(cruiseOut).containsExactly(40);
        assertThat(cruise.target).isEqualTo(130);

        List<Object> seen = new CopyOnWriteArrayList<>();
        Element<Message<Speed>, Object> in = app.loop("messages").monitor("in",
                (Message<Speed> m, Output<Object> o) -> seen.add(m));
        in.inputType(app.codec().mapper().getTypeFactory().constructParametricType(Message.class, Speed.class));
        in.start();
        assertThat(http.post("/loops/messages/elements/in",
                "{\"@type\":\"message\",\"value\":{\"kmh\":50},\"src\":\"car_a.detect\",\"hops\":2}").status())
                .isEqualTo(200);
        assertThat(seen).singleElement().isInstanceOfSatisfying(Message.class, m -> {
            assertThat(m.value()).isEqualTo(new Speed(50));
            assertThat(m.src()).isEqualTo("car_a.detect");
            assertThat(m.hops()).isEqualTo(3);
        });
    }

    @Test
    void pushesAnItemIntoPortOutWithoutTheFunction() {
        assertThat(http.post("/loops/ambulance/elements/detect?port=out", "true").status()).isEqualTo(200);
        assertThat(detectOut).containsExactly(true);
        assertThat(executed).containsExactly(true);
        assertThat(detect.stats().itemsIn()).isZero();
    }

    @Test
    void errorAndCompletedNotificationsReachPortInAndTheElementGoesOn() {
        Http.Response error = http.post("/loops/ambulance/elements/detect?notification=error", "\"sensor lost\"");
        assertThat(error.status()).isEqualTo(200);
        assertThat(detect.stats().errors()).isEqualTo(1);
        assertThat(http.post("/loops/ambulance/elements/detect?notification=completed").status()).isEqualTo(200);

        http.post("/loops/ambulance/elements/detect", "true");
        assertThat(executed).containsExactly(true);
    }

    @Test
    void completedOnPortOutCompletesTheSubscribers() {
        List<String> events = new CopyOnWriteArrayList<>();
        detect.subscribe(v -> events.add("next " + v), e -> events.add("error " + e.getMessage()),
                () -> events.add("completed"));
        detect.propagateTermination(true);
        http.post("/loops/ambulance/elements/detect?port=out", "true");
        assertThat(http.post("/loops/ambulance/elements/detect?port=out&notification=completed").status())
                .isEqualTo(200);
        assertThat(events).containsExactly("next true", "completed");
    }

    @Test
    void errorOnPortOutReachesTheSubscribersAsARemoteError() {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Element<Boolean, Boolean> probe = app.loop("probe").monitor("p", (Boolean b, Output<Boolean> o) -> o.next(b));
        probe.propagateTermination(true);
        probe.subscribe(v -> { }, errors::add);
        assertThat(http.post("/loops/probe/elements/p?port=out&notification=error", "\"boom\"").status())
                .isEqualTo(200);
        assertThat(errors).singleElement().isInstanceOfSatisfying(RemoteErrorException.class,
                e -> assertThat(e.getMessage()).isEqualTo("boom"));
    }

    @Test
    void startsAndStopsAnElement() {
        Http.Response stopped = http.post("/loops/ambulance/elements/detect/stop");
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().get("running").asBoolean()).isFalse();
        assertThat(detect.isRunning()).isFalse();

        http.post("/loops/ambulance/elements/detect", "true");
        assertThat(executed).isEmpty();
        assertThat(detect.stats().dropped()).isEqualTo(1);

        Http.Response started = http.post("/loops/ambulance/elements/detect/start");
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().get("running").asBoolean()).isTrue();
        http.post("/loops/ambulance/elements/detect", "true");
        assertThat(executed).containsExactly(true);
    }

    @Test
    void pausesAndResumesALoop() {
        JsonNode loop = http.get("/loops/ambulance").json();
        assertThat(loop.get("uid").asText()).isEqualTo("ambulance");
        assertThat(loop.get("paused").asBoolean()).isFalse();
        assertThat(loop.get("elements")).containsExactly(text("detect"), text("exec"), text("cruise"));

        Http.Response paused = http.post("/loops/ambulance/pause");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("paused").asBoolean()).isTrue();
        assertThat(http.post("/loops/ambulance/pause").json().get("paused").asBoolean()).as("twice").isTrue();
        assertThat(app.loop("ambulance").isPaused()).isTrue();
        assertThat(http.get("/loops/ambulance").json().get("paused").asBoolean()).isTrue();

        http.post("/loops/ambulance/elements/detect", "true");
        assertThat(detectOut).as("it still senses").containsExactly(true);
        assertThat(executed).as("it does not act").isEmpty();
        assertThat(http.get("/loops/ambulance/elements/exec").json().at("/stats/droppedBy/paused").asLong())
                .isEqualTo(1);

        Http.Response resumed = http.post("/loops/ambulance/resume");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("paused").asBoolean()).isFalse();
        http.post("/loops/ambulance/elements/detect", "false");
        assertThat(executed).containsExactly(false);
    }

    @Test
    void startsAndStopsALoopsDryRun() {
        assertThat(http.get("/loops/ambulance").json().get("dryRun").asBoolean()).isFalse();
        List<Object> would = new CopyOnWriteArrayList<>();
        app.loop("ambulance").wouldExecute().subscribe(w -> would.add(w.item()));

        Http.Response on = http.post("/loops/ambulance/dry-run/start");
        assertThat(on.status()).isEqualTo(200);
        assertThat(on.json().get("dryRun").asBoolean()).isTrue();
        assertThat(http.post("/loops/ambulance/dry-run/start").json().get("dryRun").asBoolean()).as("twice").isTrue();
        http.post("/loops/ambulance/elements/detect", "true");
        assertThat(executed).as("it does not act").isEmpty();
        assertThat(would).as("it says what it would do").containsExactly(true);
        assertThat(http.get("/loops/ambulance/elements/exec").json().at("/stats/droppedBy/dry-run").asLong())
                .isEqualTo(1);

        Http.Response off = http.post("/loops/ambulance/dry-run/stop");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("dryRun").asBoolean()).isFalse();
        http.post("/loops/ambulance/elements/detect", "false");
        assertThat(executed).containsExactly(false);
        assertError(http.post("/loops/nowhere/dry-run/start"), 404, "no loop 'nowhere'");
        Http.Response r = http.get("/loops/ambulance/dry-run/start");
        assertError(r, 405, "GET");
        assertThat(r.header("Allow")).contains("POST");
    }

    @Test
    void pausingAnUnknownLoopIs404AndAWrongMethodIs405() {
        assertError(http.get("/loops/nowhere"), 404, "no loop 'nowhere' (loops: car_a, ambulance)");
        assertError(http.post("/loops/nowhere/pause"), 404, "no loop 'nowhere'");
        assertError(http.post("/loops/nowhere/resume"), 404, "no loop 'nowhere'");
        Http.Response r = http.get("/loops/ambulance/pause");
        assertError(r, 405, "GET");
        assertThat(r.header("Allow")).contains("POST");
        assertThat(app.loop("ambulance").isPaused()).isFalse();
    }

    @Test
    void unknownLoopOrElementIs404NamingIt() {
        assertError(http.get("/loops/nowhere/elements"), 404, "no loop 'nowhere' (loops: car_a, ambulance)");
        assertError(http.get("/loops/ambulance/elements/ghost"), 404,
                "no element 'ghost' in loop 'ambulance' (elements: detect, exec, cruise)");
        assertError(http.post("/loops/ambulance/elements/ghost", "true"), 404, "no element 'ghost'");
        assertError(http.post("/loops/nowhere/elements/detect/start"), 404, "no loop 'nowhere'");
        assertError(http.get("/no/such/route"), 404, "not found");
    }

    @Test
    void badBodiesAre400WithTheReasonAndReachNoLoop() {
        ElementStats before = cruise.stats();
        assertError(http.post("/loops/ambulance/elements/cruise", "{\"kmh\":"), 400, "expected");
        assertError(http.post("/loops/ambulance/elements/cruise", "{\"speed\":90}"), 400, "speed");
        assertError(http.post("/loops/ambulance/elements/cruise", "{\"kmh\":\"fast\"}"), 400, "fast");
        assertError(http.post("/loops/ambulance/elements/cruise", ""), 400, "empty");
        assertError(http.post("/loops/ambulance/elements/detect", "[1,2]"), 400, "java.lang.Boolean");
        assertError(http.post("/loops/ambulance/elements/cruise", "{\"@type\":\"rpc\"}"), 400, "unknown @type 'rpc'");
        assertError(http.post("/loops/ambulance/elements/cruise?notification=error", "{oops"), 400, "must be JSON");
        assertThat(cruise.stats()).isEqualTo(before);
        assertThat(cruiseOut).isEmpty();
    }

    @Test
    void unknownPortOrNotificationIs400() {
        assertError(http.post("/loops/ambulance/elements/detect?port=sideways", "true"), 400,
                "port must be 'in' or 'out', got 'sideways'");
        assertError(http.post("/loops/ambulance/elements/detect?notification=maybe", "true"), 400,
                "notification must be 'next', 'error' or 'completed', got 'maybe'");
        assertThat(executed).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "\"" + "x".repeat(2000) + "\"";
        assertError(http.post("/loops/ambulance/elements/detect", big), 413, "at most 1024");
        assertThat(detect.stats().itemsIn()).isZero();
        assertThat(http.post("/loops/ambulance/elements/detect", "true").status()).isEqualTo(200);
    }

    @Test
    void takesHostAndPortFromTheConfigAndBindsToLoopbackByDefault() {
        assertThat(MapeConfig.defaults().get(RestConfig.HOST)).isEqualTo("127.0.0.1");
        assertThat(server.host()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    }

    @Test
    void startsAtAnAddressGivenInCode() {
        try (RestServer other = RestServer.builder(app).noToken().address("127.0.0.1:0").build()) {
            assertThat(other.port()).isNotEqualTo(server.port());
            assertThat(new Http(other.uri()).get("/loops").status()).isEqualTo(200);
        }
    }

    @Test
    void aTakenPortIsAClearError() {
        assertThatThrownBy(() -> RestServer.builder(app).port(server.port()).build())
                .isInstanceOf(io.mape.remote.RemoteUnavailableException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + server.port());
    }

    @Test
    void closesWithTheApp() {
        app.close();
        assertThatThrownBy(() -> http.get("/loops")).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> RestServer.start(app)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void concurrentPushesAreAllProcessed() {
        List<Integer> got = new CopyOnWriteArrayList<>();
        app.loop("counter").monitor("n", (Integer i, Output<Integer> o) -> got.add(i)).start();
        java.util.stream.IntStream.range(0, 200).parallel()
                .forEach(i -> assertThat(http.post("/loops/counter/elements/n", String.valueOf(i)).status())
                        .isEqualTo(200));
        await().until(() -> got.size() == 200);
        assertThat(got).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 200).boxed().toList());
    }

    static void assertError(Http.Response r, int status, String messagePart) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode body = r.json();
        assertThat(body.size()).as(r.body()).isEqualTo(2);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).contains(messagePart);
    }

    private static JsonNode text(String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s);
    }
}
