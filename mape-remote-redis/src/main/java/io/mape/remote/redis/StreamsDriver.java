package io.mape.remote.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import io.mape.internal.LossLog;
import io.mape.remote.ChannelPattern;
import io.mape.remote.spi.SendResult;
import io.mape.remote.spi.TransportDriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis Streams as a {@link TransportDriver}.
 *
 * <p><b>Sending</b> is {@code XADD <prefix><channel> MAXLEN ~ n * b <body> u <unique id>} on the remote's publishing
 * connection (which rejects commands while disconnected: a send that was not written answers
 * {@link SendResult#RETRY}). One send of a sink is in flight at a time ({@link #maxInFlight()} 1), so that a send
 * cut off in flight can be retried too without reordering: it may have been written, so its retry is a script that
 * looks for its unique id among the entries added since the last id this driver was answered for the channel, and
 * appends only when it is not there. So nothing is lost or duplicated by a Redis crash whose AOF kept what it
 * answered.
 *
 * <p><b>Receiving</b>: each subscription has a reader thread with a connection of its own, blocking in
 * {@code XREADGROUP} on its streams (one for a channel; for a pattern, those {@code SCAN MATCH … TYPE stream} finds,
 * looked up again every {@link RedisStreamsOptions#patternRefresh()}). The receiver's {@code ack} sends
 * {@code XACK} on the remote's command connection (which buffers while disconnected). Every half
 * {@link RedisStreamsOptions#reclaimIdle()} it takes over, with {@code XAUTOCLAIM}, the entries of its group left
 * unacknowledged that long (by a consumer that died, or by an observer that failed or dropped them), delivers them
 * again, and moves those delivered more than {@link RedisStreamsOptions#maxDeliveries()} times to the dead-letter
 * stream. A group that vanished (Redis restarted empty) is made again from the start of the new stream.
 *
 * <p><b>On a Redis Cluster</b> the same commands, each about one stream, are routed to its slot's primary: the
 * reader's connection is a cluster connection, and its {@code SCAN} goes through every primary. One
 * {@code XREADGROUP} cannot span slots, so the reader reads the streams of each slot with one of their own: blocking
 * when there is one slot, else without blocking, one slot after the other, waiting 10 ms
 * per slot (at most a blocking read's time) after a sweep that found nothing. Thread-safe.
 */
final class StreamsDriver implements TransportDriver {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsDriver.class);
    private static final String BODY = "b";
    private static final String UNIQUE = "u";
    private static final AtomicInteger READERS = new AtomicInteger();
    /** How long a sweep of a cluster's slots that found nothing waits, per slot read (at most a blocking read's). */
    private static final long SWEEP_PAUSE_MILLIS = 10;

    /** KEYS[1] the stream; ARGV: added after (an XRANGE start), unique id, max length, body. */
    private static final String APPEND_ONCE = """
            for _, e in ipairs(redis.call('XRANGE', KEYS[1], ARGV[1], '+')) do
              local f = e[2]
              for i = 1, #f, 2 do
                if f[i] == 'u' and f[i + 1] == ARGV[2] then return e[1] end
              end
            end
            return redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*', 'b', ARGV[4], 'u', ARGV[2])
            """;

    /**
     * KEYS[1] the stream; ARGV: the group, the count seen so far. How many entries were removed before the group
     * read them: every entry ever added ({@code entries-added}) was read by the group ({@code entries-read}), is
     * still there unread (after its {@code last-delivered-id}), or is gone unread. -1 when Redis cannot tell (before
     * 7.0, or after an XDEL or XGROUP SETID made the group's count unknown). The unread are counted only when they
     * can exceed what was seen, so a group that keeps up costs two XINFO.
     */
    private static final String TRIMMED_UNREAD = """
            local function field(flat, name)
              for i = 1, #flat, 2 do if flat[i] == name then return flat[i + 1] end end
              return false
            end
            local s = redis.call('XINFO', 'STREAM', KEYS[1])
            local added = field(s, 'entries-added')
            if not added then return -1 end
            for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
              if field(g, 'name') == ARGV[1] then
                local read = field(g, 'entries-read')
                if not read then return -1 end
                if added - read <= tonumber(ARGV[2]) then return tonumber(ARGV[2]) end
                local first = field(s, 'first-entry')
                local last = field(g, 'last-delivered-id')
                local unread
                if not first then
                  unread = 0
                else
                  unread = #redis.call('XRANGE', KEYS[1], '(' .. last, '+')
                end
                return added - read - unread
              end
            end
            return -1
            """;

    private final RedisRemote remote;
    private final RedisStreamsOptions options;
    private final RedisClusterAsyncCommands<String, byte[]> sending;
    private final RedisClusterAsyncCommands<String, byte[]> acking;
    private final String producer = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, String> lastIds = new ConcurrentHashMap<>();
    /** Sends cut off in flight, by the identity of their body (the outbox sends the same array again). */
    private final Map<byte[], Cut> cut = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private final LossLog ackLog = new LossLog(LOG);
    private volatile boolean closed;

    /** A send cut off in flight: its unique id, and an XRANGE start before which it cannot have been added. */
    private record Cut(String unique, String after) {
    }

    StreamsDriver(RedisRemote remote, RedisStreamsOptions options) {
        this.remote = remote;
        this.options = options;
        this.sending = remote.publisher();
        this.acking = remote.nodes().commands();
    }

    @Override
    public String name() {
        return "redis streams at " + remote.url();
    }

    @Override
    public boolean isConnected() {
        return remote.pubConnection().isOpen() && !remote.isClosed() && !closed;
    }

    @Override
    public int maxInFlight() {
        return 1;
    }

    @Override
    public void send(String channel, byte[] body, SendCallback done) {
        if (!isConnected()) {
            done.done(SendResult.RETRY, null);
            return;
        }
        String key = options.streamPrefix() + channel;
        long maxLen = options.maxLen(channel);
        Cut retry = cut.remove(body);
        String unique = retry != null ? retry.unique : producer + "-" + sequence.incrementAndGet();
        String last = lastIds.get(channel);
        Cut ifCut = retry != null ? retry : new Cut(unique, last == null ? "-" : "(" + last);
        RedisFuture<Object> f;
        if (retry == null) {
            f = cast(sending.xadd(key, XAddArgs.Builder.maxlen(maxLen).approximateTrimming(),
                    Map.of(BODY, body, UNIQUE, bytes(unique))));
        } else {
            f = sending.eval(APPEND_ONCE, ScriptOutputType.VALUE, new String[] {key},
                    bytes(retry.after), bytes(unique), bytes(Long.toString(maxLen)), body);
        }
        if (f.isDone() && f.toCompletableFuture().isCompletedExceptionally()) {
            if (retry != null) {
                cut.put(body, retry);
            }
            done.done(SendResult.RETRY, null);
            return;
        }
        f.whenComplete((id, e) -> {
            if (e == null) {
                lastIds.put(channel, text(id));
                done.done(SendResult.SENT, null);
            } else if (e instanceof RedisCommandExecutionException && notNow(e)) {
                done.done(SendResult.RETRY, e);
            } else if (e instanceof RedisCommandExecutionException) {
                done.done(SendResult.FAILED, e);
            } else {
                cut.put(body, ifCut);
                done.done(SendResult.RETRY, e);
            }
        });
    }

    /** An error of a command Redis refused to run now (loading its data, a replica, a failover): not written. */
    private static boolean notNow(Throwable e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith("LOADING") || m.startsWith("BUSY ") || m.startsWith("MASTERDOWN")
                || m.startsWith("READONLY") || m.startsWith("TRYAGAIN") || m.startsWith("CLUSTERDOWN");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static RedisFuture<Object> cast(RedisFuture<?> f) {
        return (RedisFuture) f;
    }

    @Override
    public Subscription subscribe(String pattern, Receiver receiver) {
        Reader r = new Reader(pattern, receiver);
        readers.add(r);
        if (closed) {
            r.cancel();
            r.closed();
        } else {
            r.thread.start();
        }
        return r;
    }

    @Override
    public void close() {
        closed = true;
        for (Reader r : List.copyOf(readers)) {
            r.cancel();
            r.closed();
        }
        cut.clear();
    }

    @Override
    public String toString() {
        return name();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    /** Redis's glob with every special character of {@code literal} escaped. */
    private static String escapeGlob(String literal) {
        StringBuilder b = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if ("*?[]\\".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** One subscription: its group, its streams, its reader thread. */
    private final class Reader implements Subscription, Runnable {
        private final String pattern;
        private final boolean exact;
        private final Receiver receiver;
        private final String group;
        private final boolean ownGroup;
        private final Consumer<String> consumer;
        private final Thread thread;
        private final ReentrantLock delivering = new ReentrantLock();
        private final Set<String> streams = ConcurrentHashMap.newKeySet();
        private final Map<String, Long> trimmedSeen = new HashMap<>();
        /** Entries processed whose XACK failed (a connection cut): acknowledged again, never delivered again. */
        private final Set<String> unacked = ConcurrentHashMap.newKeySet();
        private final long refreshNanos = options.patternRefresh().toNanos();
        private final long reclaimNanos = Math.max(options.reclaimIdle().toNanos() / 2,
                TimeUnit.MILLISECONDS.toNanos(50));
        private final long blockMillis = Math.max(10, Math.min(500, options.patternRefresh().toMillis()));
        private volatile boolean done;
        private volatile StatefulConnection<String, byte[]> connection;
        private boolean closedCalled;
        private boolean everSetUp;
        private boolean setUp;
        private boolean lost;
        private long nextRefresh;
        private long nextReclaim;

        Reader(String pattern, Receiver receiver) {
            this.pattern = pattern;
            this.exact = !ChannelPattern.isPattern(pattern);
            this.receiver = receiver;
            int n = READERS.incrementAndGet();
            this.ownGroup = options.group() == null;
            this.group = ownGroup ? "mape-" + options.consumer() + "-" + n + ":" + pattern
                    : options.group() + ":" + pattern;
            this.consumer = Consumer.from(group, options.consumer());
            this.thread = new Thread(this, remote.name() + "-streams-" + n);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            long pauseMillis = 10;
            try {
                while (!done) {
                    try {
                        step();
                        pauseMillis = 10;
                    } catch (RedisCommandExecutionException e) {
                        if (done) {
                            break;
                        }
                        if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                            LOG.info("{}: the group {} of '{}' is gone (Redis restarted empty, or a stream was "
                                    + "deleted); making it again from the start of its streams", name(), group,
                                    pattern);
                            setUp = false;
                        } else {
                            LOG.warn("{}: reading '{}' failed: {}; trying again", name(), pattern, e.getMessage());
                            pause(pauseMillis);
                            pauseMillis = Math.min(pauseMillis * 2, 2000);
                        }
                    } catch (RedisException e) {
                        if (done) {
                            break;
                        }
                        if (!lost) {
                            lost = true;
                            call(receiver::lost);
                            LOG.warn("{}: lost Redis while reading '{}': {}; reading again once it is back", name(),
                                    pattern, e.getMessage());
                        }
                        setUp = false;
                        pause(pauseMillis);
                        pauseMillis = Math.min(pauseMillis * 2, 2000);
                    }
                }
            } catch (RuntimeException | Error e) {
                LOG.error("{}: the reader of '{}' stopped on {}", name(), pattern, e, e);
            } finally {
                StatefulConnection<String, byte[]> c = connection;
                if (c != null) {
                    c.close();
                }
            }
        }

        private RedisClusterCommands<String, byte[]> redis() {
            StatefulConnection<String, byte[]> c = connection;
            if (c == null) {
                c = remote.newConnection();
                connection = c;
                if (done) {
                    c.close();
                }
            }
            return c instanceof StatefulRedisClusterConnection<String, byte[]> cluster ? cluster.sync()
                    : ((StatefulRedisConnection<String, byte[]>) c).sync();
        }

        private void step() {
            RedisClusterCommands<String, byte[]> redis = redis();
            if (!setUp) {
                setUp(redis);
            }
            for (String entry : List.copyOf(unacked)) {
                int at = entry.indexOf(' ');
                redis.xack(entry.substring(0, at), group, entry.substring(at + 1));
                unacked.remove(entry);
            }
            long now = System.nanoTime();
            if (now - nextRefresh >= 0) {
                if (!exact) {
                    refresh(redis, "0");
                }
                checkTrimmed(redis);
                nextRefresh = now + refreshNanos;
            }
            if (now - nextReclaim >= 0) {
                reclaim(redis);
                nextReclaim = now + reclaimNanos;
            }
            if (streams.isEmpty()) {
                pause(blockMillis);
                return;
            }
            // entries of several streams in one read go out in the order Redis added them (ids are its clock)
            Collection<List<String>> reads = reads();
            boolean block = reads.size() == 1;
            List<StreamMessage<String, byte[]>> got = new ArrayList<>();
            for (List<String> keys : reads) {
                @SuppressWarnings("unchecked")
                XReadArgs.StreamOffset<String>[] offsets = keys.stream().map(XReadArgs.StreamOffset::lastConsumed)
                        .toArray(XReadArgs.StreamOffset[]::new);
                XReadArgs args = XReadArgs.Builder.count(options.batch());
                List<StreamMessage<String, byte[]>> some = redis.xreadgroup(consumer,
                        block ? args.block(blockMillis) : args, offsets);
                if (some != null) {
                    got.addAll(some);
                }
            }
            if (streams.size() > 1) {
                got.sort((a, b) -> compareIds(a.getId(), b.getId()));
            }
            for (StreamMessage<String, byte[]> m : got) {
                deliver(m);
            }
            if (!block && got.isEmpty()) {
                pause(Math.min(blockMillis, SWEEP_PAUSE_MILLIS * reads.size()));
            }
        }

        /**
         * The streams to read in one XREADGROUP each: all of them on one server; on a cluster, those of each slot
         * (the keys of one command must share a slot there).
         */
        private Collection<List<String>> reads() {
            if (!remote.isCluster()) {
                return List.of(List.copyOf(streams));
            }
            Map<Integer, List<String>> bySlot = new TreeMap<>();
            for (String key : streams) {
                bySlot.computeIfAbsent(SlotHash.getSlot(key), s -> new ArrayList<>()).add(key);
            }
            return bySlot.values();
        }

        /** Makes the group on its streams: from now on the first time, from the start after it vanished. */
        private void setUp(RedisClusterCommands<String, byte[]> redis) {
            String from = !everSetUp && !options.readFromStart() ? "$" : "0";
            if (exact) {
                String key = options.streamPrefix() + pattern;
                createGroup(redis, key, from, true);
                streams.add(key);
            } else {
                streams.clear();
                refresh(redis, from);
                nextRefresh = System.nanoTime() + refreshNanos;
            }
            setUp = true;
            everSetUp = true;
            lost = false;
            call(receiver::confirmed);
        }

        /** Adds the streams matching the pattern that it does not read yet, making the group on them at {@code from}. */
        private void refresh(RedisClusterCommands<String, byte[]> redis, String from) {
            KeyScanArgs args = KeyScanArgs.Builder.matches(escapeGlob(options.streamPrefix()) + pattern).limit(1000)
                    .type("stream");
            ScanCursor cursor = ScanCursor.INITIAL;
            KeyScanCursor<String> page;
            do {
                page = redis.scan(cursor, args);
                for (String key : page.getKeys()) {
                    if (!key.startsWith(options.deadLetterPrefix()) && !streams.contains(key)) {
                        createGroup(redis, key, from, false);
                        streams.add(key);
                    }
                }
                cursor = page;
            } while (!page.isFinished() && !done);
        }

        private void createGroup(RedisClusterCommands<String, byte[]> redis, String key, String from, boolean make) {
            try {
                redis.xgroupCreate(XReadArgs.StreamOffset.from(key, from), group,
                        new XGroupCreateArgs().mkstream(make));
            } catch (RedisCommandExecutionException e) {
                if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                    throw e;
                }
            }
        }

        /** Takes over the entries of the group idle for reclaimIdle: delivered again, or dead-lettered. */
        private void reclaim(RedisClusterCommands<String, byte[]> redis) {
            for (String key : List.copyOf(streams)) {
                String cursor = "0-0";
                int rounds = 0;
                do {
                    ClaimedMessages<String, byte[]> claimed = redis.xautoclaim(key, new XAutoClaimArgs<String>()
                            .consumer(consumer).minIdleTime(options.reclaimIdle()).startId(cursor)
                            .count(options.batch()));
                    List<StreamMessage<String, byte[]>> ms = claimed.getMessages();
                    if (!ms.isEmpty()) {
                        Map<String, Long> deliveries = new HashMap<>();
                        for (PendingMessage p : redis.xpending(key, consumer,
                                Range.create(ms.get(0).getId(), ms.get(ms.size() - 1).getId()),
                                Limit.from(ms.size() * 2L))) {
                            deliveries.put(p.getId(), p.getRedeliveryCount());
                        }
                        for (StreamMessage<String, byte[]> m : ms) {
                            long n = deliveries.getOrDefault(m.getId(), 1L);
                            if (unacked.remove(m.getStream() + " " + m.getId())) {
                                redis.xack(m.getStream(), group, m.getId());
                            } else if (n > options.maxDeliveries()) {
                                deadLetter(redis, m, n);
                            } else {
                                deliver(m);
                            }
                        }
                    }
                    cursor = claimed.getId();
                } while (!"0-0".equals(cursor) && ++rounds < 10 && !done);
            }
        }

        private void deadLetter(RedisClusterCommands<String, byte[]> redis, StreamMessage<String, byte[]> m, long n) {
            String channel = m.getStream().substring(options.streamPrefix().length());
            String deadKey = options.deadLetterPrefix() + channel;
            String reason = "delivered " + n + " times without being processed (maxDeliveries "
                    + options.maxDeliveries() + ")";
            byte[] body = m.getBody().get(BODY);
            Map<String, byte[]> fields = new HashMap<>();
            fields.put(BODY, body == null ? new byte[0] : body);
            fields.put("stream", bytes(m.getStream()));
            fields.put("id", bytes(m.getId()));
            fields.put("group", bytes(group));
            fields.put("deliveries", bytes(Long.toString(n)));
            fields.put("reason", bytes(reason));
            redis.xadd(deadKey, XAddArgs.Builder.maxlen(options.maxLen(channel)).approximateTrimming(), fields);
            redis.xack(m.getStream(), group, m.getId());
            call(() -> receiver.deadLettered(channel, "entry " + m.getId() + " " + reason + "; moved to " + deadKey));
        }

        /** Counts what trimming removed before the group read it, where Redis (7.0 and later) can tell. */
        private void checkTrimmed(RedisClusterCommands<String, byte[]> redis) {
            for (String key : List.copyOf(streams)) {
                long seen = trimmedSeen.getOrDefault(key, 0L);
                Long trimmed = redis.eval(TRIMMED_UNREAD, ScriptOutputType.INTEGER, new String[] {key},
                        bytes(group), bytes(Long.toString(seen)));
                if (trimmed == null || trimmed < 0) {
                    continue;
                }
                trimmedSeen.put(key, Math.max(seen, trimmed));
                long more = trimmed - seen;
                if (more > 0) {
                    String channel = key.substring(options.streamPrefix().length());
                    call(() -> receiver.missed(channel, more, "trimmed from " + key + " (MAXLEN ~ "
                            + options.maxLen(channel) + ") before the group " + group + " read them"));
                }
            }
        }

        private void deliver(StreamMessage<String, byte[]> m) {
            String stream = m.getStream();
            String id = m.getId();
            byte[] body = m.getBody().get(BODY);
            String channel = stream.substring(options.streamPrefix().length());
            call(() -> receiver.message(channel, body == null ? new byte[0] : body, () -> ack(stream, id)));
        }

        /** XACK on the command connection; one that fails is made again by the reader. Never blocks. */
        private void ack(String stream, String id) {
            acking.xack(stream, group, id).whenComplete((n, e) -> {
                if (e != null) {
                    unacked.add(stream + " " + id);
                    ackLog.warn("{}: XACK {} {} {} failed: {}; acknowledging it again", name(), stream, group, id,
                            e.getMessage());
                    synchronized (this) {
                        notifyAll();
                    }
                }
            });
        }

        /** Calls the receiver unless the subscription ended; cancel waits for a call in progress. */
        private void call(Runnable r) {
            delivering.lock();
            try {
                if (!done) {
                    r.run();
                }
            } finally {
                delivering.unlock();
            }
        }

        private void pause(long millis) {
            synchronized (this) {
                try {
                    if (!done) {
                        wait(millis);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    done = true;
                }
            }
        }

        @Override
        public void cancel() {
            if (done) {
                return;
            }
            done = true;
            synchronized (this) {
                notifyAll();
            }
            if (!delivering.isHeldByCurrentThread()) {
                delivering.lock();
                delivering.unlock();
            }
            readers.remove(this);
            StatefulConnection<String, byte[]> c = connection;
            if (c != null) {
                c.close();
            }
            if (ownGroup) {
                for (String key : List.copyOf(streams)) {
                    acking.xgroupDestroy(key, group);
                }
            }
        }

        synchronized void closed() {
            if (!closedCalled) {
                closedCalled = true;
                receiver.closed();
            }
        }
    }

    /** Compares two stream ids ({@code ms-seq}). */
    private static int compareIds(String a, String b) {
        String[] x = a.split("-", 2);
        String[] y = b.split("-", 2);
        int c = Long.compareUnsigned(Long.parseUnsignedLong(x[0]), Long.parseUnsignedLong(y[0]));
        if (c != 0 || x.length < 2 || y.length < 2) {
            return c;
        }
        return Long.compareUnsigned(Long.parseUnsignedLong(x[1]), Long.parseUnsignedLong(y[1]));
    }
}
