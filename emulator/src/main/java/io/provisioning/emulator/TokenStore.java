package io.provisioning.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Access and refresh tokens, in memory only (a restart logs every client out, as a new org session would). */
final class TokenStore {
    private record Access(String userId, long expiresAtMs, String refreshToken) {}

    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final Map<String, String> refresh = new ConcurrentHashMap<>(); // refresh token -> user id
    private final SecureRandom random = new SecureRandom();
    private volatile long ttlMs;

    TokenStore(long ttlSeconds) {
        this.ttlMs = ttlSeconds * 1000L;
    }

    String issueAccess(String userId, String refreshToken) {
        String token = Org.ORG_ID.substring(0, 15) + "!" + randomText(72);
        access.put(token, new Access(userId, System.currentTimeMillis() + ttlMs, refreshToken));
        return token;
    }

    String issueRefresh(String userId) {
        String token = "5Aep" + randomText(80);
        refresh.put(token, userId);
        return token;
    }

    /** The user id of a live access token, or null. */
    String validate(String token) {
        if (token == null) {
            return null;
        }
        Access a = access.get(token);
        if (a == null) {
            return null;
        }
        if (System.currentTimeMillis() >= a.expiresAtMs()) {
            access.remove(token);
            return null;
        }
        return a.userId();
    }

    String refreshUser(String refreshToken) {
        return refreshToken == null ? null : refresh.get(refreshToken);
    }

    /** Revokes an access token, or a refresh token together with its access tokens; false when unknown. */
    boolean revoke(String token) {
        if (token == null) {
            return false;
        }
        if (access.remove(token) != null) {
            return true;
        }
        if (refresh.remove(token) != null) {
            access.values().removeIf(a -> token.equals(a.refreshToken()));
            return true;
        }
        return false;
    }

    /** Invalidates every access token (refresh tokens stay usable). */
    void expireAll() {
        access.clear();
    }

    private String randomText(int bytes) {
        byte[] b = new byte[bytes * 3 / 4];
        random.nextBytes(b);
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(b)
                .replace('-', 'x')
                .replace('_', 'y');
    }
}
