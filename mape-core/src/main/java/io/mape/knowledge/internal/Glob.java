package io.mape.knowledge.internal;

import java.util.Objects;

/**
 * A Redis glob pattern, matched as Redis matches {@code KEYS} and {@code PSUBSCRIBE} patterns: {@code *} any run of
 * characters (dots included), {@code ?} one character, {@code [abc]}, {@code [^abc]}, {@code [a-z]} a class, and
 * {@code \} escaping the next character. Immutable and thread-safe.
 */
public final class Glob {

    private final String pattern;
    private final boolean literal;

    private Glob(String pattern) {
        this.pattern = pattern;
        this.literal = pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
    }

    /** The glob of {@code pattern}. */
    public static Glob of(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        return new Glob(pattern);
    }

    /** Whether {@code text} matches the whole pattern. */
    public boolean matches(String text) {
        return literal ? pattern.equals(text) : match(0, text, 0);
    }

    /** The pattern. */
    @Override
    public String toString() {
        return pattern;
    }

    private boolean match(int p, String s, int i) {
        int plen = pattern.length();
        int slen = s.length();
        while (p < plen) {
            char c = pattern.charAt(p);
            switch (c) {
                case '*' -> {
                    while (p + 1 < plen && pattern.charAt(p + 1) == '*') {
                        p++;
                    }
                    if (p + 1 == plen) {
                        return true;
                    }
                    for (int k = i; k <= slen; k++) {
                        if (match(p + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (i >= slen) {
                        return false;
                    }
                    i++;
                    p++;
                }
                case '[' -> {
                    if (i >= slen) {
                        return false;
                    }
                    int end = classEnd(p);
                    if (!inClass(p + 1, end, s.charAt(i))) {
                        return false;
                    }
                    i++;
                    p = end < plen ? end + 1 : end;
                }
                default -> {
                    if (c == '\\' && p + 1 < plen) {
                        p++;
                        c = pattern.charAt(p);
                    }
                    if (i >= slen || s.charAt(i) != c) {
                        return false;
                    }
                    i++;
                    p++;
                }
            }
        }
        return i == slen;
    }

    /** The index of the {@code ]} closing the class opened at {@code open}, or the pattern length if unclosed. */
    private int classEnd(int open) {
        int p = open + 1;
        if (p < pattern.length() && pattern.charAt(p) == '^') {
            p++;
        }
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '\\' && p + 1 < pattern.length()) {
                p += 2;
            } else if (c == ']') {
                return p;
            } else {
                p++;
            }
        }
        return p;
    }

    private boolean inClass(int from, int end, char ch) {
        boolean not = from < end && pattern.charAt(from) == '^';
        int p = not ? from + 1 : from;
        boolean found = false;
        while (p < end) {
            char c = pattern.charAt(p);
            if (c == '\\' && p + 1 < end) {
                found |= pattern.charAt(p + 1) == ch;
                p += 2;
            } else if (p + 2 < end && pattern.charAt(p + 1) == '-') {
                char lo = c;
                char hi = pattern.charAt(p + 2);
                if (lo > hi) {
                    char t = lo;
                    lo = hi;
                    hi = t;
                }
                found |= ch >= lo && ch <= hi;
                p += 3;
            } else {
                found |= c == ch;
                p++;
            }
        }
        return not != found;
    }
}
