package io.mape.remote.rest;

import io.mape.internal.Checks;
import io.javalin.Javalin;
import io.javalin.openapi.plugin.redoc.ReDocPlugin;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import io.mape.App;
import io.mape.config.MapeConfig;
import io.mape.remote.rest.internal.RestApi;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP API over a running {@link App}, PyMAPE's web server:
 *
 * <ul>
 *   <li>{@code GET /levels}, {@code GET /loops}, {@code GET /loops/{loop}/elements}: uids;</li>
 *   <li>{@code GET /loops/{loop}/elements/{element}}: kind, running, start behaviour, input type, counters;</li>
 *   <li>{@code POST /loops/{loop}/elements/{element}?port=in|out&notification=next|error|completed} with a JSON
 *       body, decoded by {@link App#codec()} into the element's input type (port in) and pushed into the port;</li>
 *   <li>{@code POST .../{element}/start} and {@code .../stop};</li>
 *   <li>the OpenAPI 3 document at {@code /openapi.json}, Swagger UI at {@code /docs}, ReDoc at {@code /redoc}.</li>
 * </ul>
 *
 * <p>Bad requests never reach a loop: unknown loop or element 404, unknown port or notification 400, malformed
 * JSON or a body that is not the input type 400, a body over the limit 413, a missing or wrong token 401; every
 * error answers {@code {"error": "...", "status": n}}.
 *
 * <p>Defaults: the host and port of {@link RestConfig#HOST} / {@link RestConfig#PORT} in the config (loopback, and
 * port 0 picks a free port, see {@link #port()}), no token, bodies up to {@value #DEFAULT_MAX_BODY_BYTES} bytes,
 * documentation behind the token when there is one. A POST is answered once the port has taken the item; without a
 * {@link io.mape.Element#scheduler scheduler} the element processes it on the request thread.
 *
 * <p>Registered with {@link App#manage}: it stops when the App closes. Thread-safe.
 */
public final class RestServer implements AutoCloseable {

    /** The default limit on a request body: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final Javalin javalin;
    private final String host;
    private final int port;
    private final URI uri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RestServer(Builder b) {
        RestApi api = new RestApi(b.app, b.token, b.maxBodyBytes, b.publicDocs);
        this.javalin = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = b.maxBodyBytes;
            cfg.registerPlugin(new SwaggerPlugin(s -> {
                s.setUiPath(RestApi.SWAGGER_PATH);
                s.setDocumentationPath(RestApi.OPENAPI_PATH);
                s.setTitle("mape-java REST API");
                s.setValidatorUrl(null);
                s.injectCustomVersion("mape-java", RestApi.OPENAPI_PATH);
            }));
            cfg.registerPlugin(new ReDocPlugin(r -> {
                r.setUiPath(RestApi.REDOC_PATH);
                r.setDocumentationPath(RestApi.OPENAPI_PATH);
                r.setTitle("mape-java REST API");
            }));
        });
        api.install(javalin);
        try {
            javalin.start(b.host, b.port);
        } catch (RuntimeException e) {
            javalin.stop();
            throw new IllegalStateException("cannot listen on " + b.host + ":" + b.port + ": " + e.getMessage(), e);
        }
        this.host = b.host;
        this.port = javalin.port();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** A server at the host and port of the App's configuration ({@code rest.host}, {@code rest.port}). */
    public static RestServer start(App app) {
        return builder(app).start();
    }

    /**
     * A server at {@code "host:port"}, e.g. {@code "127.0.0.1:6060"} or {@code "[::1]:0"}.
     *
     * @throws IllegalArgumentException when the address does not parse
     */
    public static RestServer start(App app, String hostPort) {
        return builder(app).address(hostPort).start();
    }

    /** A builder whose host and port start as the App's configuration says. */
    public static Builder builder(App app) {
        return new Builder(app);
    }

    /** The host it listens on, as given. */
    public String host() {
        return host;
    }

    /** The port it listens on: the one picked when asked for port 0. */
    public int port() {
        return port;
    }

    /** Its base URL, e.g. {@code http://127.0.0.1:6060}. */
    public URI uri() {
        return uri;
    }

    /** Stops listening; requests in progress are given Jetty's graceful stop. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            javalin.stop();
            LOG.info("REST API at {} stopped", uri);
        }
    }

    @Override
    public String toString() {
        return "RestServer " + uri;
    }

    /** Builds and starts a {@link RestServer}. Not thread-safe; the server it starts keeps its own copy. */
    public static final class Builder {
        private final App app;
        private String host;
        private int port;
        private String token;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean publicDocs;

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
            this.host = app.config().get(RestConfig.HOST);
            this.port = app.config().get(RestConfig.PORT);
            app.config().find(RestConfig.TOKEN).ifPresent(this::token);
        }

        /** The interface to bind; default {@code rest.host} of the config (loopback unless told otherwise). */
        public Builder host(String host) {
            this.host = Checks.notBlank(host, "host");
            return this;
        }

        /** The port; 0 picks a free one. Default {@code rest.port} of the config. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** Host and port as {@code "host:port"} ({@code "[v6]:port"} for an IPv6 address). */
        public Builder address(String hostPort) {
            Objects.requireNonNull(hostPort, "hostPort");
            URI u;
            try {
                u = URI.create("http://" + hostPort);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("address must be host:port, got '" + hostPort + "'", e);
            }
            if (u.getHost() == null || u.getPort() < 0 || u.getRawPath() != null && !u.getRawPath().isEmpty()
                    || u.getRawUserInfo() != null || u.getRawQuery() != null) {
                throw new IllegalArgumentException("address must be host:port, got '" + hostPort + "'");
            }
            String h = u.getHost();
            return host(h.startsWith("[") ? h.substring(1, h.length() - 1) : h).port(u.getPort());
        }

        /**
         * A bearer token every request must carry ({@code Authorization: Bearer <token>}); default {@code rest.token}
         * of the config, else none.
         */
        public Builder token(String token) {
            this.token = Checks.notBlank(token, "token");
            return this;
        }

        /** The largest request body accepted; larger ones get 413. Default {@value #DEFAULT_MAX_BODY_BYTES}. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxBodyBytes must be 1.." + (Integer.MAX_VALUE - 1)
                        + ", got " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Whether the documentation (OpenAPI document, Swagger UI, ReDoc) answers without the token; default no. */
        public Builder publicDocs(boolean publicDocs) {
            this.publicDocs = publicDocs;
            return this;
        }

        /**
         * Starts the server and registers it with {@link App#manage}.
         *
         * @throws IllegalStateException when it cannot listen (the port is taken) or the App is closed
         */
        public RestServer start() {
            if (app.isClosed()) {
                throw new IllegalStateException("the App is closed");
            }
            RestServer server = new RestServer(this);
            try {
                app.manage(server);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            LOG.info("REST API listening on {} (OpenAPI {}{}, Swagger UI {}{}, ReDoc {}{})", server.uri,
                    server.uri, RestApi.OPENAPI_PATH, server.uri, RestApi.SWAGGER_PATH, server.uri, RestApi.REDOC_PATH);
            return server;
        }
    }
}
