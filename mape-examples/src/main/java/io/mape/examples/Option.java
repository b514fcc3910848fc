package io.mape.examples;

import java.util.List;
import java.util.Objects;
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

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final String name;
    private final String metavar;
    private final String help;
    private final T defaultValue;
    private final Parser<T> parser;

    private Option(String name, String metavar, String help, T defaultValue, Parser<T> parser) {
        this.name = Objects.requireNonNull(name, "name");
        this.metavar = metavar;
        this.help = Objects.requireNonNull(help, "help");
        this.defaultValue = defaultValue;
        this.parser = parser;
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

    /** The same option with another default. */
    public Option<T> withDefault(T value) {
        return new Option<>(name, metavar, help, value, parser);
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

    T parse(String value) throws UsageException {
        return parser.parse(value);
    }

    /** One line for {@code --help}. */
    public String usage() {
        String left = isFlag() ? name : name + " " + metavar;
        String def = isFlag() || defaultValue == null ? "" : " (default " + defaultValue + ")";
        return String.format("%-18s %s%s", left, help, def);
    }

    @Override
    public String toString() {
        return name;
    }
}
