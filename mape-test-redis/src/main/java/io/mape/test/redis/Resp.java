package io.mape.test.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Two plain RESP exchanges on a raw socket, so that a harness needs no client library to see a server up (the
 * cluster and sentinel harnesses of mape-remote-redis's tests use it too).
 */
public final class Resp {

    private Resp() {
    }

    /** Whether a server on loopback {@code port} answers {@code PING}. */
    public static boolean ping(int port) {
        try {
            return exchange("127.0.0.1", port, null, "PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static String version(int port) {
        return version("127.0.0.1", port, null);
    }

    /** {@code redis_version} of the server, {@code ?} when it does not say; {@code auth} (user and password) first. */
    static String version(String host, int port, String auth) {
        try {
            String info = exchange(host, port, auth, "INFO server");
            int i = info.indexOf("redis_version:");
            return i < 0 ? "?" : info.substring(i + 14, info.indexOf('\r', i));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String exchange(String host, int port, String auth, String command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            if (auth != null) {
                out.write(("AUTH " + auth + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String answer = read(in);
                if (!answer.startsWith("+OK")) {
                    throw new IOException("AUTH refused: " + answer.strip());
                }
            }
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return read(in);
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] buf = new byte[16384];
        StringBuilder sb = new StringBuilder();
        int n;
        while ((n = in.read(buf)) > 0) {
            sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            if (complete(sb)) {
                break;
            }
        }
        return sb.toString();
    }

    private static boolean complete(StringBuilder sb) {
        if (sb.length() == 0 || sb.indexOf("\r\n") < 0) {
            return false;
        }
        if (sb.charAt(0) != '$') {
            return true;
        }
        int eol = sb.indexOf("\r\n");
        int len = Integer.parseInt(sb.substring(1, eol));
        return len < 0 || sb.length() >= eol + 2 + len + 2;
    }
}
