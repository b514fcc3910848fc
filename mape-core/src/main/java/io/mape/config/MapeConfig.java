package io.mape.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.mape.config.internal.Nearest;
import io.mape.config.internal.Sections;
import io.mape.config.internal.YamlTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of an App. Immutable; build one with {@link #builder()}, or {@link #load()} it from {@code mape.yml}
 * in the working directory and the environment, then override in code with {@link #toBuilder()}. Later sources win:
 * defaults, then the file, then environment variables, then code.
 *
 * <pre>
 * debug: false
 * redis:    { url: redis://127.0.0.1:6379/0 }
 * rest:     { host: 127.0.0.1, port: 6060, token: ... }
 * rest.token: ...                           # the flat dotted form is the same key
 * influxdb: { url: http://127.0.0.1:8086, token: ..., org: ..., bucket: ... }
 * car:      { name: panda, speed: 90 }      # any other key is a user key: config.get("car.speed", Integer.class)
 * </pre>
 *
 * <p><b>Sections</b> ({@code rest}, {@code redis}, {@code influxdb}, {@code knowledge}) belong to the modules that
 * read them, each declaring its keys, their types, ranges, defaults and environment variables in a
 * {@link io.mape.config.spi.ConfigSection}; read a key with {@link #get(ConfigKey)}. In a section, a key it does not
 * declare, a key given twice, a section spelt in another case ({@code Rest}) and a value that does not fit are refused
 * at load. Every {@link ConfigException} names its source: the file and line, the environment variable, or code.
 */
public final class MapeConfig {

    /** The file {@link #load()} reads from the working directory when it exists. */
    public static final String FILE_NAME = "mape.yml";

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final String CODE = "code";
    private static final ConfigKey<Boolean> DEBUG = ConfigKey.builder("mape.debug", Boolean.class).build();

    private final boolean debug;
    private final Map<String, Object> values;
    private final Map<String, String> sources;
    private final ObjectNode user;

    /** The {@code influxdb} section; any member may be null. */
    public record Influx(String url, String token, String org, String bucket) {
    }

    private MapeConfig(Builder b) {
        this.debug = b.debug;
        this.values = Map.copyOf(b.values);
        this.sources = Map.copyOf(b.sources);
        this.user = b.user.deepCopy();
    }

    /** Defaults only. */
    public static MapeConfig defaults() {
        return builder().build();
    }

    /** {@code mape.yml} from the working directory if it exists, then the process environment. */
    public static MapeConfig load() {
        Path file = Path.of(FILE_NAME);
        return load(Files.exists(file) ? file : null, System.getenv());
    }

    /**
     * This file (null for none), then these environment variables.
     *
     * @throws ConfigException naming the file and line or the variable, and the key at fault
     */
    public static MapeConfig load(Path file, Map<String, String> env) {
        Builder b = builder();
        if (file != null) {
            b.apply(YamlTree.read(file, YAML), file.toString());
        }
        b.applyEnv(env);
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to override some in code. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.debug = debug;
        b.values.putAll(values);
        b.sources.putAll(sources);
        b.user = user.deepCopy();
        return b;
    }

    /** Whether elements log what crosses them ({@code debug}). */
    public boolean debug() {
        return debug;
    }

    /** The value of a section's key, else its default, else null. */
    public <T> T get(ConfigKey<T> key) {
        Objects.requireNonNull(key, "key");
        Object v = values.get(key.path());
        if (v != null) {
            return key.type().cast(v);
        }
        JsonNode undeclared = Sections.all().containsKey(key.section()) ? null : node(key.path());
        if (undeclared != null && !undeclared.isNull()) {
            try {
                return key.parse(undeclared);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(sourceOf(key.path()) + ": " + e.getMessage(), e);
            }
        }
        return key.defaultValue().orElse(null);
    }

    /** {@link #get(ConfigKey)} as an Optional: empty when the key is not set and has no default. */
    public <T> Optional<T> find(ConfigKey<T> key) {
        return Optional.ofNullable(get(key));
    }

    /**
     * Where the value of {@code key} came from: {@code mape.yml line 3}, {@code environment variable MAPE_REST_PORT},
     * {@code code}, or {@code default}.
     */
    public String source(ConfigKey<?> key) {
        return sources.getOrDefault(key.path(), "default");
    }

    /** {@code redis.url}: a shortcut for the key the Redis module declares; needs it on the class path. */
    public Optional<String> redisUrl() {
        return Optional.ofNullable((String) declared("redis.url"));
    }

    /** {@code rest.host}: a shortcut for the key the REST module declares; needs it on the class path. */
    public String restHost() {
        return (String) declared("rest.host");
    }

    /** {@code rest.port}: a shortcut for the key the REST module declares; needs it on the class path. */
    public int restPort() {
        return (Integer) declared("rest.port");
    }

    /** {@code rest.token}: a shortcut for the key the REST module declares; needs it on the class path. */
    public Optional<String> restToken() {
        return Optional.ofNullable((String) declared("rest.token"));
    }

    /** The {@code influxdb} section: a shortcut for the keys the InfluxDB module declares; needs it on the class path. */
    public Influx influxdb() {
        return new Influx((String) declared("influxdb.url"), (String) declared("influxdb.token"),
                (String) declared("influxdb.org"), (String) declared("influxdb.bucket"));
    }

    private Object declared(String path) {
        String[] parts = path.split("\\.", 2);
        ConfigKey<?> key = Sections.all().getOrDefault(parts[0], Map.of()).get(parts[1]);
        if (key == null) {
            throw new IllegalStateException("no module on the class path declares the config key '" + path + "'");
        }
        return get(key);
    }

    /**
     * A key by dot path, converted to {@code type}: a user key, or a section's (its value or default).
     *
     * @throws ConfigException naming where the value came from when it does not convert
     */
    public <T> Optional<T> get(String path, Class<T> type) {
        Objects.requireNonNull(path, "path");
        Object declared = values.get(path);
        String[] parts = path.split("\\.", 2);
        ConfigKey<?> key = parts.length == 2 ? Sections.all().getOrDefault(parts[0], Map.of()).get(parts[1]) : null;
        if (declared == null && key != null) {
            declared = get(key);
        }
        JsonNode n = declared != null ? YAML.valueToTree(declared) : node(path);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(YAML.treeToValue(n, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(sourceOf(path) + ": key '" + path + "' must be " + type.getSimpleName()
                    + ", got " + n, e);
        }
    }

    private JsonNode node(String path) {
        JsonNode n = user;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n;
    }

    /** The source of {@code path} or of the nearest key above it that has one. */
    private String sourceOf(String path) {
        String p = path;
        while (true) {
            String s = sources.get(p);
            if (s != null) {
                return s;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return CODE;
            }
            p = p.substring(0, dot);
        }
    }

    /** The user keys as plain maps and values. */
    public Map<String, Object> userKeys() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = YAML.convertValue(user, LinkedHashMap.class);
        return Collections.unmodifiableMap(m);
    }

    /** The settings, tokens hidden. */
    @Override
    public String toString() {
        Map<String, Object> shown = new java.util.TreeMap<>();
        values.forEach((k, v) -> shown.put(k, k.endsWith("token") || k.endsWith("password") ? "***" : v));
        return "MapeConfig{debug=" + debug + ", " + shown + ", user=" + user + "}";
    }

    /** Builds a {@link MapeConfig}; every setter overrides what was there. */
    public static final class Builder {
        private boolean debug;
        private final Map<String, Object> values = new HashMap<>();
        private final Map<String, String> sources = new HashMap<>();
        private ObjectNode user = YAML.createObjectNode();

        private Builder() {
        }

        public Builder debug(boolean debug) {
            this.debug = debug;
            sources.put("debug", CODE);
            return this;
        }

        /** A shortcut for {@code set("redis.url", url)}; null unsets it. */
        public Builder redisUrl(String url) {
            return setOrUnset("redis.url", url);
        }

        /** A shortcut for {@code set("rest.host", host)}. */
        public Builder restHost(String host) {
            return set("rest.host", Objects.requireNonNull(host, "host"));
        }

        /** A shortcut for {@code set("rest.port", port)}. */
        public Builder restPort(int port) {
            return set("rest.port", port);
        }

        /** A shortcut for {@code set("rest.token", token)}; null for none. */
        public Builder restToken(String token) {
            return setOrUnset("rest.token", token);
        }

        /** A shortcut for the four keys of the {@code influxdb} section; a null one is unset. */
        public Builder influxdb(String url, String token, String org, String bucket) {
            setOrUnset("influxdb.url", url);
            setOrUnset("influxdb.token", token);
            setOrUnset("influxdb.org", org);
            return setOrUnset("influxdb.bucket", bucket);
        }

        private Builder setOrUnset(String path, Object value) {
            if (value != null) {
                return set(path, value);
            }
            values.remove(path);
            sources.remove(path);
            return this;
        }

        /**
         * Sets a section's key, checked against its declaration.
         *
         * @throws IllegalArgumentException when the value does not fit the key
         */
        public <T> Builder set(ConfigKey<T> key, T value) {
            values.put(key.path(), key.check(value));
            sources.put(key.path(), CODE);
            return this;
        }

        /**
         * Sets a key by dot path ({@code "car.speed"}, {@code "rest.port"}): a section's key is checked against its
         * declaration, any other is a user key.
         *
         * @throws IllegalArgumentException for a key a section does not declare, or a value that does not fit it
         */
        public Builder set(String path, Object value) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
            try {
                put(path, value, CODE, null);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage().substring(CODE.length() + 2), e);
            }
            return this;
        }

        public MapeConfig build() {
            return new MapeConfig(this);
        }

        /** The file being applied: its name, the lines of its keys, and the keys it gave so far with where. */
        private record FileKeys(String file, Map<String, Integer> lines, Map<String, String> given) {
            String at(String pointer) {
                Integer line = lines.get(pointer);
                return line == null ? file : file + " line " + line;
            }
        }

        /**
         * Puts one key from {@code source}: {@code raw} is a YAML node (file), a String (environment) or a value
         * (code). {@code file} is the file being applied, null for the environment and code.
         */
        private void put(String path, Object raw, String source, FileKeys file) {
            String[] parts = path.split("\\.", 2);
            String section = parts[0];
            if (section.equals("debug") && parts.length == 1) {
                debug = parse(DEBUG, raw, source);
                sources.put("debug", source);
                return;
            }
            Map<String, Map<String, ConfigKey<?>>> all = Sections.all();
            Map<String, ConfigKey<?>> keys = all.get(section);
            if (keys == null) {
                String other = caseless(section, all.keySet());
                if (other != null) {
                    throw new ConfigException(source + ": unknown key '" + section + "'; did you mean '" + other
                            + "'? (keys are case-sensitive)");
                }
                putUser(path, raw, source, file);
                return;
            }
            if (parts.length == 1) {
                JsonNode n = raw instanceof JsonNode j ? j : null;
                if (n == null || !(n.isObject() || n.isNull())) {
                    throw new ConfigException(source + ": key '" + section + "' must be a mapping of its keys ("
                            + String.join(", ", keys.keySet()) + "), got " + (n != null ? n : raw));
                }
                n.fields().forEachRemaining(e -> put(section + "." + e.getKey(), e.getValue(),
                        file == null ? source : file.at("/" + section + "/" + e.getKey()), file));
                return;
            }
            ConfigKey<?> key = keys.get(parts[1]);
            if (key == null) {
                throw new ConfigException(source + ": unknown key '" + path + "' in section '" + section + "'"
                        + Nearest.of(parts[1], keys.keySet()).map(m -> "; did you mean '" + section + "." + m + "'?")
                                .orElse("") + " (its keys: " + String.join(", ", keys.keySet()) + ")");
            }
            if (file != null) {
                String earlier = file.given().putIfAbsent(path, source);
                if (earlier != null) {
                    throw new ConfigException(source + ": key '" + path + "' is given twice (also at " + earlier
                            + "); keep one");
                }
            }
            values.put(path, parse(key, raw, source));
            sources.put(path, source);
        }

        private static <T> T parse(ConfigKey<T> key, Object raw, String source) {
            try {
                if (raw instanceof JsonNode n) {
                    return key.parse(n);
                }
                return raw instanceof String s && !source.equals(CODE) ? key.parse(s) : key.check(raw);
            } catch (IllegalArgumentException e) {
                String message = key == DEBUG ? e.getMessage().replace("'mape.debug'", "'debug'") : e.getMessage();
                throw new ConfigException(source + ": " + message, e);
            }
        }

        private void putUser(String path, Object raw, String source, FileKeys file) {
            String[] parts = path.split("\\.");
            ObjectNode n = user;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = n.get(parts[i]);
                if (child != null && !child.isObject() && file != null) {
                    throw twice(path, source, String.join(".", java.util.Arrays.copyOf(parts, i + 1)));
                }
                n = child instanceof ObjectNode o ? o : n.putObject(parts[i]);
            }
            String leaf = parts[parts.length - 1];
            if (file != null && n.has(leaf)) {
                throw twice(path, source, path);
            }
            JsonNode value = raw instanceof JsonNode j ? j : YAML.valueToTree(raw);
            n.set(leaf, value);
            sources.put(path, source);
            if (file != null && path.indexOf('.') < 0) {
                String top = "/" + path + "/";
                file.lines().forEach((pointer, line) -> {
                    if (pointer.startsWith(top)) {
                        sources.put(path + "." + pointer.substring(top.length()).replace('/', '.'),
                                file.file() + " line " + line);
                    }
                });
            }
        }

        private ConfigException twice(String path, String source, String earlier) {
            return new ConfigException(source + ": key '" + path + "' is given twice (also at "
                    + sources.getOrDefault(earlier, "an earlier line") + "); keep one");
        }

        private void apply(YamlTree tree, String file) {
            FileKeys keys = new FileKeys(file, tree.lines(), new HashMap<>());
            tree.root().fields().forEachRemaining(e ->
                    put(e.getKey(), e.getValue(), keys.at("/" + e.getKey()), keys));
        }

        private void applyEnv(Map<String, String> env) {
            String v = env.get("MAPE_DEBUG");
            if (v != null) {
                put("debug", v, "environment variable MAPE_DEBUG", null);
            }
            for (Map<String, ConfigKey<?>> keys : Sections.all().values()) {
                for (ConfigKey<?> key : keys.values()) {
                    String name = key.env().orElse(null);
                    String text = name == null ? null : env.get(name);
                    if (text != null) {
                        String source = "environment variable " + name;
                        values.put(key.path(), parse(key, text, source));
                        sources.put(key.path(), source);
                    }
                }
            }
        }

        private static String caseless(String name, java.util.Collection<String> reserved) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!name.equals("debug") && lower.equals("debug")) {
                return "debug";
            }
            for (String r : reserved) {
                if (!r.equals(name) && r.toLowerCase(Locale.ROOT).equals(lower)) {
                    return r;
                }
            }
            return null;
        }
    }
}
