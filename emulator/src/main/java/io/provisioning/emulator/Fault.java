package io.provisioning.emulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One injected fault: the next {@code remaining} calls of {@code operation} (or, with a {@code rate} above 0, that
 * share of its calls, drawn at random, for as long as the fault is set) answer {@code status}/{@code errorCode}, or,
 * when {@code timeout}, hang {@code millis} and drop the connection. {@code applied}: the call takes effect first,
 * then its answer is replaced (a status) or lost (a timeout).
 */
record Fault(
        String operation,
        AtomicInteger remaining,
        int status,
        String errorCode,
        String message,
        boolean timeout,
        long millis,
        boolean applied,
        double rate) {

    boolean rateBased() {
        return rate > 0;
    }

    boolean matches(String op) {
        return operation.equals("any") || operation.equals(op);
    }

    String messageOrDefault() {
        if (message != null) {
            return message;
        }
        return switch (errorCode) {
            case "SERVER_UNAVAILABLE" -> "Server too busy";
            case "UNABLE_TO_LOCK_ROW" -> "unable to obtain exclusive access to this record";
            case "REQUEST_LIMIT_EXCEEDED" -> "TotalRequests Limit exceeded.";
            case "INVALID_SESSION_ID" -> "Session expired or invalid";
            default -> "Injected fault: " + errorCode;
        };
    }
}
