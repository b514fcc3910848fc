package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import io.mape.App;
import io.mape.config.MapeConfig;
import io.reactivex.rxjava3.core.Observable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PostObserver} pushing to a server that takes requests as PyMAPE's REST API does
 * ({@code src/mape/remote/rest/api.py}: {@code POST /loops/{loop}/elements/{element}?port=in|out&notification=
 * next|error|completed}, the body decoded as JSON, {@code error} and {@code completed} applied to the port's
 * subject, which ends it for good; answered 200 with {@code null}). PyMAPE itself cannot run here (no FastAPI), so a
 * real Jetty (through Javalin) plays its part.
 */
class PyMapePeerIT {

    record Received(String port, String notification, String contentType, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private Javalin pymape;
    private App app;

    @BeforeEach
    void start() {
        pymape = Javalin.create().post("/loops/{loop}/elements/{element}", ctx -> {
            received.add(new Received(ctx.queryParam("port"), ctx.queryParam("notification"), ctx.contentType(),
                    ctx.body()));
            ctx.status(200).contentType("application/json").result("null");
        }).start("127.0.0.1", 0);
        app = App.create(MapeConfig.defaults());
    }

    @AfterEach
    void stop() {
        app.close();
        pymape.stop();
    }

    private String url() {
        return "http://127.0.0.1:" + pymape.port();
    }

    @Test
    void errorsAndCompletionNeverReachPortIn() {
        PostObserver post = PostObserver.builder(url(), "ambulance.policy").build(app);
        Observable.just(1, 2).subscribe(post);
        Observable.<Integer>error(new IllegalStateException("boom")).subscribe(post);
        Observable.just(3).subscribe(post);

        await().until(() -> post.stats().sent() == 3);

        assertThat(received).extracting(Received::notification).containsOnly("next");
        assertThat(received).extracting(Received::body).containsExactly("1", "2", "3");
        assertThat(post.stats().accepted()).as("the errors and completions to port in are not sent").isEqualTo(3);
        assertThat(post.stats().failed()).isZero();
    }

    @Test
    void toPortOutTheyAreSentInTheFormPyMapesApiTakes() {
        PostObserver post = PostObserver.builder(url(), "ambulance.policy").port(Port.OUT).build(app);
        Observable.just(1).subscribe(post);
        Observable.<Integer>error(new IllegalStateException("boom")).subscribe(post);

        await().until(() -> post.stats().sent() == 3);

        assertThat(received).containsExactly(
                new Received("out", "next", "application/json", "1"),
                new Received("out", "completed", "application/json", "null"),
                new Received("out", "error", "application/json", "\"java.lang.IllegalStateException: boom\""));
    }
}
