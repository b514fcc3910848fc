package io.mape.remote.rest;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.openapi.plugin.swagger.SwaggerPlugin;
import io.javalin.util.JavalinLogger;
import io.mape.App;
import io.mape.internal.Checks;
import io.mape.remote.RemoteUnavailableException;
import io.mape.remote.rest.internal.ChannelHub;
import io.mape.remote.rest.internal.FatalErrorFilter;
import io.mape.remote.rest.internal.JsonErrorHandler;
import io.mape.remote.rest.internal.RestApi;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
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
 *   <li>{@code POST /channels/{channel}} with a JSON body: an item of a {@link RestTransport}'s channel, for the
 *       App's REST sources whose pattern matches (else, when the channel is an element's path, for its port in);</li>
 *   <li>the OpenAPI 3 document at {@code /openapi.json}, Swagger UI at {@code /docs}, ReDoc at {@code /redoc}.</li>
 * </ul>
 *
 * <p>Bad requests never reach a loop, and every answer but the pages is JSON: an accepted push answers 200
 * {@code {"accepted": ...}}; every error answers {@code {"error": "...", "status": n}}, errors Jetty raises before
 * the API included (see {@code docs/remote-rest.md} for the table).
 *
 * <p>Security by default: a random bearer token is made at start and logged with the URL (as Jupyter does), unless
 * {@link Builder#token(String) one is given} (or {@code rest.token} is set) or {@link Builder#noToken()} opts out.
 * Without a token, {@code Host} and {@code Origin} must name this server (DNS rebinding and cross-site requests
 * are refused with 403). A POST body must be {@code application/json}.
 *
 * <p>Defaults: the host and port of {@link RestConfig#HOST} / {@link RestConfig#PORT} in the config (loopback; port
 * 0 picks a free port, see {@link #port()}), bodies up to {@value #DEFAULT_MAX_BODY_BYTES} bytes, documentation
 * behind the token, no CORS. A POST is answered once the port has taken the item; without a
 * {@link io.mape.Element#scheduler scheduler} the element processes it on the request thread.
 *
 * <p>Registered with {@link App#manage}: it stops when the App closes. Thread-safe.
 */
public final class RestServer implements AutoCloseable {

    /** The default limit on a request body: 1 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Serializes our starts and stops: Javalin's log switches, turned off meanwhile, are process-wide. */
    private static final Object STARTING = new Object();

    private final Javalin javalin;
    private final String host;
    private final int port;
    private final URI uri;
    private final String token;
    private final ChannelHub channels;
    private final RestApi api;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RestServer(Builder b, String token) {
        this.token = token;
        this.api = new RestApi(b.app, new RestApi.Options(token, b.maxBodyBytes, b.publicDocs, b.host,
                List.copyOf(b.corsOrigins)));
        this.javalin = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = b.maxBodyBytes;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new JsonErrorHandler());
                context.addFilter(FatalErrorFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
            });
            if (!b.corsOrigins.isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> b.corsOrigins.forEach(rule::allowHost)));
            }
            cfg.registerPlugin(new SwaggerPlugin(sw -> {
                sw.setUiPath(RestApi.SWAGGER_PATH);
                sw.setDocumentationPath(RestApi.OPENAPI_PATH);
                sw.setTitle("mape-java REST API");
                sw.setValidatorUrl(null);
                sw.injectCustomVersion("mape-java", RestApi.OPENAPI_PATH);
            }));
            b.configure.forEach(c -> c.accept(cfg));
        });
        api.install(javalin);
        synchronized (STARTING) {
            boolean startupInfo = JavalinLogger.startupInfo;
            JavalinLogger.startupInfo = false;
            try {
                javalin.start(b.host, b.port);
            } catch (RuntimeException e) {
                javalin.stop();
                api.close();
                Throwable root = e;
                while (root.getCause() != null) {
                    root = root.getCause();
                }
                throw new RemoteUnavailableException("cannot listen on " + b.host + ":" + b.port + ": "
                        + root.getMessage() + " (is the port taken, or the host not an address of this machine?)", e);
            } finally {
                JavalinLogger.startupInfo = startupInfo;
            }
        }
        this.host = b.host;
        this.port = javalin.port();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
        this.channels = ChannelHub.of(b.app);
        channels.serverUp();
    }

    /** A server at the host and port of the App's configuration ({@code rest.host}, {@code rest.port}). */
    public static RestServer start(App app) {
        return builder(app).build();
    }

    /**
     * A server at {@code "host:port"}, e.g. {@code "127.0.0.1:6060"} or {@code "[::1]:0"}.
     *
     * @throws IllegalArgumentException when the address does not parse
     */
    public static RestServer start(App app, String hostPort) {
        return builder(app).address(hostPort).build();
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

    /**
     * The URL of the live page that a person opens: with {@code ?token=} when there is a token (the page sets a
     * session cookie from it and redirects to {@code /ui}).
     */
    public URI uiUri() {
        return URI.create(uri + RestApi.UI_PATH + (token == null ? "" : "?token=" + token));
    }

    /**
     * The bearer token requests must carry: the one given, the one from the config, or the one made at start; empty
     * after {@link Builder#noToken()}.
     */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** The receivers of the channels pushed to this server: its App's. */
    ChannelHub channels() {
        return channels;
    }

    /** Stops listening; requests in progress are given Jetty's graceful stop. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            api.close(); // ends the event streams first: they would hold Jetty's graceful stop
            synchronized (STARTING) {
                boolean enabled = JavalinLogger.enabled;
                JavalinLogger.enabled = false;
                try {
                    javalin.stop();
                } finally {
                    JavalinLogger.enabled = enabled;
                }
            }
            channels.serverDown();
            LOG.info("REST API at {} stopped", uri);
        }
    }

    @Override
    public String toString() {
        return "RestServer " + uri;
    }

    /**
     * Builds and starts a {@link RestServer}. Not thread-safe; the server it starts keeps its own copy of the
     * options, so a builder may be changed and built again.
     */
    public static final class Builder {
        private final App app;
        private String host;
        private int port;
        private String token;
        private boolean noToken;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private boolean publicDocs;
        private final List<String> corsOrigins = new ArrayList<>();
        private final List<Consumer<JavalinConfig>> configure = new ArrayList<>();

        private Builder(App app) {
            this.app = Objects.requireNonNull(app, "app");
            this.host = app.config().get(RestConfig.HOST);
            this.port = app.config().get(RestConfig.PORT);
            app.config().find(RestConfig.TOKEN).ifPresent(t -> this.token = t);
        }

        /** The interface to bind; default {@code rest.host} of the config (loopback unless told otherwise). */
        public Builder host(String host) {
            this.host = Checks.notBlank(host, "host").trim();
            return this;
        }

        /** The port; 0 picks a free one. Default {@code rest.port} of the config. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            return port;
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
         * of the config, else a random one made at start.
         */
        public Builder token(String token) {
            this.token = Checks.notBlank(token, "token");
            this.noToken = false;
            return this;
        }

        /**
         * No token at all: anyone who can reach the address may push, stop and start (PyMAPE's server works so, and
         * PyMAPE's client sends no token). {@code Host} and {@code Origin} are still checked against this server, so
         * web pages elsewhere cannot reach it through a browser.
         */
        public Builder noToken() {
            this.token = null;
            this.noToken = true;
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
         * Allows web pages of these origins ({@code "https://dashboard.example:8443"}) to call the API from a
         * browser (CORS). Default none: browsers may call it only from its own pages.
         */
        public Builder cors(String... origins) {
            for (String o : origins) {
                corsOrigins.add(Checks.notBlank(o, "origin"));
            }
            return this;
        }

        /**
         * Changes Javalin's configuration before the server starts, after the module's own settings: user routes
         * ({@code cfg.router.mount(r -> r.get("/health", ctx -> ctx.result("ok")))}), request logging, Jetty. User
         * routes pass the same token, {@code Host} and {@code Origin} checks as the API's. Called once per build.
         */
        public Builder configure(Consumer<JavalinConfig> configure) {
            this.configure.add(Objects.requireNonNull(configure, "configure"));
            return this;
        }

        /**
         * Starts the server and registers it with {@link App#manage}.
         *
         * @throws IllegalArgumentException when the host is blank or the port out of range (also from the config)
         * @throws RemoteUnavailableException when it cannot listen (the port is taken, the host is not local)
         * @throws IllegalStateException when the App is closed
         */
        public RestServer build() {
            Checks.notBlank(host, "host");
            checkPort(port);
            if (app.isClosed()) {
                throw new IllegalStateException("the App is closed");
            }
            String t = noToken ? null : token != null ? token : randomToken();
            RestServer server = new RestServer(this, t);
            try {
                app.manage(server);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            String query = token == null && t != null ? "?token=" + t : "";
            LOG.info("REST API listening on {} (Swagger UI {}{}{}){}; live page at {}", server.uri, server.uri,
                    RestApi.SWAGGER_PATH, query, t == null ? ", no token: anyone who can reach it may push" : "",
                    server.uri + RestApi.UI_PATH + query);
            return server;
        }

        private static String randomToken() {
            byte[] b = new byte[24];
            RANDOM.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
    }
}
