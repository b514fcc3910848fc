package io.mape.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 * influxdb: { url: http://127.0.0.1:8086, token: ..., org: ..., bucket: ... }
 * car:      { name: panda, speed: 90 }      # any other key is a user key: config.get("car.speed", Integer.class)
 * </pre>
 *
 * <p>Environment variables: {@code MAPE_DEBUG}, {@code MAPE_REDIS_URL}, {@code MAPE_REST_HOST},
 * {@code MAPE_REST_PORT}, {@code MAPE_REST_TOKEN}, {@code MAPE_INFLUXDB_URL}, {@code MAPE_INFLUXDB_TOKEN}, {@code MAPE_INFLUXDB_ORG},
 * {@code MAPE_INFLUXDB_BUCKET}. A malformed file or a key of the wrong type is a {@link ConfigException} naming
 * the file (or variable) and the key.
 */
public final class MapeConfig {

    /** The file {@link #load()} reads from the working directory when it exists. */
    public static final String FILE_NAME = "mape.yml";
    public static final String DEFAULT_REST_HOST = "127.0.0.1";
    public static final int DEFAULT_REST_PORT = 6060;

    private static final ObjectMapper YAML = new YAMLMapper();

    private final boolean debug;
    private final String redisUrl;
    private final String restHost;
    private final int restPort;
    private final String restToken;
    private final Influx influxdb;
    private final ObjectNode user;

    /** The {@code influxdb} section; any member may be null. */
    public record Influx(String url, String token, String org, String bucket) {
    }

    private MapeConfig(Builder b) {
        this.debug = b.debug;
        this.redisUrl = b.redisUrl;
        this.restHost = b.restHost;
        this.restPort = b.restPort;
        this.restToken = b.restToken;
        this.influxdb = new Influx(b.influxUrl, b.influxToken, b.influxOrg, b.influxBucket);
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
     * @throws ConfigException naming the file or variable and the key at fault
     */
    public static MapeConfig load(Path file, Map<String, String> env) {
        Builder b = builder();
        if (file != null) {
            b.apply(read(file), file.toString());
        }
        b.applyEnv(env);
        return b.build();
    }

    private static ObjectNode read(Path file) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            if (root == null || root.isMissingNode() || root.isNull()) {
                return YAML.createObjectNode();
            }
            if (!root.isObject()) {
                throw new ConfigException(file + ": expected a mapping of keys at the top, got " + root.getNodeType());
            }
            return (ObjectNode) root;
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to override some in code. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.debug = debug;
        b.redisUrl = redisUrl;
        b.restHost = restHost;
        b.restPort = restPort;
        b.restToken = restToken;
        b.influxUrl = influxdb.url();
        b.influxToken = influxdb.token();
        b.influxOrg = influxdb.org();
        b.influxBucket = influxdb.bucket();
        b.user = user.deepCopy();
        return b;
    }

    /** Whether elements log what crosses them ({@code debug}). */
    public boolean debug() {
        return debug;
    }

    /** {@code redis.url}: a {@code redis://} or {@code rediss://} URL, if set. */
    public Optional<String> redisUrl() {
        return Optional.ofNullable(redisUrl);
    }

    /** {@code rest.host}, default {@value #DEFAULT_REST_HOST}: loopback unless told otherwise. */
    public String restHost() {
        return restHost;
    }

    /** {@code rest.port}, default {@value #DEFAULT_REST_PORT}; 0 picks a free port. */
    public int restPort() {
        return restPort;
    }

    /** {@code rest.token}: the bearer token a REST server asks of every request, if set. */
    public Optional<String> restToken() {
        return Optional.ofNullable(restToken);
    }

    /** The {@code influxdb} section. */
    public Influx influxdb() {
        return influxdb;
    }

    /**
     * A user key by dot path, converted to {@code type}.
     *
     * @throws ConfigException when the value does not convert
     */
    public <T> Optional<T> get(String path, Class<T> type) {
        JsonNode n = user;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(YAML.treeToValue(n, type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException("key '" + path + "' must be " + type.getSimpleName() + ", got " + n, e);
        }
    }

    /** The user keys as plain maps and values. */
    public Map<String, Object> userKeys() {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = YAML.convertValue(user, LinkedHashMap.class);
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return "MapeConfig{debug=" + debug + ", redis.url=" + redisUrl + ", rest=" + restHost + ":" + restPort
                + ", influxdb.url=" + influxdb.url() + ", user=" + user + "}";
    }

    /** Builds a {@link MapeConfig}; every setter overrides what was there. */
    public static final class Builder {
        private boolean debug;
        private String redisUrl;
        private String restHost = DEFAULT_REST_HOST;
        private int restPort = DEFAULT_REST_PORT;
        private String restToken;
        private String influxUrl;
        private String influxToken;
        private String influxOrg;
        private String influxBucket;
        private ObjectNode user = YAML.createObjectNode();

        private Builder() {
        }

        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        public Builder redisUrl(String url) {
            this.redisUrl = url;
            return this;
        }

        public Builder restHost(String host) {
            this.restHost = Objects.requireNonNull(host, "host");
            return this;
        }

        public Builder restPort(int port) {
            if (port < 0 || port > 65535) {
                throw new ConfigException("rest.port must be 0..65535, got " + port);
            }
            this.restPort = port;
            return this;
        }

        /** The bearer token of {@code rest.token}; null for none. */
        public Builder restToken(String token) {
            this.restToken = token;
            return this;
        }

        public Builder influxdb(String url, String token, String org, String bucket) {
            this.influxUrl = url;
            this.influxToken = token;
            this.influxOrg = org;
            this.influxBucket = bucket;
            return this;
        }

        /** Sets a user key by dot path ({@code "car.speed"}). */
        public Builder set(String path, Object value) {
            String[] parts = path.split("\\.");
            ObjectNode n = user;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = n.get(parts[i]);
                n = child instanceof ObjectNode o ? o : n.putObject(parts[i]);
            }
            n.set(parts[parts.length - 1], YAML.valueToTree(value));
            return this;
        }

        public MapeConfig build() {
            return new MapeConfig(this);
        }

        private void apply(ObjectNode root, String source) {
            root.fields().forEachRemaining(e -> {
                String key = e.getKey();
                JsonNode v = e.getValue();
                switch (key) {
                    case "debug" -> debug = bool(v, source, "debug");
                    case "redis" -> redisUrl = string(section(v, source, "redis"), source, "redis", "url", redisUrl);
                    case "rest" -> {
                        JsonNode s = section(v, source, "rest");
                        restHost = string(s, source, "rest", "host", restHost);
                        restToken = string(s, source, "rest", "token", restToken);
                        JsonNode port = s.get("port");
                        if (port != null) {
                            if (!port.canConvertToInt() || !port.isIntegralNumber()) {
                                throw wrong(source, "rest.port", "an integer port", port);
                            }
                            restPort(port.asInt());
                        }
                    }
                    case "influxdb" -> {
                        JsonNode s = section(v, source, "influxdb");
                        influxUrl = string(s, source, "influxdb", "url", influxUrl);
                        influxToken = string(s, source, "influxdb", "token", influxToken);
                        influxOrg = string(s, source, "influxdb", "org", influxOrg);
                        influxBucket = string(s, source, "influxdb", "bucket", influxBucket);
                    }
                    default -> user.set(key, v);
                }
            });
        }

        private void applyEnv(Map<String, String> env) {
            String v;
            if ((v = env.get("MAPE_DEBUG")) != null) {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new ConfigException("environment variable MAPE_DEBUG (key 'debug') must be true or false, got '" + v + "'");
                }
                debug = Boolean.parseBoolean(v);
            }
            redisUrl = env.getOrDefault("MAPE_REDIS_URL", redisUrl);
            restHost = env.getOrDefault("MAPE_REST_HOST", restHost);
            restToken = env.getOrDefault("MAPE_REST_TOKEN", restToken);
            if ((v = env.get("MAPE_REST_PORT")) != null) {
                try {
                    restPort(Integer.parseInt(v.trim()));
                } catch (NumberFormatException e) {
                    throw new ConfigException("environment variable MAPE_REST_PORT (key 'rest.port') must be an integer, got '" + v + "'", e);
                }
            }
            influxUrl = env.getOrDefault("MAPE_INFLUXDB_URL", influxUrl);
            influxToken = env.getOrDefault("MAPE_INFLUXDB_TOKEN", influxToken);
            influxOrg = env.getOrDefault("MAPE_INFLUXDB_ORG", influxOrg);
            influxBucket = env.getOrDefault("MAPE_INFLUXDB_BUCKET", influxBucket);
        }

        private static JsonNode section(JsonNode v, String source, String key) {
            if (!v.isObject()) {
                throw wrong(source, key, "a mapping", v);
            }
            return v;
        }

        private static String string(JsonNode section, String source, String key, String member, String current) {
            JsonNode n = section.get(member);
            if (n == null) {
                return current;
            }
            if (!n.isTextual()) {
                throw wrong(source, key + "." + member, "a string", n);
            }
            return n.asText();
        }

        private static boolean bool(JsonNode v, String source, String key) {
            if (!v.isBoolean()) {
                throw wrong(source, key, "true or false", v);
            }
            return v.asBoolean();
        }

        private static ConfigException wrong(String source, String key, String expected, JsonNode got) {
            return new ConfigException(source + ": key '" + key + "' must be " + expected + ", got " + got);
        }
    }
}
