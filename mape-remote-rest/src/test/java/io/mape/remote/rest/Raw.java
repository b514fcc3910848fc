package io.mape.remote.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Requests written byte by byte on a socket, for what java.net.http will not send (a forged Host, bad lines). */
final class Raw {

    private Raw() {
    }

    /** The status line, headers and body the server answered. */
    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends {@code request} as it is (with {@code \r\n} line ends) and reads the answer until the server closes. */
    static Answer send(URI server, String request) {
        try (Socket s = new Socket(server.getHost(), server.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                String sofar = out.toString(StandardCharsets.UTF_8);
                int end = sofar.indexOf("\r\n\r\n");
                if (end >= 0 && complete(sofar, end)) {
                    break;
                }
            }
            String all = out.toString(StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String head = end < 0 ? all : all.substring(0, end);
            String body = end < 0 ? "" : all.substring(end + 4);
            return new Answer(Integer.parseInt(head.split(" ")[1]), head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean complete(String sofar, int headEnd) {
        String head = sofar.substring(0, headEnd).toLowerCase(Locale.ROOT);
        int i = head.indexOf("content-length:");
        if (i < 0) {
            return false;
        }
        int len = Integer.parseInt(head.substring(i + 15).split("\r\n")[0].trim());
        return sofar.getBytes(StandardCharsets.UTF_8).length - headEnd - 4 >= len;
    }

    /** A request line and headers for {@code server}, with its Host, and {@code Connection: close}. */
    static String request(URI server, String requestLine, String... headers) {
        StringBuilder b = new StringBuilder(requestLine).append("\r\n");
        b.append("Host: ").append(server.getHost()).append(':').append(server.getPort()).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("Connection: close\r\n\r\n").toString();
    }
}
