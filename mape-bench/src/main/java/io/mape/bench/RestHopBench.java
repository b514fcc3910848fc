package io.mape.bench;

import io.javalin.Javalin;
import io.mape.App;
import io.mape.Output;
import io.mape.config.MapeConfig;
import io.mape.remote.rest.PostObserver;
import io.mape.remote.rest.RestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A REST hop — {@code PostObserver} → {@code RestServer} → element — against the same JDK HTTP client posting
 * the same JSON, one request at a time, to a bare Javalin handler. Throughput over batches of {@value #BATCH}
 * items, each batch waited for until every item arrived; latency of one item at a time (closed loop).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RestHopBench {

    static final int BATCH = 50;
    private static final byte[] BODY = "{\"car\":\"panda\",\"kmh\":90.5}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    /** What crosses the hop. */
    public record Reading(String car, double kmh) {
    }

    private App app;
    private PostObserver post;
    private final Semaphore arrived = new Semaphore(0);
    private final Reading reading = new Reading("panda", 90.5);

    private Javalin bare;
    private HttpClient client;
    private HttpRequest bareRequest;
    private HttpRequest serverRequest;

    @Setup
    public void setUp() {
        app = App.create(MapeConfig.defaults());
        app.loop("hop").execute("sink", (Reading r, Output<Void> out) -> arrived.release());
        RestServer server = RestServer.builder(app).noToken().port(0).build();
        post = PostObserver.builder(server.uri().toString(), "hop.sink").build(app);

        bare = Javalin.create().post("/bare", ctx -> ctx.status(204)).start("127.0.0.1", 0);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        bareRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bare.port() + "/bare"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();
        serverRequest = HttpRequest.newBuilder(server.uri().resolve("/loops/hop/elements/sink"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BODY)).build();
    }

    @TearDown
    public void tearDown() {
        app.close();
        bare.stop();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void mapeRestHop() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            post.onNext(reading);
        }
        Arrivals.await(arrived, BATCH);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void bareHttpPost() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            client.send(bareRequest, HttpResponse.BodyHandlers.discarding());
        }
    }

    /** The same client as the baseline, posting to the RestServer: the server's half of the hop alone. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OperationsPerInvocation(BATCH)
    public void httpPostToRestServer() throws Exception {
        for (int i = 0; i < BATCH; i++) {
            client.send(serverRequest, HttpResponse.BodyHandlers.discarding());
        }
        Arrivals.await(arrived, BATCH);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void mapeRestHopLatency() throws InterruptedException {
        post.onNext(reading);
        Arrivals.await(arrived, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int bareHttpPostLatency() throws Exception {
        return client.send(bareRequest, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
