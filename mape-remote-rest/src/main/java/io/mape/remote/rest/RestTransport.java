package io.mape.remote.rest;

import io.mape.App;
import io.mape.internal.Checks;
import io.mape.remote.ChannelPattern;
import io.mape.remote.SinkOptions;
import io.mape.remote.Transport;
import io.mape.remote.rest.internal.Http;
import io.mape.remote.rest.internal.RestDriver;
import io.mape.remote.spi.Transports;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * REST as a {@link Transport}, point to point: a sink POSTs each item's JSON (the App's codec) to
 * {@code /channels/{channel}} of every peer of the peer table whose pattern matches the channel; a source hears what
 * the local {@link RestServer} is pushed on the channels matching its pattern.
 *
 * <pre>{@code
 * Transport rest = RestTransport.builder(app)
 *         .server(server)                                            // where this App's sources listen
 *         .peer("car_*_safety.emergency_detect", URI.create("http://10.0.0.5:6060"), token)
 *         .build();
 * rest.sink(detect.path());                                          // POSTed to the ambulance
 * rest.source("car_*_safety.analyzer", Boolean.class).subscribe(policy);
 * }</pre>
 *
 * <p><b>Delivery.</b> One request in flight per sink, so a peer receives a sink's items in order. While a peer is
 * away (connection refused, no full answer within the request timeout, 408, 425, 429, 502, 503, 504) the items wait
 * in the sink's outbox ({@link SinkOptions}) and go out in order, with backoff, once it answers: a server stopped
 * and started again on the same port loses nothing that was not in flight. Any other answer (400, 401, 404, 413)
 * fails the item, counted and logged with the server's JSON error. A connection cut once a request may have been
 * written fails it (no duplicate); only a timed-out exchange, sent again, may arrive twice. An item is
 * {@code acknowledged} when a source (or an element) of the peer took it, {@code sent} when nobody listened there.
 *
 * <p><b>Receiving.</b> A push on a channel no source of the App claims, whose name is an element's path
 * ({@code loop.element}), goes into that element's port in: a peer may address an element without a source.
 * Sources are called on the server's request threads, one at a time per source, in arrival order.
 *
 * <p>Closed with the App; closing it leaves the server running.
 */
public final class RestTransport {

    private RestTransport() {
    }

    /** A builder of a REST transport of {@code app}. */
    public static Builder builder(App app) {
        return new Builder(app);
    }

    /** Builds a REST {@link Transport}. Not thread-safe. */
    public static final class Builder {
        private final App app;
        private final List<RestDriver.Peer> peers = new ArrayList<>();
        private RestServer server;
        private SinkOptions sinkOptions = SinkOptions.defaults();
        private Duration requestTimeout = Http.DEFAULT_REQUEST_TIMEOUT;

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
        }

        /**
         * The server whose channel pushes this transport's sources hear; default one started from the App's
         * config ({@link RestServer#start(App)}) when the transport is built.
         */
        public Builder server(RestServer server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /**
         * Sends the channels matching {@code pattern} (Redis glob rules, see {@link ChannelPattern}) to the
         * {@link RestServer} at {@code baseUrl}, with its bearer token. A channel matching several rows goes to each
         * of them.
         */
        public Builder peer(String pattern, URI baseUrl, String token) {
            return addPeer(pattern, baseUrl, Checks.notBlank(token, "token"));
        }

        /** A peer without a token ({@link RestServer.Builder#noToken()}). */
        public Builder peer(String pattern, URI baseUrl) {
            return addPeer(pattern, baseUrl, null);
        }

        private Builder addPeer(String pattern, URI baseUrl, String token) {
            ChannelPattern.of(Checks.notBlank(pattern, "pattern"));
            PostObserver.Builder.checkBaseUrl(Objects.requireNonNull(baseUrl, "baseUrl"));
            peers.add(new RestDriver.Peer(pattern, baseUrl, token));
            return this;
        }

        /**
         * The options of the sinks; default {@link SinkOptions#defaults()}. A REST sink sends one request at a time,
         * so a full outbox drains slower than over pub/sub: give a longer {@link SinkOptions#closeGrace()} where
         * a close must deliver thousands of items.
         */
        public Builder sinkOptions(SinkOptions options) {
            this.sinkOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The bound on one exchange, from connecting to the last byte of the answer; default 10 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Http.requestTimeout(timeout);
            return this;
        }

        /**
         * The transport, over the App's shared HTTP client.
         *
         * @throws io.mape.remote.RemoteUnavailableException when no server was given and one cannot listen
         */
        public Transport build() {
            RestServer s = server != null ? server : RestServer.start(app);
            RestDriver driver = new RestDriver(peers, s.channels(), Http.Client.of(app),
                    app.codec().mapper(), requestTimeout, s.uri());
            return Transports.over(app, driver, sinkOptions);
        }
    }
}
