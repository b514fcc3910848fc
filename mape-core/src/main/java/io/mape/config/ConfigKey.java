package io.mape.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.mape.internal.Checks;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One key of a config section ({@code rest.port}): its type, its range, its environment variable and its default.
 * A module declares its keys in its {@link io.mape.config.spi.ConfigSection}; {@link MapeConfig} checks every value
 * from a file, the environment or code against them, and {@link MapeConfig#get(ConfigKey)} reads them back typed.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * public static final ConfigKey<Integer> PORT = ConfigKey.builder("rest.port", Integer.class)
 *         .env("MAPE_REST_PORT").range(0, 65535).defaultValue(6060).build();
 * }</pre>
 *
 * @param <T> {@link String}, {@link Integer} or {@link Boolean}
 */
public final class ConfigKey<T> {

    private final String path;
    private final Class<T> type;
    private final String env;
    private final T defaultValue;
    private final long min;
    private final long max;
    private final boolean notBlank;
    private final Pattern pattern;
    private final String patternMeans;

    private ConfigKey(Builder<T> b) {
        this.path = b.path;
        this.type = b.type;
        this.env = b.env;
        this.defaultValue = b.defaultValue;
        this.min = b.min;
        this.max = b.max;
        this.notBlank = b.notBlank;
        this.pattern = b.pattern;
        this.patternMeans = b.patternMeans;
        if (defaultValue != null) {
            check(defaultValue);
        }
    }

    /**
     * A builder of the key {@code path}, {@code section.member} ({@code "rest.port"}).
     *
     * @param type {@code String.class}, {@code Integer.class} or {@code Boolean.class}
     */
    public static <T> Builder<T> builder(String path, Class<T> type) {
        return new Builder<>(path, type);
    }

    /** The full dotted path, {@code rest.port}. */
    public String path() {
        return path;
    }

    /** The section, {@code rest}. */
    public String section() {
        return path.substring(0, path.indexOf('.'));
    }

    /** The key in its section, {@code port}. */
    public String member() {
        return path.substring(path.indexOf('.') + 1);
    }

    /** The type of its values. */
    public Class<T> type() {
        return type;
    }

    /** The environment variable that sets it, {@code MAPE_REST_PORT}, if any. */
    public Optional<String> env() {
        return Optional.ofNullable(env);
    }

    /** Its value when no source sets it, if any. */
    public Optional<T> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** What a value must be, for messages: {@code "an integer 0..65535"}. */
    public String expected() {
        if (type == Boolean.class) {
            return "true or false";
        }
        if (type == Integer.class) {
            return min == Integer.MIN_VALUE && max == Integer.MAX_VALUE ? "an integer"
                    : "an integer " + min + ".." + max;
        }
        if (pattern != null) {
            return patternMeans;
        }
        return notBlank ? "a non-blank string" : "a string";
    }

    /** The value of a YAML node, or an {@link IllegalArgumentException} saying what it must be. */
    T parse(JsonNode n) {
        Object v;
        if (type == Boolean.class && n.isBoolean()) {
            v = n.booleanValue();
        } else if (type == Integer.class && n.isIntegralNumber() && n.canConvertToLong()) {
            v = n.longValue();
        } else if (type == String.class && n.isTextual()) {
            v = n.textValue();
        } else {
            throw mismatch(n.toString());
        }
        return check(v);
    }

    /** The value of an environment variable's text. */
    T parse(String text) {
        if (type == Boolean.class) {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw mismatch("'" + text + "'");
            }
            return check(Boolean.parseBoolean(text));
        }
        if (type == Integer.class) {
            try {
                return check(Long.parseLong(text.trim()));
            } catch (NumberFormatException e) {
                throw mismatch("'" + text + "'");
            }
        }
        return check(text);
    }

    /** {@code value} (from code, or a parsed one) when it fits: type, range, not blank. */
    T check(Object value) {
        Objects.requireNonNull(value, path);
        Object v = value;
        if (type == Integer.class && (v instanceof Long || v instanceof Short || v instanceof Byte)) {
            long l = ((Number) v).longValue();
            if (l < min || l > max) {
                throw mismatch(Long.toString(l));
            }
            v = (int) l;
        }
        if (!type.isInstance(v)) {
            throw mismatch(v + " (" + v.getClass().getSimpleName() + ")");
        }
        if (v instanceof Integer i && (i < min || i > max)) {
            throw mismatch(i.toString());
        }
        if (v instanceof String s && (notBlank && s.isBlank() || pattern != null && !pattern.matcher(s).matches())) {
            throw mismatch("\"" + s + "\"");
        }
        return type.cast(v);
    }

    private IllegalArgumentException mismatch(String got) {
        return new IllegalArgumentException("key '" + path + "' must be " + expected() + ", got " + got);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigKey<?> k && k.path.equals(path) && k.type == type;
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }

    /** Builds a {@link ConfigKey}. Not thread-safe. */
    public static final class Builder<T> {
        private final String path;
        private final Class<T> type;
        private String env;
        private T defaultValue;
        private long min = Integer.MIN_VALUE;
        private long max = Integer.MAX_VALUE;
        private boolean notBlank;
        private Pattern pattern;
        private String patternMeans;

        private Builder(String path, Class<T> type) {
            Checks.notBlank(path, "path");
            int dot = path.indexOf('.');
            if (dot <= 0 || dot == path.length() - 1 || path.indexOf('.', dot + 1) >= 0) {
                throw new IllegalArgumentException("a config key is section.member, got '" + path + "'");
            }
            if (type != String.class && type != Integer.class && type != Boolean.class) {
                throw new IllegalArgumentException("a config key holds a String, Integer or Boolean, not " + type);
            }
            this.path = path;
            this.type = type;
        }

        /** The environment variable that sets the key ({@code MAPE_REST_PORT}); default none. */
        public Builder<T> env(String variable) {
            this.env = Checks.notBlank(variable, "variable");
            return this;
        }

        /** The value when no source sets it; default none. */
        public Builder<T> defaultValue(T value) {
            this.defaultValue = Objects.requireNonNull(value, "value");
            return this;
        }

        /** For an Integer key: the smallest and largest values allowed; default any int. */
        public Builder<T> range(int min, int max) {
            if (type != Integer.class || min > max) {
                throw new IllegalArgumentException("a range " + min + ".." + max + " for the " + type.getSimpleName()
                        + " key " + path);
            }
            this.min = min;
            this.max = max;
            return this;
        }

        /** For a String key: a blank value (empty or white space) is refused. */
        public Builder<T> notBlank() {
            if (type != String.class) {
                throw new IllegalArgumentException("notBlank() for the " + type.getSimpleName() + " key " + path);
            }
            this.notBlank = true;
            return this;
        }

        /**
         * For a String key: a value must match {@code regex} as a whole; {@code means} says so in messages
         * ({@code "letters and digits"}).
         */
        public Builder<T> pattern(String regex, String means) {
            if (type != String.class) {
                throw new IllegalArgumentException("pattern() for the " + type.getSimpleName() + " key " + path);
            }
            this.pattern = Pattern.compile(regex);
            this.patternMeans = Checks.notBlank(means, "means");
            return this;
        }

        /** The key. */
        public ConfigKey<T> build() {
            return new ConfigKey<>(this);
        }
    }
}
