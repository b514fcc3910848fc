package io.mape.remote.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mape.App;
import io.mape.Element;
import io.mape.Level;
import io.mape.Loop;
import io.mape.codec.CodecException;
import io.mape.remote.rest.NotificationKind;
import io.mape.remote.rest.Port;
import io.mape.remote.rest.RemoteErrorException;
import io.reactivex.rxjava3.core.Observer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of {@link io.mape.remote.rest.RestServer} and their handlers. Handlers run on Jetty's request threads;
 * everything they touch in the App is thread-safe. No failure of a request reaches a loop: each one ends in an
 * answer of the single error shape {@code {"error": "...", "status": n}}.
 */
public final class RestApi {

    /** Where the OpenAPI document is served. */
    public static final String OPENAPI_PATH = "/openapi.json";
    /** Where Swagger UI is served. */
    public static final String SWAGGER_PATH = "/docs";
    /** Where ReDoc is served. */
    public static final String REDOC_PATH = "/redoc";
    /** Where the plugins serve the scripts and styles of Swagger UI and ReDoc. */
    public static final String WEBJARS_PREFIX = "/webjars/";

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final String ELEMENT = "/loops/{loop}/elements/{element}";

    private final App app;
    private final ObjectMapper mapper;
    private final byte[] token;
    private final int maxBodyBytes;
    private final boolean publicDocs;
    private final byte[] openApi;

    /**
     * @param token        the bearer token every request must carry, or null for none
     * @param maxBodyBytes the largest body a POST may have
     * @param publicDocs   whether the documentation pages answer without the token
     */
    public RestApi(App app, String token, int maxBodyBytes, boolean publicDocs) {
        this.app = app;
        this.mapper = app.codec().mapper();
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
        this.publicDocs = publicDocs;
        this.openApi = OpenApiDocument.json(mapper, token != null, maxBodyBytes);
    }

    /** Registers the routes, the token check and the error answers on {@code javalin}. */
    public void install(Javalin javalin) {
        javalin.before(this::authorize);
        javalin.get(OPENAPI_PATH, ctx -> ctx.contentType("application/json").result(openApi));
        javalin.get("/levels", ctx -> json(ctx, 200, app.levels().stream().map(Level::uid).toList()));
        javalin.get("/loops", ctx -> json(ctx, 200, app.loops().stream().map(Loop::uid).toList()));
        javalin.get("/loops/{loop}/elements",
                ctx -> json(ctx, 200, loop(ctx).elements().stream().map(Element::uid).toList()));
        javalin.get(ELEMENT, ctx -> json(ctx, 200, ElementView.of(element(ctx))));
        javalin.post(ELEMENT, this::push);
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
        javalin.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        javalin.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e);
        });
    }

    private void authorize(Context ctx) {
        if (token == null || publicDocs && isDocs(ctx.path())) {
            return;
        }
        String header = ctx.header("Authorization");
        byte[] given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : null;
        if (given == null || !MessageDigest.isEqual(given, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, given == null
                    ? "this server needs a bearer token: send the header 'Authorization: Bearer <token>'"
                    : "wrong bearer token");
        }
    }

    private static boolean isDocs(String path) {
        return path.equals(OPENAPI_PATH) || path.equals(SWAGGER_PATH) || path.equals(REDOC_PATH)
                || path.startsWith(WEBJARS_PREFIX);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void push(Context ctx) {
        Element<?, ?> element = element(ctx);
        Port port = query(ctx, "port", Port::fromWireName, Port.IN);
        NotificationKind notification = query(ctx, "notification", NotificationKind::fromWireName, NotificationKind.NEXT);
        byte[] body = body(ctx);
        Observer<Object> target = port == Port.IN ? (Observer) element : (Observer) element.portOut();
        switch (notification) {
            case NEXT -> target.onNext(decode(body, port == Port.IN ? element.inputType() : Object.class));
            case ERROR -> target.onError(new RemoteErrorException(errorMessage(body, ctx)));
            case COMPLETED -> target.onComplete();
        }
        ctx.status(204);
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
            LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), status, message);
        } else {
            LOG.debug("{} {} -> {}: {}", ctx.method(), ctx.path(), status, message);
        }
        json(ctx, status, new ErrorBody(message, status));
    }

    /** The one shape of every error answer. */
    record ErrorBody(String error, int status) {
    }
}
