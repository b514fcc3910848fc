package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mape.App;
import io.mape.Output;
import io.mape.Loop;
import io.mape.config.MapeConfig;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document, checked by a real OpenAPI parser and against the real routes; Swagger UI and ReDoc pages. */
class DocsIT {

    private static App app;
    private static RestServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        app.level("fleet");
        Loop loop = app.loop("ambulance");
        loop.monitor("detect", (Boolean b, Output<Boolean> o) -> o.next(b));
        server = RestServer.builder(app).noToken().build();
        http = new Http(server.uri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theDocumentIsValidOpenApi3() {
        Http.Response r = http.get("/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(r.body(), null, options);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getPaths()).containsOnlyKeys("/levels", "/loops", "/loops/{loop}", "/loops/{loop}/pause",
                "/loops/{loop}/resume", "/loops/{loop}/dry-run/start", "/loops/{loop}/dry-run/stop", "/loops/{loop}/elements",
                "/loops/{loop}/elements/{element}", "/loops/{loop}/elements/{element}/start",
                "/loops/{loop}/elements/{element}/stop", "/channels/{channel}", "/topology", "/events", "/ui");
        var push = api.getPaths().get("/loops/{loop}/elements/{element}").getPost();
        assertThat(push.getParameters()).extracting(p -> p.getName())
                .containsExactly("loop", "element", "port", "notification", "traceparent", "tracestate");
        assertThat(api.getPaths().get("/channels/{channel}").getPost().getParameters()).extracting(p -> p.getName())
                .containsExactly("channel", "traceparent", "tracestate");
        assertThat(push.getResponses()).containsKeys("200", "400", "404", "409", "413", "415", "422");
    }

    @Test
    void everyOperationOfTheDocumentIsARealRoute() {
        JsonNode paths = http.get("/openapi.json").json().get("paths");
        paths.properties().forEach(path -> path.getValue().properties().forEach(op -> {
            String url = path.getKey().replace("{loop}", "ambulance").replace("{element}", "detect")
                    .replace("{channel}", "ambulance.detect");
            String declared = op.getValue().get("responses").fieldNames().next();
            if (op.getValue().at("/responses/200/content").has("text/event-stream")) {
                assertThat(String.valueOf(http.openStream(url))).as(url).isEqualTo(declared);
                return;
            }
            Http.Response r = op.getKey().equals("get") ? http.get(url) : http.post(url, "true");
            assertThat(String.valueOf(r.status())).as(op.getKey() + " " + url + ": " + r.body()).isEqualTo(declared);
        }));
        Map<PathItem.HttpMethod, ?> ops = new OpenAPIV3Parser().readContents(http.get("/openapi.json").body())
                .getOpenAPI().getPaths().get("/loops/{loop}/elements/{element}").readOperationsMap();
        assertThat(ops).containsOnlyKeys(PathItem.HttpMethod.GET, PathItem.HttpMethod.POST);
    }

    @Test
    void swaggerUiIsServedWithItsAssetsAndPointsAtTheDocument() {
        Http.Response page = http.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("SwaggerUIBundle").contains("url: '/openapi.json'");
        Http.Response bundle = http.get(assetOf(page.body(), "swagger-ui-bundle.js"));
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(http.get(assetOf(page.body(), "swagger-ui.css")).status()).isEqualTo(200);
    }

    @Test
    void redocIsServedWithItsScriptAndPointsAtTheDocument() {
        Http.Response page = http.get("/redoc");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Redoc.init('/openapi.json'");
        Http.Response script = http.get(assetOf(page.body(), "redoc.standalone.js"));
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.body().length()).isGreaterThan(100_000);
    }

    /** The server path of the asset named {@code file} that an HTML page links. */
    static String assetOf(String html, String file) {
        Matcher m = Pattern.compile("(?:src|href)=\"(/webjars/[^\"]*/" + Pattern.quote(file) + ")\"").matcher(html);
        assertThat(m.find()).as("a link to " + file + " in " + html).isTrue();
        return m.group(1);
    }
}
