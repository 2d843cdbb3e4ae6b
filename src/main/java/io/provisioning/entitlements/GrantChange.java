package io.provisioning.entitlements;

/**
 * One entitlement change of one user in one application, as its report row shows it: added or removed (by name),
 * already there (made by hand: kept and not taken as the bundle's), or failed with the reason (an unknown name, the
 * org's refusal such as a license mismatch).
 */
public record GrantChange(
        String userKey,
        String application,
        Grant grant,
        Outcome outcome,
        String recordId,
        String errorCode,
        String message) {

    public enum Outcome {
        ADDED,
        REMOVED,
        ALREADY_PRESENT,
        FAILED
    }

    /** The report's operation name, e.g. {@code permissionSets:add}. */
    public String operation() {
        return grant.kind().key() + (outcome == Outcome.REMOVED ? ":remove" : ":add");
    }
}
