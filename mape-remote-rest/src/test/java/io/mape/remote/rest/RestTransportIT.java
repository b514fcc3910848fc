package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.remote.DeliveryStats;
import io.mape.remote.Sink;
import io.mape.remote.SinkOptions;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link RestTransport} does beyond the transport TCK, against real servers on free loopback ports: the channel
 * endpoint's rules, the element fallback, the peer table (fan-out, a retry only to the peers that did not take an
 * item), and final refusals counted as failed.
 */
class RestTransportIT {

    private static final String TOKEN = "secret";
    private static final SinkOptions FAST = SinkOptions.builder().backoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .build();

    private final List<App> apps = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        apps.forEach(App::close);
    }

    private App app() {
        App app = App.create(MapeConfig.defaults());
        apps.add(app);
        return app;
    }

    private static RestServer server(App app, int port) {
        return RestServer.builder(app).host("127.0.0.1").port(port).token(TOKEN).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aChannelThatIsAnElementPathReachesItsPortIn_whenNoSourceClaimsIt() {
        App receiver = app();
        List<Boolean> executed = new CopyOnWriteArrayList<>();
        Element<Boolean, Void> exec = receiver.loop("ambulance")
                .execute("exec", (Boolean b, Output<Void> o) -> executed.add(b));
        exec.start();
        RestServer server = server(receiver, 0);
        Transport sender = RestTransport.builder(app()).server(server(apps.get(1), 0))
                .peer("ambulance.*", server.uri(), TOKEN).sinkOptions(FAST).build();
        Sink sink = sender.sink("ambulance.exec");

        sink.onNext(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> executed.size() == 1);
        assertThat(executed).containsExactly(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.stats().acknowledged() == 1);
    }

    @Test
    void theChannelEndpointKeepsTheElementEndpointsRules() {
        App receiver = app();
        RestServer server = server(receiver, 0);
        List<Integer> got = new CopyOnWriteArrayList<>();
        RestTransport.builder(receiver).server(server).build().source("c.*", Integer.class).subscribe(got::add);
        Http http = new Http(server.uri());

        assertThat(http.post("/channels/c.a", "1").status()).isEqualTo(401);
        Http.Response plain = http.withToken(TOKEN).send("POST", "/channels/c.a", "1", "Content-Type", "text/html");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.json().get("status").asInt()).isEqualTo(415);
        Http.Response ok = http.withToken(TOKEN).post("/channels/c.a", "7");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("receivers").asInt()).isEqualTo(1);
        assertThat(http.withToken(TOKEN).post("/channels/nobody", "7").json().get("receivers").asInt()).isZero();
        assertThat(got).containsExactly(7);
    }

    /** The sender hears 200 (a source took it), so only the receiving App can tell of the loss. */
    @Test
    void aMessageOnAChannelThatDoesNotDecodeIsAnEventOfTheReceivingApp() {
        App receiver = app();
        RestServer server = server(receiver, 0);
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(receiver).listen(events::add);
        Source<Integer> source = RestTransport.builder(receiver).server(server).build().source("c.*", Integer.class);
        List<Integer> got = new CopyOnWriteArrayList<>();
        source.subscribe(got::add);
        Http http = new Http(server.uri()).withToken(TOKEN);

        assertThat(http.post("/channels/c.a", "\"fast\"").status()).isEqualTo(200);
        http.post("/channels/c.a", "7");

        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 1);
        assertThat(source.stats().undecodable()).isEqualTo(1);
        assertThat(events).singleElement().isInstanceOfSatisfying(Event.Drop.class, d -> {
            assertThat(d.path()).isEqualTo("c.a");
            assertThat(d.reason()).isEqualTo("undecodable");
        });
    }

    @Test
    void aChannelGoesToEveryPeerItMatches_andARetryOnlyToThoseThatDidNotTakeIt() throws IOException {
        App a = app();
        App b = app();
        RestServer up = server(a, 0);
        int downPort = freePort();
        List<Integer> atA = new CopyOnWriteArrayList<>();
        List<Integer> atB = new CopyOnWriteArrayList<>();
        RestTransport.builder(a).server(up).build().source("car.*", Integer.class).subscribe(atA::add);
        Transport sender = RestTransport.builder(app()).server(server(apps.get(2), 0))
                .peer("car.*", up.uri(), TOKEN)
                .peer("car.*", URI.create("http://127.0.0.1:" + downPort), TOKEN)
                .sinkOptions(FAST).build();
        Sink sink = sender.sink("car.speed");
        for (int i = 0; i < 5; i++) {
            sink.onNext(i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> atA.size() == 1);

        RestServer late = server(b, downPort);
        RestTransport.builder(b).server(late).build().source("car.*", Integer.class).subscribe(atB::add);

        await().atMost(Duration.ofSeconds(20)).until(() -> atA.size() == 5 && atB.size() == 5);
        assertThat(atA).as("no duplicate at the peer that took the first item before the other was up")
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(atB).containsExactly(0, 1, 2, 3, 4);
        DeliveryStats s = sink.stats();
        assertThat(s.sent()).isEqualTo(5);
        assertThat(s.failed()).isZero();
    }

    @Test
    void aRefusalIsFinal_countedAsFailed_andTheNextItemGoes() {
        App receiver = app();
        RestServer server = server(receiver, 0);
        List<Integer> got = new CopyOnWriteArrayList<>();
        RestTransport.builder(receiver).server(server).build().source("ok", Integer.class).subscribe(got::add);
        Transport sender = RestTransport.builder(app()).server(server(apps.get(1), 0))
                .peer("wrong", server.uri(), "not-the-token")
                .peer("ok", server.uri(), TOKEN)
                .sinkOptions(FAST).build();
        Sink refused = sender.sink("wrong");
        Sink unrouted = sender.sink("nowhere");
        Sink ok = sender.sink("ok");

        refused.onNext(1);
        unrouted.onNext(2);
        ok.onNext(3);

        await().atMost(Duration.ofSeconds(10)).until(() -> refused.stats().failed() == 1
                && unrouted.stats().failed() == 1 && got.size() == 1);
        assertThat(got).containsExactly(3);
        assertThat(refused.stats().pending()).isZero();
    }

    @Test
    void aPeerMustBeAnHttpUrl() {
        RestTransport.Builder b = RestTransport.builder(app());
        assertThatThrownBy(() -> b.peer("*", URI.create("ftp://host"), TOKEN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)://host");
        assertThatThrownBy(() -> b.peer(" ", URI.create("http://host"), TOKEN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
