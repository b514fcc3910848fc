package io.mape.remote.redis.internal;

/**
 * Redis glob-style matching, as {@code PSUBSCRIBE} and {@code KEYS} do it: {@code *} any run, {@code ?} one
 * character, {@code [abc]}, {@code [^abc]}, {@code [a-z]} one of a set, {@code \} escapes the next character.
 */
public final class Glob {

    private Glob() {
    }

    /** Whether {@code text} matches {@code pattern}. */
    public static boolean matches(String pattern, String text) {
        return match(pattern, 0, text, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length()) {
                        return true;
                    }
                    for (int k = si; k <= s.length(); k++) {
                        if (match(p, pi + 1, s, k)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si == s.length()) {
                        return false;
                    }
                    si++;
                    pi++;
                }
                case '[' -> {
                    if (si == s.length()) {
                        return false;
                    }
                    int end = setEnd(p, pi + 1);
                    if (!inSet(p, pi + 1, end, s.charAt(si))) {
                        return false;
                    }
                    si++;
                    pi = Math.min(end + 1, p.length());
                }
                default -> {
                    if (c == '\\' && pi + 1 < p.length()) {
                        pi++;
                        c = p.charAt(pi);
                    }
                    if (si == s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    si++;
                    pi++;
                }
            }
        }
        return si == s.length();
    }

    /** The index of the {@code ]} closing a set opened before {@code from}, or the pattern's length. */
    private static int setEnd(String p, int from) {
        int i = from;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i += p.charAt(i) == '\\' && i + 1 < p.length() ? 2 : 1;
        }
        return i;
    }

    private static boolean inSet(String p, int from, int end, char ch) {
        boolean not = from < end && p.charAt(from) == '^';
        boolean found = false;
        for (int i = not ? from + 1 : from; i < end; i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < end) {
                i++;
                found |= p.charAt(i) == ch;
            } else if (i + 2 < end && p.charAt(i + 1) == '-') {
                char lo = (char) Math.min(c, p.charAt(i + 2));
                char hi = (char) Math.max(c, p.charAt(i + 2));
                found |= ch >= lo && ch <= hi;
                i += 2;
            } else {
                found |= c == ch;
            }
        }
        return not != found;
    }
}
