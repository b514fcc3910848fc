package io.mape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mape.knowledge.KnowledgeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of generated configs, seeded: each loads, or fails with a {@link ConfigException} that names its source
 * (the file, an environment variable, or code). Nothing else escapes, reading a loaded one included.
 */
class MapeConfigFuzzTest {

    private static final long SEED = 20_261_201L;
    private static final int CONFIGS = 3_000;

    private static final String[] TOPS = {"sample", "Sample", "SAMPLE", "sample.token", "sample.tokn", "sample.port",
        "sample.host", "knowledge", "knowledge.namespace", "debug", "Debug", "car", "car.speed", "<<", "base",
        "sample.port.x", "samples", "k"};
    private static final String[] MEMBERS = {"host", "port", "token", "secure", "tokn", "Host", "prot", "namespace",
        "speed", "<<", "x.y", ""};
    private static final String[] VALUES = {"1", "0", "-1", "65535", "65536", "70000", "99999999999999999999", "1.5",
        "true", "false", "yes", "null", "~", "\"\"", "\" \"", "x", "'a b'", "[1, 2]", "{a: 1}", "*b", "&b v",
        "!!binary aGk=", "\"\\u0000\"", "0x1F", "1e400", "[", "{", "'", ": x", "- a"};
    private static final String[] ENV_NAMES = {"MAPE_SAMPLE_PORT", "MAPE_SAMPLE_HOST", "MAPE_SAMPLE_TOKEN",
        "MAPE_SAMPLE_SECURE", "MAPE_DEBUG", "MAPE_KNOWLEDGE_NAMESPACE", "MAPE_OTHER"};
    private static final String[] ENV_VALUES = {"1", "-1", "70000", "x", " ", "", "true", "FALSE", "maybe", "2.5",
        " 80 "};

    @TempDir
    Path dir;

    @Test
    void everyFailureIsAConfigExceptionNamingItsSource() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random random = new Random(SEED);
            int loaded = 0;
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < CONFIGS; i++) {
                Path file = dir.resolve("mape-" + i + ".yml");
                String yaml = yaml(random);
                Files.writeString(file, yaml);
                Map<String, String> env = env(random);
                try {
                    MapeConfig c = MapeConfig.load(file, env);
                    read(c, file, env, failures, yaml);
                    loaded++;
                } catch (ConfigException e) {
                    if (!namesSource(e, file)) {
                        failures.add(e.getMessage() + "\n  for " + yaml.replace("\n", "\\n") + " env " + env);
                    }
                } catch (RuntimeException e) {
                    failures.add(e + "\n  for " + yaml.replace("\n", "\\n") + " env " + env);
                }
            }
            assertThat(failures).as("failures that are not a ConfigException naming its source").isEmpty();
            assertThat(loaded).as("configs that loaded").isBetween(CONFIGS / 20, CONFIGS - CONFIGS / 20);
        });
    }

    private static void read(MapeConfig c, Path file, Map<String, String> env, List<String> failures, String yaml) {
        for (ConfigKey<?> key : List.of(SampleSection.HOST, SampleSection.PORT, SampleSection.TOKEN,
                SampleSection.SECURE, KnowledgeConfig.NAMESPACE)) {
            c.get(key);
            c.source(key);
        }
        for (String path : List.of("car.speed", "car", "base", "k", "samples")) {
            try {
                c.get(path, Integer.class);
            } catch (ConfigException e) {
                if (!namesSource(e, file)) {
                    failures.add("reading " + path + ": " + e.getMessage() + "\n  for " + yaml + " env " + env);
                }
            }
        }
        c.toBuilder().build().toString();
    }

    private static boolean namesSource(ConfigException e, Path file) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith(file.toString()) || m.startsWith("environment variable MAPE_") || m.startsWith("code");
    }

    private static String yaml(Random r) {
        StringBuilder sb = new StringBuilder();
        int tops = r.nextInt(5);
        for (int t = 0; t < tops; t++) {
            String top = pick(r, TOPS);
            if (r.nextInt(3) == 0) {
                sb.append(top).append(": ").append(pick(r, VALUES)).append('\n');
                continue;
            }
            sb.append(top).append(":\n");
            int members = r.nextInt(4);
            for (int m = 0; m < members; m++) {
                sb.append("  ").append(pick(r, MEMBERS)).append(": ").append(pick(r, VALUES)).append('\n');
            }
        }
        if (r.nextInt(10) == 0) {
            sb.insert(0, pick(r, VALUES) + "\n");
        }
        return sb.toString();
    }

    private static Map<String, String> env(Random r) {
        Map<String, String> env = new HashMap<>();
        if (r.nextInt(3) == 0) {
            env.put(pick(r, ENV_NAMES), pick(r, ENV_VALUES));
        }
        return env;
    }

    private static String pick(Random r, String[] from) {
        return from[r.nextInt(from.length)];
    }
}
