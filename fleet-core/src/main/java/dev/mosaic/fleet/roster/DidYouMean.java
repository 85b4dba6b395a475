package dev.mosaic.fleet.roster;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the known word closest to a typo (edit distance), for "did you mean ...?" in messages;
 * the chat parser uses the same distance for verbs.
 */
public final class DidYouMean {

    private DidYouMean() {
    }

    /** The closest of {@code known} to {@code word}, when it is close enough to be a likely typo. */
    static Optional<String> closest(String word, Collection<String> known) {
        String w = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            if (d < bestDistance || d == bestDistance && best != null && k.compareTo(best) < 0) {
                best = k;
                bestDistance = d;
            }
        }
        // one edit per three letters, at least one: 'messageContnet' -> messageContent, not 'x' -> 'prefix'
        int allowed = Math.max(1, w.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** " (did you mean X?)", or "" when nothing is close. */
    static String hint(String word, Collection<String> known) {
        return closest(word, known).map(s -> " (did you mean " + s + "?)").orElse("");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    public static int distance(String a, String b) {
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
