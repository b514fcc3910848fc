package io.mape.remote.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.config.ConfigException;
import io.mape.config.MapeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code rest} section: each typo that used to drop the token silently is refused, naming file and line. */
class RestConfigTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("mape.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsAndEnvironment() {
        MapeConfig d = MapeConfig.defaults();
        assertThat(d.get(RestConfig.HOST)).isEqualTo("127.0.0.1");
        assertThat(d.get(RestConfig.PORT)).isEqualTo(6060);
        assertThat(d.find(RestConfig.TOKEN)).isEmpty();
        MapeConfig env = MapeConfig.load(null, Map.of("MAPE_REST_HOST", "0.0.0.0", "MAPE_REST_PORT", "7070",
                "MAPE_REST_TOKEN", "t"));
        assertThat(env.get(RestConfig.HOST)).isEqualTo("0.0.0.0");
        assertThat(env.get(RestConfig.PORT)).isEqualTo(7070);
        assertThat(env.get(RestConfig.TOKEN)).isEqualTo("t");
    }

    @Test
    void theFlatDottedFormTheDocsUseSetsTheToken() throws Exception {
        MapeConfig c = MapeConfig.load(file("rest.token: x\n"), Map.of());
        assertThat(c.find(RestConfig.TOKEN)).contains("x");
        assertThat(c.userKeys()).isEmpty();
    }

    @Test
    void aMisspeltKeyIsRefusedWithTheNearestOne() throws Exception {
        Path f = file("rest: {tokn: x}\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 1: unknown key 'rest.tokn' in section 'rest'; did you mean 'rest.token'? "
                        + "(its keys: host, port, token)");
    }

    @Test
    void aSectionInAnotherCaseIsRefused() throws Exception {
        Path f = file("Rest:\n  token: x\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 1: unknown key 'Rest'; did you mean 'rest'? (keys are case-sensitive)");
    }

    @Test
    void aDuplicateSectionIsRefused() throws Exception {
        Path f = file("rest:\n  token: x\nrest:\n  port: 0\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 3: key 'rest' is given twice (also at " + f + " line 1); keep one");
    }

    @Test
    void yamlMergeKeysAreRefused() throws Exception {
        Path f = file("defaults: &d\n  token: x\nrest:\n  <<: *d\n  port: 0\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + " line 4: YAML merge keys ('<<') are not supported");
    }

    @Test
    void anOutOfRangePortNamesTheFileOrTheVariable() throws Exception {
        Path f = file("rest:\n  port: 70000\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 2: key 'rest.port' must be an integer 0..65535, got 70000");
        assertThatThrownBy(() -> MapeConfig.load(null, Map.of("MAPE_REST_PORT", "65536")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable MAPE_REST_PORT: key 'rest.port' must be an integer 0..65535, "
                        + "got 65536");
    }

    @Test
    void aBlankHostOrTokenIsRefusedNamingTheKeyAndTheSource() throws Exception {
        Path f = file("rest.host: \" \"\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 1: key 'rest.host' must be a non-blank string, got \" \"");
        assertThatThrownBy(() -> MapeConfig.load(null, Map.of("MAPE_REST_TOKEN", "")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable MAPE_REST_TOKEN: key 'rest.token' must be a non-blank string, "
                        + "got \"\"");
    }

    @Test
    void aServerTakesTheTokenOfTheFlatForm() throws Exception {
        try (io.mape.App app = io.mape.App.create(MapeConfig.load(file("rest.token: s3cret\nrest.port: 0\n"),
                Map.of()))) {
            RestServer server = RestServer.start(app);
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port()
                            + "/loops")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
        }
    }
}
