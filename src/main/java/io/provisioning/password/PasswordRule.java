package io.provisioning.password;

import java.util.Optional;

/** The local password rule, checked before anything is sent to Salesforce: a minimum length, letters and digits. */
public record PasswordRule(int minLength) {

    public String describe() {
        return "At least " + minLength + " characters, with at least one letter and one digit.";
    }

    /** The rule as a message when the password breaks it. */
    public Optional<String> violation(String password) {
        if (password == null || password.codePointCount(0, password.length()) < minLength
                || password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("This password is too weak. " + describe());
        }
        return Optional.empty();
    }
}
