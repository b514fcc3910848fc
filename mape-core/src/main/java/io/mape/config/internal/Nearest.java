package io.mape.config.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The known name nearest to a misspelt one, for "did you mean" hints. */
public final class Nearest {

    private Nearest() {
    }

    /**
     * The candidate nearest to {@code word} by edit distance (case ignored), when it is near enough to be a typo:
     * at most a third of the longer name's letters apart, and at least one.
     */
    public static Optional<String> of(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(1, Math.max(word.length(), best.length()) / 3)) {
            return Optional.empty();
        }
        return Optional.of(best);
    }

    /** The Levenshtein distance, a transposition counting as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
