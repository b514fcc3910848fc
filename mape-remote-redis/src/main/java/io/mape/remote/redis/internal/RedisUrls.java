package io.mape.remote.redis.internal;

import io.lettuce.core.RedisURI;
import io.mape.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;

/** Parses and redacts {@code redis://} and {@code rediss://} URLs. */
public final class RedisUrls {

    private static final String FORM = "redis://[user:password@]host[:port][/database] (rediss:// for TLS)";

    private RedisUrls() {
    }

    /**
     * The Lettuce URI of a {@code redis://} or {@code rediss://} URL.
     *
     * @throws ConfigException naming what is wrong, with the password hidden
     */
    public static RedisURI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigException("redis.url is empty; expected " + FORM);
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("redis.url '" + redact(url) + "' is not a URL (" + e.getReason() + "); expected "
                    + FORM);
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new ConfigException("redis.url '" + redact(url) + "' must start with redis:// or rediss://; expected "
                    + FORM);
        }
        if (uri.getHost() == null) {
            throw new ConfigException("redis.url '" + redact(url) + "' names no host; expected " + FORM);
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/") && !path.substring(1).matches("\\d{1,5}")) {
            throw new ConfigException("redis.url '" + redact(url) + "': the database '" + path.substring(1)
                    + "' must be a number; expected " + FORM);
        }
        try {
            return RedisURI.create(url.trim());
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
