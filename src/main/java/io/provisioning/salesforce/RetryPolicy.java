package io.provisioning.salesforce;

import java.time.Duration;

/** Exponential back-off for retryable failures: base, 2×base, 4×base … capped, for at most {@code maxAttempts}. */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** @param attemptsSoFar attempts made including the one that just failed */
    public boolean exhausted(int attemptsSoFar) {
        return attemptsSoFar >= maxAttempts;
    }

    public Duration delayAfter(int attemptsSoFar) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        Duration delay = baseDelay.multipliedBy(factor);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
