package io.mape.remote.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.mape.App;
import io.mape.Element;
import io.mape.Level;
import io.mape.Loop;
import io.mape.CallMethod;
import io.mape.codec.CodecException;
import io.mape.internal.Callables;
import io.mape.internal.LossLog;
import io.mape.internal.WireText;
import io.mape.remote.rest.NotificationKind;
import io.mape.remote.rest.Port;
import io.mape.remote.rest.RemoteErrorException;
import io.reactivex.rxjava3.core.Observer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of {@link io.mape.remote.rest.RestServer} and their handlers. Handlers run on Jetty's request threads;
 * everything they touch in the App is thread-safe. No failure of a request reaches a loop: each one ends in an
 * answer of the single error shape {@code {"error": "...", "status": n}}.
 */
public final class RestApi implements AutoCloseable {

    /** Where the OpenAPI document is served. */
    public static final String OPENAPI_PATH = "/openapi.json";
    /** Where Swagger UI is served. */
    public static final String SWAGGER_PATH = "/docs";
    /** Where ReDoc is served. */
    public static final String REDOC_PATH = "/redoc";
    /** Where the plugins serve the scripts and styles of Swagger UI and ReDoc. */
    public static final String WEBJARS_PREFIX = "/webjars/";

    /** Where the live page is served. */
    public static final String UI_PATH = "/ui";
    /** Where the topology is served. */
    public static final String TOPOLOGY_PATH = "/topology";
    /** Where the live rates stream (Server-Sent Events). */
    public static final String EVENTS_PATH = "/events";
    /** The request attribute of a place reserved on {@link #EVENTS_PATH}: true until the client holds it. */
    private static final String EVENTS_PLACE = "mape.events.place";

    /** Where the browser asks for an icon. */
    public static final String FAVICON_PATH = "/favicon.ico";
    /** The cookie a browser gets after opening a page with {@code ?token=}, so the page's own requests pass. */
    static final String TOKEN_COOKIE = "mape_token";

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String LOOP = "/loops/{loop}";
    private static final String ELEMENT = LOOP + "/elements/{element}";
    /** Where a transport's sender pushes the raw item of a channel. */
    public static final String CHANNEL = "/channels/{channel}";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /**
     * What the routes need to know of the server.
     *
     * @param token        the bearer token every request must carry, or null for none
     * @param maxBodyBytes the largest body a POST may have
     * @param publicDocs   whether the documentation pages answer without the token
     * @param host         the host the server binds, a name {@code Host} may carry
     * @param corsOrigins  origins allowed besides the server's own
     */
    public record Options(String token, int maxBodyBytes, boolean publicDocs, String host, List<String> corsOrigins) {
    }

    private final App app;
    private final ObjectMapper mapper;
    private final byte[] token;
    private final int maxBodyBytes;
    private final boolean publicDocs;
    private final String host;
    private final List<String> corsOrigins;
    private final byte[] openApi;
    private final ChannelHub channels;
    private final LossLog refusedCalls = new LossLog(LOG);
    private final LossLog failures = new LossLog(LOG);
    private final LiveEvents events;

    public RestApi(App app, Options options) {
        this.app = app;
        this.mapper = app.codec().mapper();
        this.token = options.token() == null ? null : options.token().getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = options.maxBodyBytes();
        this.publicDocs = options.publicDocs();
        this.host = options.host().toLowerCase(Locale.ROOT);
        this.corsOrigins = options.corsOrigins();
        this.channels = ChannelHub.of(app);
        this.openApi = OpenApiDocument.json(mapper, token != null, maxBodyBytes);
        this.events = new LiveEvents(app, mapper);
    }

    /** Stops the events' ticker and ends their streams. */
    @Override
    public void close() {
        events.close();
    }

    /** Registers the routes, the checks and the error answers on {@code javalin}. */
    public void install(Javalin javalin) {
        javalin.before(this::guard);
        javalin.get(OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApi));
        javalin.get(REDOC_PATH, DocsPages::redoc);
        javalin.get(DocsPages.REDOC_SCRIPT_PATH, DocsPages::redocScript);
        javalin.get(FAVICON_PATH, ctx -> ctx.status(204));
        javalin.get(TOPOLOGY_PATH, ctx -> json(ctx, 200, TopologyView.of(app)));
        javalin.before(EVENTS_PATH, ctx -> {
            String accept = ctx.header("Accept");
            if (ctx.method().name().equals("GET") && (accept == null || !accept.contains("text/event-stream"))) {
                throw new ApiException(406, EVENTS_PATH + " is a stream of Server-Sent Events: send "
                        + "'Accept: text/event-stream' (a browser's EventSource does)");
            }
            if (ctx.method().name().equals("GET")) {
                if (!events.reserve()) {
                    throw new ApiException(503, "already " + LiveEvents.MAX_CLIENTS + " clients on " + EVENTS_PATH
                            + "; try again when one leaves");
                }
                ctx.attribute(EVENTS_PLACE, new AtomicBoolean(true));
            }
        });
        javalin.sse(EVENTS_PATH, sse -> {
            AtomicBoolean place = sse.ctx().attribute(EVENTS_PLACE);
            if (place != null) {
                place.set(false); // the client holds it now
            }
            events.add(sse);
        });
        javalin.after(EVENTS_PATH, ctx -> {
            AtomicBoolean place = ctx.attribute(EVENTS_PLACE);
            if (place != null && place.getAndSet(false)) {
                events.release(); // the request failed before it became a client
            }
        });
        javalin.get(UI_PATH, ctx -> {
            if (ctx.queryParam("token") != null) {
                ctx.status(303).header("Location", UI_PATH);
            } else {
                UiPage.page(ctx);
            }
        });
        javalin.get(UiPage.SCRIPT_PATH, UiPage::script);
        javalin.get(UiPage.STYLE_PATH, UiPage::style);
        javalin.get("/levels", ctx -> json(ctx, 200, app.levels().stream().map(Level::uid).toList()));
        javalin.get("/loops", ctx -> json(ctx, 200, app.loops().stream().map(Loop::uid).toList()));
        javalin.get(LOOP, ctx -> json(ctx, 200, LoopView.of(loop(ctx))));
        for (Map.Entry<String, Consumer<Loop>> control : Map.<String, Consumer<Loop>>of("/pause", Loop::pause,
                "/resume", Loop::resume, "/dry-run/start", l -> l.dryRun(true), "/dry-run/stop", l -> l.dryRun(false))
                .entrySet()) {
            javalin.post(LOOP + control.getKey(), ctx -> {
                Loop l = loop(ctx);
                control.getValue().accept(l);
                json(ctx, 200, LoopView.of(l));
            });
        }
        javalin.get("/loops/{loop}/elements",
                ctx -> json(ctx, 200, loop(ctx).elements().stream().map(Element::uid).toList()));
        javalin.get(ELEMENT, ctx -> json(ctx, 200, ElementView.of(element(ctx))));
        javalin.post(ELEMENT, this::push);
        javalin.post(CHANNEL, this::pushChannel);
        javalin.post(ELEMENT + "/start", ctx -> {
            Element<?, ?> e = element(ctx);
            e.start();
            json(ctx, 200, ElementView.of(e));
        });
        javalin.post(ELEMENT + "/stop", ctx -> {
            Element<?, ?> e = element(ctx);
            e.stop();
            json(ctx, 200, ElementView.of(e));
        });
        javalin.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        javalin.exception(HttpResponseException.class, (e, ctx) -> {
            if (e instanceof MethodNotAllowedResponse) {
                String allow = allow(e.getDetails());
                ctx.header("Allow", allow);
                error(ctx, 405, "method " + ctx.method() + " is not allowed on " + ctx.path() + " (allowed: "
                        + allow + ")");
            } else {
                error(ctx, e.getStatus(), e.getMessage());
            }
        });
        javalin.exception(Exception.class, (e, ctx) -> internalError(ctx, e));
    }

    /** An exception no handler expected; an {@link Error} is Javalin's to log, and {@link FatalErrorFilter}'s. */
    private void internalError(Context ctx, Exception e) {
        LOG.error("{} {} failed", ctx.method(), WireText.escape(ctx.path()), e);
        error(ctx, 500, "internal error (" + e.getClass().getName() + "); the server logged it");
    }

    private static String allow(Map<String, String> details) {
        String methods = details.values().stream().findFirst().orElse("");
        return methods.replace("[", "").replace("]", "");
    }

    /** Host and Origin when there is no token, then the token, then the content type of a POST. */
    private void guard(Context ctx) {
        if (token == null) {
            checkHostAndOrigin(ctx);
        } else if (!(publicDocs && isDocs(ctx.path())) && !ctx.path().equals(FAVICON_PATH) && !isPreflight(ctx)) {
            authorize(ctx);
        }
        if (ctx.method().name().equals("POST")) {
            checkContentType(ctx);
        }
    }

    /** A browser's CORS preflight from an allowed origin: it carries no credentials, by the Fetch standard. */
    private boolean isPreflight(Context ctx) {
        return ctx.method().name().equals("OPTIONS") && ctx.header("Access-Control-Request-Method") != null
                && corsOrigins.contains(ctx.header("Origin"));
    }

    private void checkHostAndOrigin(Context ctx) {
        String hostHeader = ctx.header("Host");
        if (hostHeader != null && !isOurHost(hostName(hostHeader))) {
            throw new ApiException(403, "Host '" + WireText.escape(hostHeader) + "' is not this server's name: "
                    + "without a token, requests must name it by an IP address, localhost or '" + host + "'");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !corsOrigins.contains(origin)
                && !(hostHeader != null && origin.equalsIgnoreCase("http://" + hostHeader))) {
            throw new ApiException(403, "requests from web pages of other origins are refused ('"
                    + WireText.escape(origin) + "'); allow it with RestServer.builder(app).cors(origin)");
        }
    }

    private boolean isOurHost(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(host) || n.equals("localhost") || n.endsWith(".localhost") || IPV4.matcher(n).matches()
                || n.startsWith("[") && n.endsWith("]");
    }

    /** The name in a {@code Host} header, without its port. */
    private static String hostName(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
        }
        int colon = hostHeader.indexOf(':');
        return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
    }

    /**
     * A POST with a body must say {@code application/json} (a browser cannot send that to another site without
     * asking it first). {@code text/plain} is taken from clients that are not browsers (no {@code Origin}):
     * PyMAPE's POSTObserver sends its JSON so.
     */
    private static void checkContentType(Context ctx) {
        String type = ctx.contentType();
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = mime.equals("application/json") || mime.startsWith("application/") && mime.endsWith("+json");
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null;
        if (json || type == null && !hasBody || mime.equals("text/plain") && ctx.header("Origin") == null) {
            return;
        }
        throw new ApiException(415, "the body must be JSON with 'Content-Type: application/json', got "
                + (type == null ? "no Content-Type" : "'" + WireText.escape(type) + "'"));
    }

    private void authorize(Context ctx) {
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : null;
        // a token in the query wins over the cookie: the cookie may be left from a server before this one
        String query = ctx.queryParam("token");
        if (given == null && query != null) {
            given = query.getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(given, token)) {
                ctx.header("Set-Cookie", TOKEN_COOKIE + "=" + query + "; Path=/; HttpOnly; SameSite=Strict");
            }
        }
        if (given == null && ctx.cookie(TOKEN_COOKIE) != null) {
            given = ctx.cookie(TOKEN_COOKIE).getBytes(StandardCharsets.UTF_8);
        }
        if (given == null || !MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, given == null
                    ? "this server needs a bearer token: send the header 'Authorization: Bearer <token>', or open "
                    + UI_PATH + "?token=<token> once in a browser (the token is in the server's log line "
                    + "'REST API listening on ...')"
                    : query != null ? "wrong token in ?token=: open the URL of the server's log line 'live page at "
                    + "...' of this run" : "wrong bearer token");
        }
    }

    private static boolean isDocs(String path) {
        return path.equals(OPENAPI_PATH) || path.equals(SWAGGER_PATH) || path.equals(REDOC_PATH)
                || path.startsWith(WEBJARS_PREFIX) || path.equals(DocsPages.REDOC_SCRIPT_PATH);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void push(Context ctx) {
        Element<?, ?> element = element(ctx);
        Port port = query(ctx, "port", Port::fromWireName, Port.IN);
        NotificationKind notification = query(ctx, "notification", NotificationKind::fromWireName, NotificationKind.NEXT);
        if (port == Port.OUT && notification != NotificationKind.NEXT && !element.propagatesTermination()) {
            throw new ApiException(409, "port out of " + element.path() + " outlives its sources: "
                    + notification.wireName() + " is refused (the element opts in with propagateTermination(true))");
        }
        byte[] body = body(ctx);
        Observer<Object> target = port == Port.IN ? (Observer) element : (Observer) element.portOut();
        switch (notification) {
            case NEXT -> {
                if (port == Port.IN) {
                    pushIn(element, traced(ctx, body));
                } else {
                    target.onNext(decode(body, Object.class));
                }
            }
            case ERROR -> target.onError(new RemoteErrorException(errorMessage(body, ctx)));
            case COMPLETED -> target.onComplete();
        }
        json(ctx, 200, new Accepted(port.wireName(), notification.wireName()));
    }

    /** The item of {@code body} in the trace of the request's W3C headers, if it has them and no envelope. */
    private byte[] traced(Context ctx, byte[] body) {
        return app.codec().withTraceHeaders(body, ctx.header("traceparent"), ctx.header("tracestate"));
    }

    /** Decodes {@code body} into the element's input type and pushes it into its port in. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void pushIn(Element<?, ?> element, byte[] body) {
        Object item = decode(body, element.inputType());
        if (item instanceof CallMethod call) {
            refuseUncallable(element, call);
        }
        ((Observer) element).onNext(item);
    }

    /**
     * An item on a channel: to the receivers of the App's transports whose pattern matches; when none does and
     * the channel is the path of an element ({@code loop.element}), into its port in; else nobody hears it.
     */
    private void pushChannel(Context ctx) {
        String channel = ctx.pathParam("channel");
        byte[] body = traced(ctx, body(ctx));
        int receivers = channels.deliver(channel, body);
        if (receivers == 0) {
            Element<?, ?> element = elementAt(channel);
            if (element != null) {
                pushIn(element, body);
                receivers = 1;
            }
        }
        json(ctx, 200, new ChannelAccepted(channel, receivers));
    }

    /** The element whose path is {@code channel}, or null. */
    private Element<?, ?> elementAt(String channel) {
        int dot = channel.indexOf('.');
        if (dot <= 0 || channel.indexOf('.', dot + 1) >= 0) {
            return null;
        }
        String loopUid = channel.substring(0, dot);
        return app.loops().stream().filter(l -> l.uid().equals(loopUid)).findFirst()
                .flatMap(l -> l.find(channel.substring(dot + 1))).orElse(null);
    }

    private void refuseUncallable(Element<?, ?> element, CallMethod call) {
        String refusal = Callables.refusal(Callables.target(element), call, app.codec());
        if (refusal != null) {
            refusedCalls.warn("{} refused a call from the wire: {}", element.path(), refusal);
            throw new ApiException(422, "refused: " + refusal);
        }
    }

    private Object decode(byte[] body, Type type) {
        try {
            return app.codec().decodeItem(body, type);
        } catch (CodecException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private String errorMessage(byte[] body, Context ctx) {
        if (body.length == 0) {
            return "error notification from " + ctx.ip();
        }
        try {
            JsonNode n = mapper.readTree(body);
            return n.isTextual() ? n.asText() : n.toString();
        } catch (IOException e) {
            throw new ApiException(400, "the body of an error notification must be JSON (a string is best): "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    private byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new ApiException(400, "the body could not be read: " + e.getMessage());
        }
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "the body is " + size + "; this server takes at most " + maxBodyBytes);
    }

    private static <T> T query(Context ctx, String name, Function<String, T> parse, T dflt) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return dflt;
        }
        try {
            return parse.apply(v);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, e.getMessage());
        }
    }

    private Loop loop(Context ctx) {
        String uid = ctx.pathParam("loop");
        List<Loop> loops = app.loops();
        return loops.stream().filter(l -> l.uid().equals(uid)).findFirst()
                .orElseThrow(() -> new ApiException(404, "no loop '" + uid + "' (loops: "
                        + String.join(", ", loops.stream().map(Loop::uid).toList()) + ")"));
    }

    private Element<?, ?> element(Context ctx) {
        Loop loop = loop(ctx);
        String uid = ctx.pathParam("element");
        return loop.find(uid).orElseThrow(() -> new ApiException(404, "no element '" + uid + "' in loop '"
                + loop.uid() + "' (elements: " + String.join(", ", loop.elements().stream().map(Element::uid)
                .toList()) + ")"));
    }

    private void json(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(mapper.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }

    private void error(Context ctx, int status, String message) {
        if (status >= 500) {
            failures.warn("{} {} -> {}: {}", ctx.method(), WireText.escape(ctx.path()), status, WireText.escape(message));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {}: {}", ctx.method(), WireText.escape(ctx.path()), status, WireText.escape(message));
        }
        json(ctx, status, new ErrorBody(message, status));
    }

    /** What an accepted push answers (PyMAPE's client wants 200). */
    record Accepted(String port, String accepted) {
    }

    /** What an item pushed on a channel answers: how many receivers (or an element) took it. */
    record ChannelAccepted(String channel, int receivers) {
    }

    /** The one shape of every error answer. */
    record ErrorBody(String error, int status) {
    }
}
