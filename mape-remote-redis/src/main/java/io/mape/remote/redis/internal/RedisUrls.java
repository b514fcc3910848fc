package io.mape.remote.redis.internal;

import io.lettuce.core.RedisURI;
import io.mape.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and redacts the URLs of a Redis: {@code redis://} and {@code rediss://} (one server),
 * {@code redis-sentinel://} (also {@code redis+sentinel://}, {@code rediss-sentinel://}: a sentinel-managed primary)
 * and {@code redis-cluster://} ({@code rediss-cluster://}: a Redis Cluster, by its seed nodes). Stateless.
 */
public final class RedisUrls {

    private static final String FORM = "redis://[user:password@]host[:port][/database] (rediss:// for TLS), "
            + "redis-sentinel://[user:password@]host:port[,host:port...][/database]#primaryName, or "
            + "redis-cluster://[user:password@]host:port[,host:port...]";

    private RedisUrls() {
    }

    /** Whether {@code url} names a Redis Cluster ({@code redis-cluster://}, {@code rediss-cluster://}). */
    public static boolean isCluster(String url) {
        String u = url == null ? "" : url.trim();
        return u.startsWith("redis-cluster://") || u.startsWith("rediss-cluster://");
    }

    /**
     * Checks a URL of any of the three forms.
     *
     * @throws ConfigException naming what is wrong, with the password hidden
     */
    public static void check(String url) {
        if (isCluster(url)) {
            seeds(url);
        } else {
            parse(url);
        }
    }

    /**
     * The Lettuce URI of a {@code redis://}, {@code rediss://} or sentinel URL ({@code redis+sentinel://} becomes
     * Lettuce's {@code redis-sentinel://}).
     *
     * @throws ConfigException naming what is wrong, with the password hidden; for a cluster URL too, which names
     *                         several nodes ({@link #seeds})
     */
    public static RedisURI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigException("redis.url is empty; expected " + FORM);
        }
        String given = url.trim();
        if (isCluster(given)) {
            throw new ConfigException("redis.url '" + redact(url) + "' names a cluster, which this part of "
                    + "mape-remote-redis does not connect to; expected redis://, rediss:// or redis-sentinel://");
        }
        String lettuce = given.startsWith("redis+sentinel://") ? "redis-sentinel" + given.substring(14) : given;
        if (lettuce.startsWith("redis-sentinel://") || lettuce.startsWith("rediss-sentinel://")) {
            Endpoints e = endpoints(url, lettuce);
            if (e.fragment == null || e.fragment.isBlank()) {
                throw new ConfigException("redis.url '" + redact(url) + "' names no primary: end it with "
                        + "#primaryName (the name the sentinels monitor it under); expected " + FORM);
            }
            database(url, e.path);
            return lettuceUri(url, lettuce);
        }
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new ConfigException("redis.url '" + redact(url) + "' is not a URL (" + scrub(e.getReason(), url)
                    + "); expected " + FORM);
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new ConfigException("redis.url '" + redact(url) + "' must start with redis://, rediss://, "
                    + "redis-sentinel:// or redis-cluster://; expected " + FORM);
        }
        if (uri.getHost() == null) {
            throw new ConfigException("redis.url '" + redact(url) + "' names no host; expected " + FORM);
        }
        database(url, uri.getPath());
        return lettuceUri(url, given);
    }

    /**
     * The seed nodes of a {@code redis-cluster://} URL, each with the URL's user and password, TLS for
     * {@code rediss-cluster://}. A cluster has only database 0.
     *
     * @throws ConfigException naming what is wrong, with the password hidden
     */
    public static List<RedisURI> seeds(String url) {
        if (!isCluster(url)) {
            throw new ConfigException("redis.url '" + redact(url) + "' is not a cluster URL; expected " + FORM);
        }
        String given = url.trim();
        Endpoints e = endpoints(url, given);
        if (e.fragment != null || e.query != null) {
            throw new ConfigException("redis.url '" + redact(url) + "': a cluster URL takes no #fragment or "
                    + "?options; expected " + FORM);
        }
        if (database(url, e.path) != 0) {
            throw new ConfigException("redis.url '" + redact(url) + "': a Redis Cluster has only database 0");
        }
        boolean tls = given.startsWith("rediss-");
        List<RedisURI> seeds = new ArrayList<>();
        for (String[] hp : e.hosts) {
            RedisURI.Builder b = RedisURI.builder().withHost(hp[0]).withPort(Integer.parseInt(hp[1])).withSsl(tls);
            if (e.password != null) {
                if (e.user == null || e.user.isEmpty()) {
                    b.withPassword(e.password.toCharArray());
                } else {
                    b.withAuthentication(e.user, e.password.toCharArray());
                }
            }
            seeds.add(b.build());
        }
        return seeds;
    }

    /** The parts of a URL with one or more {@code host:port}s, checked. */
    private record Endpoints(String user, String password, List<String[]> hosts, String path, String query,
            String fragment) {
    }

    private static Endpoints endpoints(String url, String form) {
        String rest = form.substring(form.indexOf("://") + 3);
        int at = rest.lastIndexOf('@');
        String user = null;
        String password = null;
        if (at >= 0) {
            String info = rest.substring(0, at);
            int colon = info.indexOf(':');
            user = colon < 0 ? "" : info.substring(0, colon);
            password = colon < 0 ? info : info.substring(colon + 1);
            rest = rest.substring(at + 1);
        }
        String fragment = null;
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            fragment = rest.substring(hash + 1);
            rest = rest.substring(0, hash);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String path = slash < 0 ? "" : rest.substring(slash);
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        List<String[]> hosts = new ArrayList<>();
        for (String node : authority.split(",", -1)) {
            int colon = node.lastIndexOf(':');
            String host = colon < 0 ? node : node.substring(0, colon);
            String port = colon < 0 ? "" : node.substring(colon + 1);
            if (host.isEmpty() || !host.matches("[A-Za-z0-9._\\-]+|\\[[0-9A-Fa-f:.]+\\]")) {
                throw new ConfigException("redis.url '" + redact(url) + "' names no valid host in '" + node
                        + "'; expected " + FORM);
            }
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
                throw new ConfigException("redis.url '" + redact(url) + "': '" + node + "' needs a port (1-65535)"
                        + "; expected " + FORM);
            }
            hosts.add(new String[] {host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port});
        }
        return new Endpoints(user, password, hosts, path, query, fragment);
    }

    private static int database(String url, String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        if (!path.substring(1).matches("\\d{1,5}")) {
            throw new ConfigException("redis.url '" + redact(url) + "': the database '" + path.substring(1)
                    + "' must be a number; expected " + FORM);
        }
        return Integer.parseInt(path.substring(1));
    }

    private static RedisURI lettuceUri(String url, String form) {
        try {
            return RedisURI.create(form);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("redis.url '" + redact(url) + "' is not valid: "
                    + scrub(e.getMessage(), url) + "; expected " + FORM);
        }
    }

    /**
     * {@code text} with the password of {@code url} replaced by {@code ***}. The causes of a parse failure are not
     * chained, as their messages quote the URL as it was given.
     */
    private static String scrub(String text, String url) {
        String userInfo = userInfo(url);
        if (text == null || userInfo == null) {
            return text == null ? "" : text;
        }
        String password = userInfo.substring(userInfo.indexOf(':') + 1);
        return password.isEmpty() ? text : text.replace(password, "***");
    }

    /** The URL with its password replaced by {@code ***}, for messages and logs. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String userInfo = userInfo(url);
        if (userInfo == null) {
            return url;
        }
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return url.substring(0, url.indexOf("://") + 3) + (user.isEmpty() ? "" : user + ":") + "***"
                + url.substring(url.lastIndexOf('@'));
    }

    /** What stands between {@code ://} and the last {@code @}, or null when there is no such part. */
    private static String userInfo(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        return scheme < 0 || at < scheme ? null : url.substring(scheme + 3, at);
    }
}
