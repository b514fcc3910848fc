package io.mape.remote.mqtt.internal;

import io.mape.remote.ChannelPattern;
import java.nio.charset.StandardCharsets;

/**
 * Channels as MQTT topic names, and the MQTT filter a source subscribes to for a channel pattern. Stateless.
 */
public final class Topics {

    /** The longest topic name or filter MQTT carries, in UTF-8 bytes. */
    public static final int MAX_BYTES = 65_535;

    private Topics() {
    }

    /**
     * {@code channel}, checked to be an MQTT topic name a sink may publish to: not empty, no {@code +}, {@code #}
     * or NUL, at most {@value #MAX_BYTES} bytes in UTF-8, and not starting with {@code $} (the broker's own topics,
     * which no wildcard subscription hears).
     *
     * @throws IllegalArgumentException saying why it is not one
     */
    public static String checkName(String channel) {
        String why = whyNotAName(channel);
        if (why != null) {
            throw new IllegalArgumentException("'" + shown(channel) + "' is not an MQTT topic name a sink may publish "
                    + "to: " + why);
        }
        return channel;
    }

    /**
     * The narrowest MQTT filter that covers every channel {@code pattern} matches (Redis glob rules): the pattern
     * itself when it has no glob character; else the complete {@code /}-separated levels before its first glob
     * character followed by {@code #}, or {@code #} when the first level has one. The source matches each message
     * against the pattern itself, so it hears exactly what the glob says.
     *
     * @throws IllegalArgumentException when no MQTT topic name can match it
     */
    public static String filter(String pattern) {
        if (!ChannelPattern.isPattern(pattern)) {
            String why = whyNotAName(pattern);
            if (why != null) {
                throw new IllegalArgumentException("'" + shown(pattern) + "' matches no MQTT topic name: " + why);
            }
            return pattern;
        }
        int glob = 0;
        while ("*?[\\".indexOf(pattern.charAt(glob)) < 0) {
            glob++;
        }
        String literal = pattern.substring(0, glob);
        String bad = forbidden(literal);
        if (bad != null) {
            throw new IllegalArgumentException("'" + shown(pattern) + "' matches no MQTT topic name: its literal start "
                    + "has " + bad + ", which no topic name has");
        }
        int level = literal.lastIndexOf('/');
        String filter = level < 0 ? "#" : literal.substring(0, level) + "/#";
        if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("'" + shown(pattern) + "' matches no MQTT topic name: its literal start "
                    + "is over " + MAX_BYTES + " bytes in UTF-8");
        }
        return filter;
    }

    private static String whyNotAName(String channel) {
        if (channel.isEmpty()) {
            return "it is empty";
        }
        String bad = forbidden(channel);
        if (bad != null) {
            return "it has " + bad + " (MQTT's wildcards and NUL are not allowed in a topic name)";
        }
        if (channel.charAt(0) == '$') {
            return "it starts with '$', which MQTT keeps for the broker's own topics ($SYS) and no wildcard "
                    + "subscription hears";
        }
        int bytes = channel.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return "it is " + bytes + " bytes in UTF-8, over MQTT's " + MAX_BYTES;
        }
        return null;
    }

    private static String forbidden(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '+' || c == '#') {
                return "'" + c + "'";
            }
            if (c == '\0') {
                return "a NUL character";
            }
        }
        return null;
    }

    private static String shown(String s) {
        String visible = s.replace("\0", "\\0");
        return visible.length() > 80 ? visible.substring(0, 80) + "... (" + s.length() + " characters)" : visible;
    }
}
