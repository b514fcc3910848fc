package io.mape.examples;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One command-line option of an example: its name ({@code --steps}), what its value looks like, how it is parsed
 * and checked, and its default. Immutable; {@link #withDefault} makes a copy, so one option can be shared by
 * examples with different defaults.
 *
 * @param <T> the type of its value
 */
public final class Option<T> {

    /** Parses one value; the message of a {@link UsageException} says what was expected. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String value) throws UsageException;
    }

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String name;
    private final String metavar;
    private final String help;
    private final T defaultValue;
    private final Parser<T> parser;
    private final boolean many;

    private Option(String name, String metavar, String help, T defaultValue, Parser<T> parser) {
        this(name, metavar, help, defaultValue, parser, false);
    }

    private Option(String name, String metavar, String help, T defaultValue, Parser<T> parser, boolean many) {
        this.name = Objects.requireNonNull(name, "name");
        this.metavar = metavar;
        this.help = Objects.requireNonNull(help, "help");
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.many = many;
    }

    /** A flag: present or not; takes no value; default false. */
    public static Option<Boolean> flag(String name, String help) {
        return new Option<>(name, null, help, false, null);
    }

    /** A whole number in {@code [min, max]}. */
    public static Option<Long> number(String name, String metavar, long min, long max, Long defaultValue, String help) {
        return new Option<>(name, metavar, help, defaultValue, value -> {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new UsageException(name + " takes a whole number, not '" + value + "'");
            }
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        });
    }

    /**
     * A name that can go into a loop uid and a channel name: letters, digits, {@code _} and {@code -}, no dots
     * (a dot separates the parts of an element path).
     */
    public static Option<String> name(String name, String metavar, String defaultValue, String help) {
        return new Option<>(name, metavar, help, defaultValue, value -> {
            if (!NAME.matcher(value).matches()) {
                throw new UsageException(name + " takes letters, digits, '_' and '-' only, not '" + value + "'");
            }
            return value;
        });
    }

    /** One of a few words. */
    public static Option<String> choice(String name, List<String> choices, String defaultValue, String help) {
        List<String> copy = List.copyOf(choices);
        return new Option<>(name, String.join("|", copy), help, defaultValue, value -> {
            if (!copy.contains(value)) {
                throw new UsageException(name + " takes one of " + String.join(", ", copy) + ", not '" + value + "'");
            }
            return value;
        });
    }

    /**
     * An address {@code HOST:PORT} ({@code [v6]:PORT} for an IPv6 address) with a port in {@code [minPort, 65535]}
     * (0 asks for a free port where a server listens).
     */
    public static Option<HostPort> hostPort(String name, int minPort, String help) {
        return new Option<>(name, "HOST:PORT", help, null, value -> HostPort.parse(name, value, minPort));
    }

    /** A URL {@code scheme://host[:port][/path]} whose scheme is one of {@code schemes}; no query, no fragment. */
    public static Option<URI> url(String name, Set<String> schemes, String example, String help) {
        Set<String> allowed = Set.copyOf(schemes);
        return new Option<>(name, "URL", help, null, value -> {
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new UsageException(name + " takes a URL such as " + example + ", not '" + value + "': "
                        + e.getReason());
            }
            if (uri.getScheme() == null || !allowed.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new UsageException(name + " takes a URL such as " + example + ", not '" + value
                        + "' (the scheme must be " + String.join(" or ", allowed.stream().sorted().toList()) + ")");
            }
            if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new UsageException(name + " takes a URL such as " + example + ", not '" + value
                        + "' (a host, no query, no fragment)");
            }
            if (uri.getPort() == 0 || uri.getPort() > 65535) {
                throw new UsageException(name + " takes a URL such as " + example + ", not '" + value
                        + "' (the port must be 1 to 65535)");
            }
            return uri;
        });
    }

    /** Any text but an empty one (a token, an organization). */
    public static Option<String> text(String name, String metavar, String help) {
        return new Option<>(name, metavar, help, null, value -> {
            if (value.isBlank()) {
                throw new UsageException(name + " must not be blank");
            }
            return value;
        });
    }

    /**
     * One or more values, each parsed by {@code each}: given after the option separated by spaces
     * ({@code --cars a b}), by commas ({@code --cars a,b}), or both; default the empty list.
     */
    public static <E> Option<List<E>> list(String name, String metavar, Parser<E> each, String help) {
        return new Option<>(name, metavar + " ...", help, List.of(), value -> {
            List<E> values = new ArrayList<>();
            for (String v : value.split(",")) {
                if (!v.isBlank()) {
                    values.add(each.parse(v.trim()));
                }
            }
            if (values.isEmpty()) {
                throw new UsageException(name + " needs at least one " + metavar);
            }
            return List.copyOf(values);
        }, true);
    }

    /** The same option with another default. */
    public Option<T> withDefault(T value) {
        return new Option<>(name, metavar, help, value, parser, many);
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** Whether it is a flag (takes no value). */
    public boolean isFlag() {
        return parser == null;
    }

    /** Whether it takes every following word that is not an option ({@link #list}). */
    boolean takesMany() {
        return many;
    }

    T parse(String value) throws UsageException {
        return parser.parse(value);
    }

    /** One line for {@code --help}. */
    public String usage() {
        String left = isFlag() ? name : name + " " + metavar;
        String def = isFlag() || defaultValue == null || defaultValue instanceof List<?> l && l.isEmpty() ? ""
                : " (default " + defaultValue + ")";
        return String.format("%-26s %s%s", left, help, def);
    }

    @Override
    public String toString() {
        return name;
    }
}
