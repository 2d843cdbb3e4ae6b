package io.provisioning.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in console sessions, in memory: a random session id (the cookie) with its user, its CSRF value and when it
 * was last used. A session ends after {@code idle} without a request, at sign-out, and with a restart (signing in
 * again is cheap; nothing a session holds needs to survive).
 */
final class ConsoleSessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 10_000;

    private final Duration idle;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    ConsoleSessions(Duration idle, Clock clock) {
        this.idle = idle;
        this.clock = clock;
    }

    record Session(String id, String user, String csrf, Instant lastSeen) {}

    Duration idle() {
        return idle;
    }

    Session open(String user) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(this::expired);
        }
        Session session = new Session(random(), user, random(), clock.instant());
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this id, its idle time restarted. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (expired(session)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session touched = new Session(session.id(), session.user(), session.csrf(), clock.instant());
        sessions.replace(id, session, touched);
        return Optional.of(touched);
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private boolean expired(Session session) {
        return !session.lastSeen().plus(idle).isAfter(clock.instant());
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
