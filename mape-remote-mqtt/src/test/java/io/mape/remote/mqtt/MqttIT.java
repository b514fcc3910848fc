package io.mape.remote.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.DeliveryStats;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.Sink;
import io.mape.remote.Source;
import io.mape.remote.Transport;
import io.mape.remote.mqtt.testing.Mosquitto;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What is MQTT's own, against a real mosquitto: topic levels, refused names, QoS, other clients on the broker. */
class MqttIT {

    private static final Path MOSQUITTO_PUB = Path.of("/usr/bin/mosquitto_pub");

    private static Mosquitto broker;

    record Speed(String car, int kmh) {
    }

    private final List<App> apps = new ArrayList<>();
    private final List<AutoCloseable> others = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = Mosquitto.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void tearDown() throws Exception {
        apps.forEach(App::close);
        for (AutoCloseable c : others) {
            c.close();
        }
    }

    private App app() {
        App app = App.create(MapeConfig.defaults().toBuilder().set(MqttConfig.URL, broker.url()).build());
        apps.add(app);
        return app;
    }

    private Transport transport() {
        return MqttTransport.builder(app()).build();
    }

    private static <T> List<T> collect(Source<T> source) {
        List<T> got = new CopyOnWriteArrayList<>();
        source.subscribe(got::add);
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        return got;
    }

    @Test
    void patternsSpanTopicLevelsByRedisGlobRules() {
        Transport receiver = transport();
        List<String> speeds = collect(receiver.source("cars/*/speed", String.class));
        List<String> oneLevel = collect(receiver.source("cars/?/speed", String.class));
        List<String> exact = collect(receiver.source("cars/a/speed", String.class));
        Transport sender = transport();
        for (String topic : List.of("cars/a/speed", "cars/a/b/speed", "carsX/a/speed", "cars/a/speedX", "cars/speed",
                "cars/b/speed")) {
            sender.sink(topic).onNext(topic);
        }

        await().until(() -> speeds.contains("cars/b/speed") && oneLevel.contains("cars/b/speed")
                && exact.contains("cars/a/speed"));
        assertThat(speeds).containsExactly("cars/a/speed", "cars/a/b/speed", "cars/b/speed");
        assertThat(oneLevel).containsExactly("cars/a/speed", "cars/b/speed");
        assertThat(exact).as("once, though the broker sends it for two filters of one client").containsExactly(
                "cars/a/speed");
    }

    @Test
    void aSinkRefusesAChannelThatIsNoTopicName_andASourceAPatternNoTopicMatches() {
        Transport t = transport();
        assertThatThrownBy(() -> t.sink("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be blank");
        for (String bad : List.of("cars/+/speed", "cars/#", "car\0a", "$SYS/x", "x".repeat(65_536))) {
            assertThatThrownBy(() -> t.sink(bad)).as(bad.length() > 20 ? "65536 x" : bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an MQTT topic name");
        }
        assertThat(t.sink("é".repeat(32_767)).stats().accepted()).as("65534 bytes in UTF-8 is a topic name").isZero();
        assertThatThrownBy(() -> t.sink("é".repeat(32_768))).hasMessageContaining("65536 bytes in UTF-8");
        for (String bad : List.of("cars/+/*", "#*", "cars/#")) {
            assertThatThrownBy(() -> t.source(bad, String.class)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matches no MQTT topic name");
        }
    }

    /** QoS 2 with 500 pipelined: mosquitto drops what a client has in flight beyond its 20 (maxInFlight's default). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void deliversAtEachQos(int qos) {
        Transport receiver = MqttTransport.builder(app()).qos(qos).build();
        List<Integer> got = collect(receiver.source("qos" + qos + ".*", Integer.class));
        Sink sink = MqttTransport.builder(app()).qos(qos).build().sink("qos" + qos + ".a");
        for (int i = 0; i < 500; i++) {
            sink.onNext(i);
        }

        await().atMost(Duration.ofSeconds(30)).alias("qos " + qos)
                .until(() -> got.size() == 500 && sink.stats().sent() == 500);
        assertThat(got).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aNonJavaClientsPublishReachesATypedElement() throws Exception {
        App app = app();
        List<Speed> seen = new CopyOnWriteArrayList<>();
        Element<Speed, Speed> speed = app.loop("car_a").monitor("speed", (Speed s, Output<Speed> o) -> {
            seen.add(s);
            o.next(s);
        });
        speed.start();
        MqttTransport.builder(app).build().source("cars/*/speed", speed).ready()
                .blockingAwait(30, TimeUnit.SECONDS);

        publish("cars/a/speed", "{\"car\":\"a\",\"kmh\":90}");
        publish("cars/a/speed", "{\"car\":\"a\",\"kmh\":120}");

        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly(new Speed("a", 90), new Speed("a", 120));
    }

    @Test
    void aPayloadThatIsNotTheDeclaredTypeIsCountedUndecodable() throws Exception {
        Source<Speed> source = transport().source("bad/speed", Speed.class);
        List<Speed> got = collect(source);

        publish("bad/speed", "not json at all");
        publish("bad/speed", "{\"car\":\"a\",\"kmh\":1}");

        await().until(() -> got.size() == 1);
        assertThat(got).containsExactly(new Speed("a", 1));
        assertThat(source.stats()).isEqualTo(DeliveryStats.ofSource(2, 1, 0));
    }

    @Test
    void whatASinkPublishesReadsAsPlainJsonToAnotherClient() throws Exception {
        List<String> payloads = new CopyOnWriteArrayList<>();
        MqttClient plain = new MqttClient(broker.url(), "plain-" + System.nanoTime(), new MemoryPersistence());
        plain.connect();
        others.add(() -> {
            plain.disconnect();
            plain.close();
        });
        plain.subscribe("car_a.speed", 1, (topic, m) -> payloads.add(new String(m.getPayload(), StandardCharsets.UTF_8)));

        Sink sink = transport().sink("car_a.speed");
        sink.onNext(new Speed("a", 90));
        sink.onNext("siren on");

        await().until(() -> payloads.size() == 2);
        assertThat(payloads).containsExactly("{\"car\":\"a\",\"kmh\":90}", "\"siren on\"");
    }

    @Test
    void receivesOnItsDeliveryThread_andCountsWhatOverflowsItAsMissed() throws Exception {
        Transport receiver = MqttTransport.builder(app()).deliveryBuffer(1).build();
        Source<Integer> source = receiver.source("slow", Integer.class);
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        source.subscribe(i -> {
            threads.add(Thread.currentThread().getName());
            release.await();
        });
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        Sink sink = transport().sink("slow");
        for (int i = 0; i < 20; i++) {
            sink.onNext(i);
        }

        await().until(() -> source.stats().missed() >= 18);
        release.countDown();
        await().until(() -> source.stats().received() + source.stats().missed() == 20);
        assertThat(threads).allMatch(n -> n.startsWith("mape-mqtt-mape-") && n.endsWith("-delivery"));
        assertThat(source.stats().received()).isBetween(1L, 2L);
    }

    @Test
    void closingCountsWhatWaitsForDeliveryAsMissed() {
        Transport receiver = MqttTransport.builder(app()).deliveryBuffer(1).build();
        Source<Integer> source = receiver.source("closing", Integer.class);
        CountDownLatch never = new CountDownLatch(1);
        source.subscribe(i -> never.await(), interruptedByTheClose -> { });
        source.ready().blockingAwait(30, TimeUnit.SECONDS);
        Sink sink = transport().sink("closing");
        for (int i = 0; i < 20; i++) {
            sink.onNext(i);
        }
        await().until(() -> source.stats().missed() == 18);

        receiver.close();

        assertThat(source.stats().received()).as("the one in delivery").isEqualTo(1);
        assertThat(source.stats().missed()).as("18 beyond the buffer, and the one it held at close").isEqualTo(19);
    }

    @Test
    void itsNameShowsTheBrokerAndClient_neverThePassword() {
        Transport t = MqttTransport.builder(app()).clientIdPrefix("car_a-").username("car_a")
                .password("s3cret".toCharArray()).build();
        assertThat(t.name()).contains(broker.url()).contains("car_a-").doesNotContain("s3cret");
    }

    @Test
    void failsFastWhenNoBrokerAnswers() {
        assertThatThrownBy(() -> MqttTransport.builder(app()).url("tcp://127.0.0.1:1").build())
                .isInstanceOf(RemoteUnavailableException.class).hasMessageContaining("tcp://127.0.0.1:1");
    }

    private static void publish(String topic, String payload) throws Exception {
        assertThat(MOSQUITTO_PUB).as("mosquitto_pub: apt-get install mosquitto-clients").isExecutable();
        Process p = new ProcessBuilder(MOSQUITTO_PUB.toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(broker.port()), "-q", "1", "-t", topic, "-m", payload).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }
}
