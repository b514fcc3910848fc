package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.mape.App;
import io.mape.Element;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.observe.Event;
import io.mape.observe.Observability;
import io.mape.remote.DeliveryStats;
import io.mape.remote.DropReason;
import io.mape.remote.OverflowPolicy;
import io.mape.remote.SinkOptions;
import io.mape.testing.StdErr;
import io.reactivex.rxjava3.core.Observable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PostObserver} against a real {@link RestServer} on loopback: order, retries, the buffer, closing. */
class PostObserverIT {

    private App target;
    private App source;
    private final List<Integer> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void apps() {
        target = App.create(MapeConfig.builder().restPort(0).build());
        target.loop("sink").monitor("collect", (Integer i, Output<Integer> o) -> received.add(i)).start();
        source = App.create(MapeConfig.defaults());
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    @Test
    void tenThousandItemsArriveInOrder() {
        RestServer server = RestServer.builder(target).noToken().build();
        PostObserver post = PostObserver.builder(server.uri().toString(), "sink.collect").build(source);
        long t0 = System.nanoTime();
        IntStream.range(0, 10_000).forEach(post::onNext);
        long pushNanos = System.nanoTime() - t0;
        assertThat(post.stats().pending()).as("the pushing thread returned before the items were sent").isPositive();

        await().atMost(Duration.ofMinutes(1)).until(() -> received.size() == 10_000 && post.stats().sent() == 10_000);
        long totalNanos = System.nanoTime() - t0;
        assertThat(received).isEqualTo(IntStream.range(0, 10_000).boxed().toList());
        assertThat(post.stats()).isEqualTo(DeliveryStats.ofSink(10_000, 10_000, 10_000, Map.of(), 0, 0));
        System.out.printf("PostObserver: 10000 items pushed in %.1f ms, delivered in order in %.0f ms (%.0f items/s)%n",
                pushNanos / 1e6, totalNanos / 1e6, 10_000 / (totalNanos / 1e9));
    }

    @Test
    void itemsWaitWhileTheTargetIsDownAndArriveInOrderWhenItIsUp() {
        int port = freePort();
        PostObserver post = PostObserver.builder("http://127.0.0.1:" + port, "sink.collect")
                .sinkOptions(SinkOptions.builder().backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build())
                .build(source);
        IntStream.range(0, 500).forEach(post::onNext);
        assertThat(post.stats().sent()).isZero();
        assertThat(post.stats().pending()).isEqualTo(500);

        RestServer.builder(target).noToken().port(port).build();
        // the server takes the last item before its answer reaches the client, which then counts it sent
        await().until(() -> received.size() == 500 && post.stats().sent() == 500);
        assertThat(received).isEqualTo(IntStream.range(0, 500).boxed().toList());
        assertThat(post.stats().droppedTotal()).isZero();
    }

    @Test
    void aFullBufferDropsTheOldestAndCountsThem() {
        int port = freePort();
        PostObserver post = PostObserver.builder("http://127.0.0.1:" + port, "sink.collect")
                .sinkOptions(SinkOptions.builder().capacity(11).overflow(OverflowPolicy.DROP_OLDEST)
                        .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build())
                .build(source);
        IntStream.range(0, 30).forEach(post::onNext);
        assertThat(post.stats().dropped(DropReason.OVERFLOW)).isEqualTo(19);
        assertThat(post.stats().pending()).isEqualTo(11);

        RestServer.builder(target).noToken().port(port).build();
        await().until(() -> post.stats().pending() == 0);
        List<Integer> expected = new ArrayList<>(List.of(0));
        IntStream.range(20, 30).forEach(expected::add);
        assertThat(received).isEqualTo(expected);
        assertThat(post.stats().sent()).isEqualTo(11);
    }

    @Test
    void dropNewestKeepsTheFirstItems() {
        int port = freePort();
        PostObserver post = PostObserver.builder("http://127.0.0.1:" + port, "sink.collect")
                .sinkOptions(SinkOptions.builder().capacity(11).overflow(OverflowPolicy.DROP_NEWEST)
                        .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build())
                .build(source);
        IntStream.range(0, 30).forEach(post::onNext);
        assertThat(post.stats().dropped(DropReason.OVERFLOW)).isEqualTo(19);

        RestServer.builder(target).noToken().port(port).build();
        await().until(() -> post.stats().pending() == 0);
        assertThat(received).isEqualTo(IntStream.range(0, 11).boxed().toList());
    }

    @Test
    void anItemTheTargetRefusesIsCountedAndTheNextOneGoes() {
        RestServer server = RestServer.builder(target).noToken().build();
        PostObserver post = PostObserver.builder(server.uri().toString(), "sink.collect").build(source);
        post.onNext("not a number");
        post.onNext(1);
        await().until(() -> post.stats().pending() == 0);
        assertThat(received).containsExactly(1);
        assertThat(post.stats().failed()).isEqualTo(1);
        assertThat(post.stats().sent()).isEqualTo(1);

        PostObserver nowhere = PostObserver.builder(server.uri().toString(), "sink.ghost").build(source);
        nowhere.onNext(2);
        await().until(() -> nowhere.stats().failed() == 1);
        assertThat(nowhere.stats()).as("a 404 is final: not sent again").isEqualTo(DeliveryStats.ofSink(1, 0, 0, Map.of(), 1, 0));
    }

    @Test
    void anItemThatDoesNotEncodeIsDroppedAndCounted() {
        RestServer server = RestServer.builder(target).noToken().build();
        PostObserver post = PostObserver.builder(server.uri().toString(), "sink.collect").build(source);
        post.onNext(new Object());
        assertThatCode(() -> post.onNext(new io.mape.remote.tck.TransportTck.Hostile())).doesNotThrowAnyException();
        post.onNext(7);
        await().until(() -> received.size() == 1);
        assertThat(received).containsExactly(7);
        assertThat(post.stats().dropped(DropReason.UNENCODABLE)).as("one a plain Object, one whose toString throws")
                .isEqualTo(2);
    }

    @Test
    void itsDropsAreEventsOfTheApp() {
        List<Event> events = new CopyOnWriteArrayList<>();
        Observability.of(source).listen(events::add);
        int port = freePort();
        PostObserver post = PostObserver.builder("http://127.0.0.1:" + port, "sink.collect")
                .sinkOptions(SinkOptions.builder().capacity(2).overflow(OverflowPolicy.DROP_NEWEST)
                        .backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build())
                .build(source);
        IntStream.range(0, 3).forEach(post::onNext);
        post.onNext(new Object());

        RestServer.builder(target).noToken().port(port).build();
        await().until(() -> received.size() == 2);
        assertThat(events).extracting(e -> ((Event.Drop) e).reason()).containsExactly(
                DropReason.OVERFLOW.wireName(), DropReason.UNENCODABLE.wireName());
        assertThat(events).allSatisfy(e -> assertThat(e.path()).isEqualTo(post.toString())
                .isEqualTo("POST http://127.0.0.1:" + port + "/loops/sink/elements/collect (port in)"));
    }

    @Test
    void sendsTheBearerToken() {
        RestServer server = RestServer.builder(target).token("t0ken").build();
        PostObserver withToken = PostObserver.builder(server.uri().toString(), "sink.collect").token("t0ken")
                .build(source);
        PostObserver without = PostObserver.builder(server.uri().toString(), "sink.collect").build(source);
        withToken.onNext(1);
        without.onNext(2);
        await().until(() -> withToken.stats().sent() == 1 && without.stats().failed() == 1);
        assertThat(received).containsExactly(1);
    }

    @Test
    void errorsAndCompletionFollowTheItemsInOrderOnPortOut() {
        List<String> events = new CopyOnWriteArrayList<>();
        Element<Integer, Integer> relay = target.loop("relay").monitor("r", (Integer i, Output<Integer> o) -> o.next(i));
        relay.propagateTermination(true);
        relay.subscribe(i -> events.add("next " + i), e -> events.add("error " + e.getMessage()),
                () -> events.add("completed"));
        RestServer server = RestServer.builder(target).noToken().build();
        PostObserver post = PostObserver.builder(server.uri().toString(), "relay.r").port(Port.OUT).build(source);
        Observable.just(1, 2).concatWith(Observable.error(new IllegalStateException("boom"))).subscribe(post);
        await().until(() -> events.size() == 3);
        assertThat(events).containsExactly("next 1", "next 2", "error java.lang.IllegalStateException: boom");

        List<String> completed = new CopyOnWriteArrayList<>();
        Element<Integer, Integer> other = target.loop("relay2").monitor("r", (Integer i, Output<Integer> o) -> o.next(i));
        other.propagateTermination(true);
        other.subscribe(i -> completed.add("next " + i), e -> completed.add("error"), () -> completed.add("completed"));
        Observable.just(3).subscribe(PostObserver.builder(server.uri().toString(), "relay2.r").port(Port.OUT)
                .build(source));
        await().until(() -> completed.size() == 2);
        assertThat(completed).containsExactly("next 3", "completed");
    }

    @Test
    void anElementLinkedToItFeedsTheRemoteElement() {
        RestServer server = RestServer.builder(target).noToken().build();
        Element<Integer, Integer> detect = source.loop("car").monitor("detect", (Integer i, Output<Integer> o) -> o.next(i * 10));
        detect.link(PostObserver.builder(server.uri().toString(), "sink.collect").build(source));
        detect.start();
        detect.onNext(1);
        detect.onNext(2);
        await().until(() -> received.size() == 2);
        assertThat(received).containsExactly(10, 20);
    }

    @Test
    void closingTheAppDeliversWhatIsBufferedThenDropsLateItems() {
        RestServer server = RestServer.builder(target).noToken().build();
        PostObserver post = PostObserver.builder(server.uri().toString(), "sink.collect")
                .sinkOptions(SinkOptions.builder().closeGrace(Duration.ofSeconds(30)).build()).build(source);
        IntStream.range(0, 1000).forEach(post::onNext);
        source.close();
        assertThat(received).isEqualTo(IntStream.range(0, 1000).boxed().toList());
        post.onNext(1000);
        assertThat(post.stats()).isEqualTo(DeliveryStats.ofSink(1001, 1000, 1000, Map.of(DropReason.CLOSED, 1L), 0, 0));
    }

    @Test
    void closingWhileTheTargetIsDownDropsTheBufferAndCountsIt() {
        PostObserver post = PostObserver.builder("http://127.0.0.1:" + freePort(), "sink.collect")
                .sinkOptions(SinkOptions.builder().closeGrace(Duration.ZERO).build())
                .build();
        IntStream.range(0, 5).forEach(post::onNext);
        post.close();
        // the one in flight is counted when its refusal comes back
        await().until(() -> post.stats().pending() == 0);
        assertThat(post.stats().dropped(DropReason.CLOSED)).isEqualTo(5);
        assertThat(post.stats().sent()).isZero();
    }

    /** A server that answers the first request with headers and then never sends the body it announced. */
    @Test
    void aServerThatStallsTheBodyIsTimedOutAndTheItemRetried() throws Exception {
        try (StallingServer stalling = new StallingServer()) {
            PostObserver post = PostObserver.builder("http://127.0.0.1:" + stalling.port(), "sink.collect")
                    .requestTimeout(Duration.ofMillis(300))
                    .sinkOptions(SinkOptions.builder().backoff(Duration.ofMillis(20), Duration.ofMillis(50)).build())
                    .build(source);

            post.onNext(1);

            await().atMost(Duration.ofSeconds(20)).until(() -> post.stats().sent() == 1);
            assertThat(stalling.requests()).as("timed out, then sent again").isEqualTo(2);
        }
    }

    @Test
    void buildWithTheAppUsesTheTokenOfItsConfig() {
        App secured = App.create(MapeConfig.builder().restPort(0).restToken("t0ken").build());
        List<Integer> got = new CopyOnWriteArrayList<>();
        secured.loop("sink").monitor("collect", (Integer i, Output<Integer> o) -> got.add(i)).start();
        try (App sameSystem = App.create(MapeConfig.builder().restToken("t0ken").build())) {
            RestServer server = RestServer.start(secured);
            PostObserver post = PostObserver.builder(server.uri().toString(), "sink.collect").build(sameSystem);

            post.onNext(1);

            await().until(() -> post.stats().pending() == 0);
            assertThat(post.stats().sent()).isEqualTo(1);
            assertThat(post.stats().failed()).isZero();
            assertThat(got).containsExactly(1);
        } finally {
            secured.close();
        }
    }

    @Test
    void aRunOfRefusalsIsLoggedOnceWithACountNotOncePerItem() {
        RestServer server = RestServer.builder(target).token("t0ken").build();
        PostObserver post = PostObserver.builder(server.uri().toString(), "sink.collect").build(source);
        String log = StdErr.during(() -> {
            IntStream.range(0, 50).forEach(post::onNext);
            await().until(() -> post.stats().failed() == 50);
        });

        assertThat(log.lines().filter(l -> l.contains("refused")).count()).isEqualTo(1);
        assertThat(log).contains("HTTP 401").contains("rest.token");
    }

    @Test
    void thePostObserversOfAnAppShareOneHttpClientWhoseThreadsEndWithTheApp() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        RestServer server = RestServer.builder(target).noToken().build();
        App app = App.create(MapeConfig.defaults());
        List<PostObserver> posts = IntStream.range(0, 3)
                .mapToObj(i -> PostObserver.builder(server.uri().toString(), "sink.collect").build(app)).toList();
        posts.forEach(p -> p.onNext(1));
        await().until(() -> received.size() == 3);
        assertThat(newClientThreads(before).stream().filter(t -> t.getName().endsWith("SelectorManager")))
                .as("one selector for the App").hasSize(1);

        app.close();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return newClientThreads(before).isEmpty();
        });
        assertThat(posts).allMatch(p -> p.stats().sent() == 1);
    }

    private static List<Thread> newClientThreads(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive())
                .filter(t -> t.getName().startsWith("HttpClient-") || t.getName().startsWith("mape-http-client"))
                .toList();
    }

    @Test
    void closeUnlinksFromTheElement() {
        RestServer server = RestServer.builder(target).noToken().build();
        Element<Integer, Integer> detect = source.loop("car").monitor("detect", (Integer i, Output<Integer> o) -> o.next(i));
        PostObserver post = PostObserver.builder(server.uri().toString(), "sink.collect").build(source);
        detect.link(post);
        detect.start();
        detect.onNext(1);

        post.close();
        detect.onNext(2);

        assertThat(detect.subscriberCount()).isZero();
        assertThat(received).containsExactly(1);
        assertThat(post.stats()).isEqualTo(DeliveryStats.ofSink(1, 1, 1, Map.of(), 0, 0));
    }

    @Test
    void closingTheAppLogsNoWarningForTheCompletionOfALinkedElement() {
        App app = App.create(MapeConfig.defaults());
        Element<Integer, Integer> detect = app.loop("car").monitor("detect", (Integer i, Output<Integer> o) -> o.next(i));
        PostObserver in = PostObserver.builder("http://127.0.0.1:" + freePort(), "sink.collect").build(app);
        PostObserver out = PostObserver.builder("http://127.0.0.1:" + freePort(), "sink.collect").port(Port.OUT)
                .sinkOptions(SinkOptions.builder().closeGrace(Duration.ofMillis(100)).build()).build(app);
        detect.link(in);
        detect.link(out);

        String log = StdErr.during(app::close);

        assertThat(log).doesNotContain("WARN");
        assertThat(in.stats().accepted()).as("a completion is not sent to port in").isZero();
        assertThat(out.stats().dropped(DropReason.CLOSED)).isEqualTo(1);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
