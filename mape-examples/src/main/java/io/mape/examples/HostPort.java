package io.mape.examples;

import java.net.URI;
import java.util.Objects;

/**
 * A network address as given on a command line: {@code HOST:PORT}, {@code [v6]:PORT} for an IPv6 address.
 *
 * @param host a name or an address, without brackets
 * @param port 0 to 65535
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    /** Parses {@code value} for option {@code option}, whose port must be at least {@code minPort}. */
    static HostPort parse(String option, String value, int minPort) throws UsageException {
        String expected = option + " takes HOST:PORT (such as 127.0.0.1:6060), not '" + value + "'";
        URI u;
        try {
            u = URI.create("http://" + value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(expected);
        }
        if (u.getHost() == null || u.getRawUserInfo() != null || u.getRawQuery() != null
                || u.getRawFragment() != null || u.getRawPath() != null && !u.getRawPath().isEmpty()) {
            throw new UsageException(expected);
        }
        if (u.getPort() < 0) {
            throw new UsageException(expected + ": no port");
        }
        if (u.getPort() < minPort || u.getPort() > 65535) {
            throw new UsageException(option + ": the port must be between " + minPort + " and 65535, not "
                    + u.getPort());
        }
        String h = u.getHost();
        return new HostPort(h.startsWith("[") ? h.substring(1, h.length() - 1) : h, u.getPort());
    }

    /** {@code http://host:port}. */
    public String httpUrl() {
        return "http://" + this;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
