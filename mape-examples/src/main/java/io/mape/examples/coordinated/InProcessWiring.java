package io.mape.examples.coordinated;

import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.PublishSubject;
import io.reactivex.rxjava3.subjects.Subject;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The devices of one JVM linked through an in-process channel bus with Redis's pattern rules, so the loops behave
 * as they would over Redis pub/sub. Items are delivered synchronously, on the thread that sends, to the receivers
 * subscribed at that moment; nothing is encoded. Thread-safe (the bus is serialized).
 */
public final class InProcessWiring implements Wiring {

    private record Sent(String channel, Object item) {
    }

    private final Subject<Sent> bus = PublishSubject.<Sent>create().toSerialized();

    @Override
    public Disposable send(String channel, Observable<?> items, String destination) {
        Objects.requireNonNull(channel, "channel");
        return items.subscribe(item -> bus.onNext(new Sent(channel, item)));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Observable<T> receive(String pattern, Type type) {
        Pattern regex = glob(pattern);
        return bus.filter(s -> regex.matcher(s.channel()).matches()).map(s -> (T) s.item());
    }

    /** A Redis channel pattern as a regex: {@code *} any run, {@code ?} one character, {@code [..]} a class, {@code \} escapes. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> re.append(Pattern.quote(i + 1 < pattern.length() ? String.valueOf(pattern.charAt(++i)) : "\\"));
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append(Pattern.quote("["));
                    } else {
                        String set = pattern.substring(i + 1, end);
                        re.append('[').append(set.startsWith("^") ? "^" + quoteClass(set.substring(1)) : quoteClass(set)).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static String quoteClass(String set) {
        return set.replace("\\", "\\\\").replace("[", "\\[").replace("&", "\\&");
    }
}
