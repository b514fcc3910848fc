package io.mape.remote.rest;

import static io.mape.remote.rest.RestServerIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.mape.App;
import io.mape.Output;
import io.mape.config.MapeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bearer token of {@link RestServer}, on the API and on the documentation pages. */
class SecurityIT {

    private static final String TOKEN = "s3cret-t0ken";

    private App app;

    @BeforeEach
    void app() {
        app = App.create(MapeConfig.builder().restPort(0).build());
        app.loop("ambulance").monitor("detect", (Boolean b, Output<Boolean> o) -> o.next(b));
    }

    @AfterEach
    void close() {
        app.close();
    }

    @Test
    void theTokenComesFromTheConfigWhenCodeGivesNone() {
        try (App configured = App.create(MapeConfig.builder().restPort(0).restToken(TOKEN).build())) {
            RestServer server = RestServer.start(configured);

            assertError(new Http(server.uri()).get("/loops"), 401, "bearer token");
            assertThat(new Http(server.uri(), TOKEN).get("/loops").status()).isEqualTo(200);
        }
    }

    @Test
    void everyRequestWithoutTheTokenIs401() {
        RestServer server = RestServer.builder(app).token(TOKEN).build();
        Http anonymous = new Http(server.uri());
        for (String path : new String[] {"/levels", "/loops", "/loops/ambulance/elements",
                "/loops/ambulance/elements/detect", "/openapi.json", "/docs", "/redoc", "/no/such/route"}) {
            Http.Response r = anonymous.get(path);
            assertError(r, 401, "bearer token");
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertError(anonymous.post("/loops/ambulance/elements/detect", "true"), 401, "Authorization: Bearer");
        assertError(anonymous.post("/loops/ambulance/elements/detect/start"), 401, "bearer token");
        assertThat(app.<io.mape.Element<?, ?>>get("ambulance.detect").isRunning()).isFalse();
        assertThat(app.<io.mape.Element<?, ?>>get("ambulance.detect").stats().itemsIn()).isZero();
    }

    @Test
    void aWrongTokenIs401() {
        RestServer server = RestServer.builder(app).token(TOKEN).build();
        assertError(new Http(server.uri(), "guess").get("/loops"), 401, "wrong bearer token");
        assertError(new Http(server.uri(), TOKEN + "x").get("/loops"), 401, "wrong bearer token");
    }

    @Test
    void theRightTokenOpensEverything() {
        RestServer server = RestServer.builder(app).token(TOKEN).build();
        Http http = new Http(server.uri(), TOKEN);
        assertThat(http.get("/loops").status()).isEqualTo(200);
        assertThat(http.post("/loops/ambulance/elements/detect/start").status()).isEqualTo(200);
        assertThat(http.post("/loops/ambulance/elements/detect", "true").status()).isEqualTo(200);
        assertThat(http.get("/docs").status()).isEqualTo(200);
        assertThat(http.get("/openapi.json").status()).isEqualTo(200);
    }

    @Test
    void publicDocsOpenOnlyTheDocumentation() {
        RestServer server = RestServer.builder(app).token(TOKEN).publicDocs(true).build();
        Http anonymous = new Http(server.uri());
        Http.Response docs = anonymous.get("/docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(anonymous.get("/redoc").status()).isEqualTo(200);
        assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
        assertThat(anonymous.get(DocsIT.assetOf(docs.body(), "swagger-ui-bundle.js")).status()).isEqualTo(200);
        assertError(anonymous.get("/loops"), 401, "bearer token");
        assertError(anonymous.post("/loops/ambulance/elements/detect", "true"), 401, "bearer token");
    }

    @Test
    void theDocumentDeclaresTheBearerScheme() {
        RestServer server = RestServer.builder(app).token(TOKEN).build();
        var doc = new Http(server.uri(), TOKEN).get("/openapi.json").json();
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(doc.at("/paths/~1loops/get/responses/401")).isNotNull();
        assertThat(doc.at("/paths/~1loops/get/responses/401").isMissingNode()).isFalse();
    }

    @Test
    void withoutATokenInCodeOrConfigARandomOneIsMadeAndTheUrlWithItOpensTheDocs() {
        try (RestServer server = RestServer.builder(app).build()) {
            String token = server.token().orElseThrow();
            assertThat(token).hasSizeGreaterThanOrEqualTo(24);
            assertError(new Http(server.uri()).get("/loops"), 401, "bearer token");
            assertThat(new Http(server.uri(), token).get("/loops").status()).isEqualTo(200);

            Http.Response page = new Http(server.uri()).get("/docs?token=" + token);
            assertThat(page.status()).isEqualTo(200);
            String cookie = page.header("Set-Cookie");
            assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict");
            Http.Response byCookie = new Http(server.uri()).send("GET", "/openapi.json", null,
                    "Cookie", cookie.split(";")[0]);
            assertThat(byCookie.status()).isEqualTo(200);
        }
        try (RestServer other = RestServer.builder(app).build()) {
            assertThat(other.token()).isPresent();
        }
        try (RestServer open = RestServer.builder(app).noToken().build()) {
            assertThat(open.token()).isEmpty();
            assertThat(new Http(open.uri()).get("/loops").status()).isEqualTo(200);
        }
    }

    @Test
    void aBlankHostOrAPortOutOfRangeIsAClearIllegalArgument() {
        try (App blank = App.create(MapeConfig.builder().restHost(" ").restPort(0).build())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RestServer.builder(blank).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host must not be blank");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RestServer.builder(app).port(65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..65535");
    }

    @Test
    void aPortThatCannotBeBoundIsRemoteUnavailable() {
        try (RestServer first = RestServer.builder(app).noToken().build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RestServer.builder(app).port(first.port()).build())
                    .isInstanceOf(io.mape.remote.RemoteUnavailableException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
        }
    }
}
