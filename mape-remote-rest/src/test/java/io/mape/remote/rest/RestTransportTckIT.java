package io.mape.remote.rest;

import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.remote.SinkOptions;
import io.mape.remote.Transport;
import io.mape.remote.tck.ServerTransportTck;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * REST passes the transport TCK against a real RestServer (Jetty) on a free loopback port, with a token. Every
 * transport sends every channel to that server and hears what it is pushed. Killing the server is stopping it;
 * restarting is starting a new one on the same port. REST's promise there: what waits in a sink's outbox while the
 * server is away goes out once it is back (nothing lost but a request cut off in flight, counted as failed), and
 * nothing is sent twice (only a timed-out exchange is, and none times out here).
 */
class RestTransportTckIT extends ServerTransportTck {

    private static final String TOKEN = "tck-token";
    /** One request at a time: the TCK's close drains 2,000 items, longer than the default 5 s on a busy machine. */
    private static final SinkOptions DRAIN = SinkOptions.defaults().toBuilder().closeGrace(Duration.ofSeconds(30))
            .build();

    private static App serverApp;
    private static RestServer server;
    private static int port;

    @BeforeAll
    static void startServer() {
        serverApp = App.create(MapeConfig.defaults());
        server = RestServer.builder(serverApp).host("127.0.0.1").port(0).token(TOKEN).build();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        serverApp.close();
    }

    @Override
    protected Transport transport(App app) {
        return RestTransport.builder(app).server(server).peer("*", server.uri(), TOKEN).sinkOptions(DRAIN).build();
    }

    @Override
    protected void killServer() {
        server.close();
    }

    @Override
    protected void restartServer() {
        server = RestServer.builder(serverApp).host("127.0.0.1").port(port).token(TOKEN).build();
    }
}
