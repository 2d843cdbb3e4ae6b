package io.provisioning.directory;

import java.time.OffsetDateTime;

/**
 * Where a user stands in one application: the state, the Salesforce record id, the last error, and the mapped
 * fields last written there ({@code syncedFields}, JSON), so an edit sends only what changed.
 */
public record ApplicationLink(
        String application,
        LinkState state,
        String recordId,
        String errorCode,
        String errorMessage,
        String syncedFields,
        OffsetDateTime updatedAt) {

    public boolean hasRecord() {
        return recordId != null && state != LinkState.STALE && state != LinkState.DELETED;
    }

    public boolean deprovisioned() {
        return state == LinkState.DELETED || state == LinkState.DEACTIVATED || state == LinkState.FROZEN;
    }
}
