package io.provisioning.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Holds back an application's calls for a while after its login failed, so wrong credentials do not hammer
 * Salesforce's login endpoint (which locks the user out after repeated failures). A successful verify lifts it.
 */
public final class LoginGuard {

    private final Duration pause;
    private final Clock clock;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    public LoginGuard(Duration pause, Clock clock) {
        this.pause = pause;
        this.clock = clock;
    }

    /** @param reason Salesforce's refusal (error code and message), shown by the health check */
    public void loginFailed(String application, String reason) {
        reasons.put(application, reason);
        pausedUntil.put(application, clock.instant().plus(pause));
    }

    public void loginSucceeded(String application) {
        pausedUntil.remove(application);
        reasons.remove(application);
    }

    /** @return why the application is held back, or null when it is not */
    public String pauseReason(String application) {
        return remainingPause(application).isZero() ? null : reasons.get(application);
    }

    /** @return how long the application's calls are still held back; zero when they may go ahead */
    public Duration remainingPause(String application) {
        Instant until = pausedUntil.get(application);
        if (until == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
