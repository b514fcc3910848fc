package io.mape.remote;

import java.util.Objects;

/**
 * A channel or key pattern with Redis's glob rules ({@code PSUBSCRIBE}, {@code KEYS}): {@code *} any run of
 * characters (dots included), {@code ?} one character, {@code [abc]}, {@code [^abc]}, {@code [a-c]} one of a set
 * ({@code [c-a]} is {@code [a-c]}), and {@code \} taking the next character as it is; Redis's quirks are kept (an
 * unclosed {@code [} closes at the end of the pattern, {@code [a-]} is the range from {@code ]} to {@code a}, and no
 * pattern but the empty one matches the empty channel, not even {@code *}).
 *
 * <p>Matching takes time linear in the text's length times the pattern's, whatever the pattern: a run of
 * {@code *} never makes it backtrack more than once per character (unlike the recursive matcher Redis uses, whose
 * time grows exponentially with the stars). Immutable and thread-safe.
 */
public final class ChannelPattern {

    private final String pattern;
    private final boolean literal;

    private ChannelPattern(String pattern) {
        this.pattern = pattern;
        this.literal = pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
    }

    /** The pattern of {@code pattern}; any string is a pattern. */
    public static ChannelPattern of(String pattern) {
        return new ChannelPattern(Objects.requireNonNull(pattern, "pattern"));
    }

    /** Whether {@code pattern} has a character of pattern syntax, so that it may match more than itself. */
    public static boolean isPattern(String pattern) {
        return !of(pattern).literal;
    }

    /** Whether {@code text} matches the whole pattern. */
    public boolean matches(String text) {
        Objects.requireNonNull(text, "text");
        if (literal) {
            return pattern.equals(text);
        }
        int plen = pattern.length();
        int slen = text.length();
        if (slen == 0) {
            return false;
        }
        int p = 0;
        int s = 0;
        int starP = -1;
        int starS = -1;
        while (s < slen) {
            if (p < plen && pattern.charAt(p) == '*') {
                while (p < plen && pattern.charAt(p) == '*') {
                    p++;
                }
                if (p == plen) {
                    return true;
                }
                starP = p;
                starS = s;
                continue;
            }
            int next = p < plen ? step(p, text.charAt(s)) : -1;
            if (next >= 0) {
                p = next;
                s++;
            } else if (starP >= 0) {
                p = starP;
                s = ++starS;
            } else {
                return false;
            }
        }
        while (p < plen && pattern.charAt(p) == '*') {
            p++;
        }
        return p == plen;
    }

    /**
     * Matches the one-character token at {@code p} (not a star) against {@code c}.
     *
     * @return the index after the token, or -1 when {@code c} does not match it
     */
    private int step(int p, char c) {
        int plen = pattern.length();
        char t = pattern.charAt(p);
        switch (t) {
            case '?':
                return p + 1;
            case '[': {
                int i = p + 1;
                boolean not = i < plen && pattern.charAt(i) == '^';
                if (not) {
                    i++;
                }
                boolean match = false;
                while (true) {
                    if (i >= plen) {
                        break;
                    }
                    char x = pattern.charAt(i);
                    if (x == '\\' && plen - i >= 2) {
                        i++;
                        match |= pattern.charAt(i) == c;
                    } else if (x == ']') {
                        break;
                    } else if (plen - i >= 3 && pattern.charAt(i + 1) == '-') {
                        char lo = (char) Math.min(x, pattern.charAt(i + 2));
                        char hi = (char) Math.max(x, pattern.charAt(i + 2));
                        match |= c >= lo && c <= hi;
                        i += 2;
                    } else {
                        match |= x == c;
                    }
                    i++;
                }
                return match != not ? Math.min(i + 1, plen) : -1;
            }
            case '\\':
                if (plen - p >= 2) {
                    return pattern.charAt(p + 1) == c ? p + 2 : -1;
                }
                return t == c ? p + 1 : -1;
            default:
                return t == c ? p + 1 : -1;
        }
    }

    /** The pattern as given. */
    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelPattern c && c.pattern.equals(pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }
}
