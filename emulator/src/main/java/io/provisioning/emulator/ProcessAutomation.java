package io.provisioning.emulator;

import java.util.List;
import java.util.Map;

/**
 * Setup's Process Automation Settings, as far as user deactivation cares: the org's default workflow user, whom
 * Salesforce refuses to deactivate for good. It is what makes the bundle's freeze fallback necessary on a real org,
 * through REST and Bulk API 2.0 alike ({@code PUT /emulator/users/{id}/default-workflow}).
 */
final class ProcessAutomation {
    private volatile String defaultWorkflowUserId;

    void defaultWorkflowUser(String userId) {
        this.defaultWorkflowUserId = userId;
    }

    void reset() {
        defaultWorkflowUserId = null;
    }

    /** Refuses an update that deactivates the default workflow user. */
    void checkUserUpdate(String id, Map<String, Object> changed) {
        if (Boolean.FALSE.equals(changed.get("IsActive")) && id.equals(defaultWorkflowUserId)) {
            throw new ApiException(
                    400,
                    ApiError.of(
                            "FIELD_INTEGRITY_EXCEPTION",
                            "You cannot deactivate the default workflow user",
                            List.of("IsActive")));
        }
    }
}
