package io.provisioning.validation;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.catalog.SuggestionStrategy;

/**
 * "Did you mean": the known names within two edits of a misspelt one (case-insensitive), nearest first. Camel's
 * catalog asks a {@link SuggestionStrategy} for unknown endpoint options but ships none.
 */
public final class NearestNames implements SuggestionStrategy {

    private static final int MAX_EDITS = 2;

    @Override
    public String[] suggestEndpointOptions(Set<String> names, String unknownOption) {
        return nearest(names, unknownOption);
    }

    public static String[] nearest(Collection<String> names, String wrong) {
        String key = wrong.toLowerCase(Locale.ROOT);
        return names.stream()
                .filter(n -> edits(n.toLowerCase(Locale.ROOT), key) <= MAX_EDITS)
                .sorted(Comparator.comparingInt((String n) -> edits(n.toLowerCase(Locale.ROOT), key))
                        .thenComparing(n -> n))
                .toArray(String[]::new);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
