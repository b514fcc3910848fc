package io.mape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mape.knowledge.KnowledgeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config, over the {@link SampleSection} these tests register (and core's own {@code knowledge} section). */
class MapeConfigTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        Path f = dir.resolve("mape.yml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void defaultsComeFromTheDeclarations() {
        MapeConfig c = MapeConfig.defaults();

        assertThat(c.debug()).isFalse();
        assertThat(c.get(SampleSection.HOST)).isEqualTo("127.0.0.1");
        assertThat(c.get(SampleSection.PORT)).isEqualTo(6060);
        assertThat(c.find(SampleSection.TOKEN)).isEmpty();
        assertThat(c.find(KnowledgeConfig.NAMESPACE)).isEmpty();
        assertThat(c.source(SampleSection.PORT)).isEqualTo("default");
    }

    @Test
    void readsDeclaredAndUserKeysFromTheFile() throws Exception {
        Path f = file("""
                debug: true
                sample:
                  host: 0.0.0.0
                  port: 7070
                  token: s3cret
                knowledge:
                  namespace: traffic
                car:
                  name: panda
                  speed: 90
                """);
        MapeConfig c = MapeConfig.load(f, Map.of());

        assertThat(c.debug()).isTrue();
        assertThat(c.get(SampleSection.HOST)).isEqualTo("0.0.0.0");
        assertThat(c.get(SampleSection.PORT)).isEqualTo(7070);
        assertThat(c.get(SampleSection.TOKEN)).isEqualTo("s3cret");
        assertThat(c.get(KnowledgeConfig.NAMESPACE)).isEqualTo("traffic");
        assertThat(c.source(SampleSection.PORT)).isEqualTo(f + " line 4");
        assertThat(c.get("sample.port", Integer.class)).contains(7070);
        assertThat(c.get("car.speed", Integer.class)).contains(90);
        assertThat(c.get("car.name", String.class)).contains("panda");
        assertThat(c.get("car.wheels", Integer.class)).isEmpty();
        assertThat(c.userKeys()).containsOnlyKeys("car");
        assertThat(c.toString()).contains("sample.token=***").doesNotContain("s3cret");
    }

    @Test
    void theFlatDottedFormIsTheNestedForm() throws Exception {
        MapeConfig c = MapeConfig.load(file("sample.token: x\nsample.port: 1\ncar.speed: 90\n"), Map.of());

        assertThat(c.get(SampleSection.TOKEN)).isEqualTo("x");
        assertThat(c.get(SampleSection.PORT)).isEqualTo(1);
        assertThat(c.get("car.speed", Integer.class)).contains(90);
    }

    @Test
    void environmentOverridesTheFileAndCodeOverridesBoth() throws Exception {
        MapeConfig c = MapeConfig.load(file("sample: {port: 7070, host: file}\n"),
                Map.of("MAPE_SAMPLE_PORT", "8080", "MAPE_DEBUG", "true", "MAPE_SAMPLE_TOKEN", "from-env"));
        MapeConfig coded = c.toBuilder().set(SampleSection.PORT, 0).set("car.name", "veyron").build();

        assertThat(c.get(SampleSection.PORT)).isEqualTo(8080);
        assertThat(c.source(SampleSection.PORT)).isEqualTo("environment variable MAPE_SAMPLE_PORT");
        assertThat(c.debug()).isTrue();
        assertThat(c.get(SampleSection.HOST)).isEqualTo("file");
        assertThat(c.get(SampleSection.TOKEN)).isEqualTo("from-env");
        assertThat(coded.get(SampleSection.PORT)).isZero();
        assertThat(coded.source(SampleSection.PORT)).isEqualTo("code");
        assertThat(coded.debug()).isTrue();
        assertThat(coded.get("car.name", String.class)).contains("veyron");
    }

    @Test
    void malformedFileNamesTheFile() throws Exception {
        Path f = file("sample: [unclosed\n");

        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ": not valid YAML");
    }

    @Test
    void wrongTypedKeysNameTheFileTheLineAndTheKey() throws Exception {
        Path f1 = file("sample:\n  port: eighty\n");
        assertThatThrownBy(() -> MapeConfig.load(f1, Map.of()))
                .hasMessage(f1 + " line 2: key 'sample.port' must be an integer 0..65535, got \"eighty\"");
        Path f2 = file("debug: maybe\n");
        assertThatThrownBy(() -> MapeConfig.load(f2, Map.of()))
                .hasMessage(f2 + " line 1: key 'debug' must be true or false, got \"maybe\"");
        Path f3 = file("sample: http://x\n");
        assertThatThrownBy(() -> MapeConfig.load(f3, Map.of())).hasMessageStartingWith(f3 + " line 1: key 'sample' must be a mapping");
        Path f4 = file("sample:\n  token: 12\n");
        assertThatThrownBy(() -> MapeConfig.load(f4, Map.of())).hasMessageStartingWith(f4 + " line 2: key 'sample.token' must be a non-blank string");
        assertThatThrownBy(() -> MapeConfig.load(null, Map.of("MAPE_SAMPLE_PORT", "x")))
                .hasMessage("environment variable MAPE_SAMPLE_PORT: key 'sample.port' must be an integer 0..65535, got 'x'");
        Path f5 = file("car: {speed: fast}\n");
        MapeConfig c = MapeConfig.load(f5, Map.of());
        assertThatThrownBy(() -> c.get("car.speed", Integer.class))
                .hasMessageStartingWith(f5 + " line 1: key 'car.speed' must be Integer");
    }

    @Test
    void outOfRangeAndBlankValuesNameTheirSource() throws Exception {
        Path f = file("sample:\n  host: \" \"\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 2: key 'sample.host' must be a non-blank string, got \" \"");
        Path g = file("sample.port: 70000\n");
        assertThatThrownBy(() -> MapeConfig.load(g, Map.of()))
                .hasMessage(g + " line 1: key 'sample.port' must be an integer 0..65535, got 70000");
        assertThatThrownBy(() -> MapeConfig.load(null, Map.of("MAPE_SAMPLE_PORT", "-1")))
                .hasMessage("environment variable MAPE_SAMPLE_PORT: key 'sample.port' must be an integer 0..65535, got -1");
        assertThatThrownBy(() -> MapeConfig.builder().set("sample.port", 70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key 'sample.port' must be an integer 0..65535, got 70000");
        assertThatThrownBy(() -> MapeConfig.builder().set(SampleSection.HOST, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typosInASectionAreRefusedWithTheNearestKey() throws Exception {
        Path f = file("sample:\n  host: a\n  tokn: x\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(f + " line 3: unknown key 'sample.tokn' in section 'sample'; did you mean "
                        + "'sample.token'? (its keys: host, port, token, secure)");
        Path flat = file("sample.tokn: x\n");
        assertThatThrownBy(() -> MapeConfig.load(flat, Map.of()))
                .hasMessageStartingWith(flat + " line 1: unknown key 'sample.tokn'")
                .hasMessageContaining("did you mean 'sample.token'?");
        Path far = file("sample:\n  colour: red\n");
        assertThatThrownBy(() -> MapeConfig.load(far, Map.of()))
                .hasMessage(far + " line 2: unknown key 'sample.colour' in section 'sample' (its keys: host, port, "
                        + "token, secure)");
        assertThatThrownBy(() -> MapeConfig.builder().set("sample.tokn", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("did you mean 'sample.token'?");
    }

    @Test
    void aSectionInAnotherCaseIsRefused() throws Exception {
        Path f = file("Sample:\n  token: x\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .hasMessage(f + " line 1: unknown key 'Sample'; did you mean 'sample'? (keys are case-sensitive)");
        Path g = file("DEBUG: true\n");
        assertThatThrownBy(() -> MapeConfig.load(g, Map.of())).hasMessageContaining("did you mean 'debug'?");
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws Exception {
        Path f = file("sample:\n  token: a\nsample:\n  port: 1\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .hasMessage(f + " line 3: key 'sample' is given twice (also at " + f + " line 1); keep one");
        Path g = file("sample:\n  token: a\nsample.token: b\n");
        assertThatThrownBy(() -> MapeConfig.load(g, Map.of()))
                .hasMessage(g + " line 3: key 'sample.token' is given twice (also at " + g + " line 2); keep one");
        Path h = file("car:\n  speed: 1\ncar.speed: 2\n");
        assertThatThrownBy(() -> MapeConfig.load(h, Map.of()))
                .hasMessage(h + " line 3: key 'car.speed' is given twice (also at " + h + " line 2); keep one");
    }

    @Test
    void mergeKeysAndAliasesAreRefused() throws Exception {
        Path f = file("base: &base\n  token: a\nsample:\n  <<: *base\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .hasMessage(f + " line 4: YAML merge keys ('<<') are not supported in the config; write the keys out "
                        + "in 'sample'");
        Path g = file("base: &b x\nsample:\n  token: *b\n");
        assertThatThrownBy(() -> MapeConfig.load(g, Map.of()))
                .hasMessageStartingWith(g + " line 3: key 'sample.token' is a YAML alias");
    }

    @Test
    void anEmptyFileIsDefaults() throws Exception {
        assertThat(MapeConfig.load(file(""), Map.of()).get(SampleSection.PORT)).isEqualTo(6060);
        assertThat(MapeConfig.load(file("sample:\n"), Map.of()).get(SampleSection.PORT)).isEqualTo(6060);
    }

    @Test
    void aTopThatIsNoMappingNamesTheFile() throws Exception {
        Path f = file("- a\n- b\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of())).hasMessageStartingWith(f + ": expected a mapping");
    }

    @Test
    void aNamespaceMayHoldOnlyWhatAScopeAccepts() throws Exception {
        Path f = file("knowledge.namespace: \"a:b\"\n");
        assertThatThrownBy(() -> MapeConfig.load(f, Map.of()))
                .hasMessage(f + " line 1: key 'knowledge.namespace' must be letters, digits, '_', '-' and '.', got \"a:b\"");
        assertThat(MapeConfig.load(null, Map.of("MAPE_KNOWLEDGE_NAMESPACE", "city-1")).get(KnowledgeConfig.NAMESPACE))
                .isEqualTo("city-1");
    }
}
