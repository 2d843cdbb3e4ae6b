package io.provisioning.password;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The local password rule, after NIST SP 800-63B: a minimum and a maximum length (counted in characters, any
 * character allowed, spaces included), no composition rules, and no common or guessable password. Guessability is
 * zxcvbn's estimate (zxcvbn4j, with its bundled dictionaries of common passwords, words and names, plus the user's
 * own names and addresses): a score below {@code minScore} (0–4) is refused with zxcvbn's reason. Checked before
 * anything is sent to Salesforce, whose own policy may still refuse.
 */
final class PasswordRule {

    /** NIST's floor for a password that is the only factor is higher; 12 is this bundle's least. */
    public static final int LEAST_MIN_LENGTH = 12;

    private final int minLength;
    private final int maxLength;
    private final int minScore;
    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordRule(int minLength, int maxLength, int minScore) {
        if (minLength < LEAST_MIN_LENGTH || maxLength < Math.max(64, minLength) || minScore < 0 || minScore > 4) {
            throw new IllegalArgumentException("password rule: min-length must be at least " + LEAST_MIN_LENGTH
                    + ", max-length at least 64 and min-length, min-score 0 to 4; got " + minLength + ", " + maxLength
                    + ", " + minScore);
        }
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.minScore = minScore;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    public String describe() {
        return "At least " + minLength + " and at most " + maxLength + " characters, any characters (spaces too): a"
                + " few unrelated words make a good one. Common or easily guessed passwords, and ones built from your"
                + " name or address, are refused.";
    }

    /** The rule as a message when the password breaks it; {@code userInputs}: the user's names and addresses. */
    public Optional<String> violation(String password, List<String> userInputs) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < minLength) {
            return Optional.of("This password is too short: use at least " + minLength + " characters.");
        }
        if (length > maxLength) {
            return Optional.of("This password is too long: use at most " + maxLength + " characters.");
        }
        List<String> inputs = inputs(userInputs);
        String lower = password.toLowerCase(Locale.ROOT);
        // NIST's context-specific words: zxcvbn alone rates "AdaLovelace1815" safe for Ada Lovelace
        if (inputs.stream().anyMatch(input -> input.length() >= 4 && lower.contains(input))) {
            return Optional.of("This password is too easy to guess. It contains your name, user name or address.");
        }
        Strength strength = zxcvbn.measure(password, inputs);
        if (strength.getScore() >= minScore) {
            return Optional.empty();
        }
        Feedback feedback = strength.getFeedback();
        StringBuilder reason = new StringBuilder("This password is too easy to guess.");
        String warning = feedback.getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isBlank()) {
            reason.append(' ').append(warning.endsWith(".") ? warning : warning + ".");
        }
        for (String suggestion : feedback.getSuggestions(Locale.ENGLISH)) {
            reason.append(' ').append(suggestion.endsWith(".") ? suggestion : suggestion + ".");
        }
        return Optional.of(reason.toString());
    }

    /** The whole values and their parts (an address's local part and domain words). */
    private static List<String> inputs(List<String> userInputs) {
        List<String> inputs = new ArrayList<>();
        for (String input : userInputs) {
            if (input == null || input.isBlank()) {
                continue;
            }
            String lower = input.toLowerCase(Locale.ROOT);
            inputs.add(lower);
            for (String part : lower.split("[@.\\s_+-]+")) {
                if (part.length() >= 3) {
                    inputs.add(part);
                }
            }
        }
        return inputs;
    }
}
