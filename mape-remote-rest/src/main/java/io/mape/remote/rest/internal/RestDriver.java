package io.mape.remote.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mape.remote.ChannelPattern;
import io.mape.remote.spi.SendResult;
import io.mape.remote.spi.TransportDriver;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * REST as a {@link TransportDriver}: {@code send} POSTs the item to {@code /channels/{channel}} of every peer whose
 * pattern matches the channel, over the App's shared HTTP client ({@link Http.Client}); {@code subscribe}
 * registers with the {@link ChannelHub} of the local server's App. One send in flight per sink
 * ({@link #maxInFlight()} 1), so a retry never overtakes.
 *
 * <p>An answer, as {@link Http} reads it: 2xx is taken ({@code ACKNOWLEDGED} when a receiver took it, else
 * {@code SENT}); a refused connection, no full answer within the request timeout, 408, 425, 429, 502, 503 or 504 is
 * {@code RETRY}; any other status, and a connection cut once the request may have been written, is {@code FAILED}
 * with the server's JSON error as the cause (the outbox counts and logs it, rate-limited). With several peers, a retry goes only to those that did not take the
 * item yet. Thread-safe; answers come on the HTTP client's threads.
 */
public final class RestDriver implements TransportDriver {

    /** One row of the peer table. */
    public record Peer(String pattern, URI base, String token) {
        @Override
        public String toString() {
            return pattern + " -> " + base;
        }
    }

    private record Route(Peer peer, ChannelPattern pattern) {
    }

    private enum Outcome { TAKEN, HEARD, RETRY, FAILED }

    private record Answer(Route route, Outcome outcome, Throwable cause) {
    }

    /** The peers that already took an item whose send answered RETRY, until it is answered otherwise. */
    private static final class Progress {
        final Set<Route> taken = new HashSet<>();
        boolean heard;
    }

    private final List<Route> routes;
    private final ChannelHub hub;
    private final Http.Client client;
    private final ObjectMapper mapper;
    private final Duration requestTimeout;
    private final String name;
    private final Map<byte[], Progress> partial = new IdentityHashMap<>();
    private final Map<Subscription, Receiver> subscriptions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public RestDriver(List<Peer> peers, ChannelHub hub, Http.Client client, ObjectMapper mapper,
            Duration requestTimeout, URI local) {
        this.routes = peers.stream().map(p -> new Route(p, ChannelPattern.of(p.pattern()))).toList();
        this.hub = hub;
        this.client = client;
        this.mapper = mapper;
        this.requestTimeout = requestTimeout;
        this.name = "REST at " + local + (peers.isEmpty() ? ", no peers"
                : " to " + peers.stream().map(Peer::toString).collect(Collectors.joining(", ")));
    }

    @Override
    public String name() {
        return name;
    }

    /** Always, until closed: HTTP keeps no standing connection; a peer that is away answers RETRY. */
    @Override
    public boolean isConnected() {
        return !closed;
    }

    @Override
    public int maxInFlight() {
        return 1;
    }

    @Override
    public void send(String channel, byte[] body, SendCallback done) {
        List<Route> to = new ArrayList<>();
        Progress progress;
        synchronized (partial) {
            progress = partial.get(body);
        }
        for (Route r : routes) {
            if (r.pattern.matches(channel) && (progress == null || !progress.taken.contains(r))) {
                to.add(r);
            }
        }
        if (to.isEmpty() && progress == null) {
            done.done(SendResult.FAILED, new IllegalArgumentException("no peer for channel '" + channel
                    + "' (peers: " + routes.stream().map(r -> r.peer.pattern()).toList() + ")"));
            return;
        }
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (Route r : to) {
            answers.add(post(r, channel, body));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> finish(body, answers.stream().map(CompletableFuture::join).toList(), done));
    }

    private void finish(byte[] body, List<Answer> answers, SendCallback done) {
        Throwable failed = null;
        Throwable retry = null;
        boolean heard;
        synchronized (partial) {
            Progress p = partial.computeIfAbsent(body, b -> new Progress());
            for (Answer a : answers) {
                switch (a.outcome) {
                    case HEARD -> {
                        p.heard = true;
                        p.taken.add(a.route);
                    }
                    case TAKEN -> p.taken.add(a.route);
                    case RETRY -> retry = retry == null ? a.cause : retry;
                    case FAILED -> failed = failed == null ? a.cause : failed;
                }
            }
            heard = p.heard;
            if (failed != null || retry == null || closed) {
                partial.remove(body);
            }
        }
        if (failed != null) {
            done.done(SendResult.FAILED, failed);
        } else if (retry != null) {
            done.done(closed ? SendResult.FAILED : SendResult.RETRY, retry);
        } else {
            done.done(heard ? SendResult.ACKNOWLEDGED : SendResult.SENT, null);
        }
    }

    private CompletableFuture<Answer> post(Route r, String channel, byte[] body) {
        return Http.post(client, uri(r.peer.base(), channel), r.peer.token() == null ? null
                : "Bearer " + r.peer.token(), requestTimeout, body).thenApply(reply -> {
                    if (reply.taken()) {
                        return new Answer(r, receivers(reply.response().body()) > 0 ? Outcome.HEARD : Outcome.TAKEN,
                                null);
                    }
                    return new Answer(r, reply.result() == SendResult.RETRY ? Outcome.RETRY : Outcome.FAILED,
                            reply.cause());
                });
    }

    private int receivers(String body) {
        try {
            JsonNode n = mapper.readTree(body);
            return n != null && n.path("receivers").canConvertToInt() ? n.path("receivers").asInt() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static URI uri(URI base, String channel) {
        String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return base.resolve(prefix + "/channels/" + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }

    @Override
    public Subscription subscribe(String pattern, Receiver receiver) {
        Subscription s = hub.subscribe(pattern, receiver);
        Subscription tracked = () -> {
            if (subscriptions.remove(s) != null) {
                s.cancel();
            }
        };
        subscriptions.put(s, receiver);
        if (closed) {
            closeOne(s);
        }
        return tracked;
    }

    private void closeOne(Subscription s) {
        Receiver r = subscriptions.remove(s);
        if (r != null) {
            s.cancel();
            r.closed();
        }
    }

    /** Cancels every subscription (the hub delivers nothing after), then tells each receiver it is closed. */
    @Override
    public void close() {
        closed = true;
        List.copyOf(subscriptions.keySet()).forEach(this::closeOne);
        synchronized (partial) {
            partial.clear();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
