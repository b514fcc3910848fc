package io.mape.remote.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Two plain RESP exchanges on a raw socket, so that the harness needs no client library to see a server up. */
final class Resp {

    private Resp() {
    }

    static boolean ping(int port) {
        try {
            return exchange(port, "PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    static String version(int port) {
        try {
            String info = exchange(port, "INFO server");
            int i = info.indexOf("redis_version:");
            return i < 0 ? "?" : info.substring(i + 14, info.indexOf('\r', i));
        } catch (IOException e) {
            return "?";
        }
    }

    private static String exchange(int port, String command) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
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
