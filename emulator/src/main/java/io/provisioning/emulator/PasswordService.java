package io.provisioning.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Password policy, salted hashing and generated passwords (the emulator never keeps plaintext). */
final class PasswordService {
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private final SecureRandom random = new SecureRandom();

    /** The org's default policy as emulated: at least 8 characters mixing letters and numbers. */
    void checkPolicy(String password) {
        if (password == null || password.length() < 8) {
            throw ApiException.badRequest("INVALID_NEW_PASSWORD", "Your password must be at least 8 characters long.");
        }
        if (!password.chars().anyMatch(Character::isLetter) || !password.chars().anyMatch(Character::isDigit)) {
            throw ApiException.badRequest(
                    "INVALID_NEW_PASSWORD", "Your password must have a mix of letters and numbers.");
        }
    }

    OrgStore.PasswordState hash(String password, boolean expired) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltText = Base64.getEncoder().encodeToString(salt);
        return new OrgStore.PasswordState(saltText, digest(saltText, password), expired);
    }

    boolean matches(OrgStore.PasswordState state, String password) {
        return state != null
                && password != null
                && MessageDigest.isEqual(
                        digest(state.salt(), password).getBytes(StandardCharsets.US_ASCII),
                        state.hash().getBytes(StandardCharsets.US_ASCII));
    }

    String generate() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        sb.append((char) ('2' + random.nextInt(8)));
        return sb.toString();
    }

    private static String digest(String salt, String password) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(salt.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
