package io.provisioning.emulator;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a real org checks when an admin (or the bundle) inserts a PermissionSetAssignment or a GroupMember: the
 * target is live and of the right type, the assignment is not there already, a profile's own permission set is not
 * assigned by hand, and a permission set with a user license only goes to users whose profile has that license.
 * Also fills the read-only fields a new PermissionSet, PermissionSetGroup or Group gets.
 */
final class EntitlementRules {
    // UNCERTAIN: the exact texts; codes as reported by admins (DUPLICATE_VALUE on a second identical assignment)
    static final String DUPLICATE = "duplicate value found: <unknown> duplicates value on record with id: <unknown>";
    static final String LICENSE_MISMATCH = "The user license doesn't match the user license of the permission set";
    static final String PROFILE_OWNED =
            "You can't assign or unassign this permission set because it's associated with a profile.";

    private EntitlementRules() {}

    /** Called on create, under the write lock, after the reference checks of the plain reference fields. */
    static void onCreate(OrgStore store, ObjectSchema schema, Map<String, Object> record) {
        switch (schema.name()) {
            case "PermissionSet" -> {
                record.put("IsOwnedByProfile", false);
                record.put("Type", "Regular");
            }
            case "PermissionSetGroup" -> record.put("Status", "Updated");
            case "PermissionSetAssignment" -> assignment(store, record);
            case "GroupMember" -> member(store, record);
            default -> {
                // no rule
            }
        }
    }

    private static void assignment(OrgStore store, Map<String, Object> record) {
        Object setId = record.get("PermissionSetId");
        Object groupId = record.get("PermissionSetGroupId");
        if ((setId == null) == (groupId == null)) {
            throw new ApiException(
                    400,
                    ApiError.of(
                            "REQUIRED_FIELD_MISSING",
                            "Required fields are missing: [PermissionSetId]",
                            List.of("PermissionSetId")));
        }
        String field = setId != null ? "PermissionSetId" : "PermissionSetGroupId";
        Object target = setId != null ? setId : groupId;
        for (String otherId :
                store.lookup("PermissionSetAssignment", "AssigneeId", (String) record.get("AssigneeId"))) {
            if (Objects.equals(store.get(otherId).get(field), target)) {
                throw new ApiException(400, ApiError.of("DUPLICATE_VALUE", DUPLICATE, List.of()));
            }
        }
        record.put("IsActive", true);
        if (setId == null) {
            return;
        }
        Map<String, Object> set = store.get(setId.toString());
        if (Boolean.TRUE.equals(set.get("IsOwnedByProfile"))) {
            throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION", PROFILE_OWNED, List.of()));
        }
        Object license = set.get("LicenseId");
        if (license != null && !license.equals(userLicense(store, record.get("AssigneeId")))) {
            throw new ApiException(
                    400, ApiError.of("FIELD_INTEGRITY_EXCEPTION", LICENSE_MISMATCH, List.of("PermissionSetId")));
        }
    }

    private static void member(OrgStore store, Map<String, Object> record) {
        String who = String.valueOf(record.get("UserOrGroupId"));
        String type = store.typeOf(who);
        if (!("User".equals(type) || "Group".equals(type)) || !live(store.get(who))) {
            throw new ApiException(
                    400, ApiError.of("INVALID_CROSS_REFERENCE_KEY", ReferenceCheck.MESSAGE, List.of("UserOrGroupId")));
        }
        for (String otherId : store.lookup("GroupMember", "UserOrGroupId", who)) {
            if (Objects.equals(store.get(otherId).get("GroupId"), record.get("GroupId"))) {
                throw new ApiException(400, ApiError.of("DUPLICATE_VALUE", DUPLICATE, List.of()));
            }
        }
    }

    /** Deleting a profile's own permission set is refused, as in Setup. */
    static void onDelete(ObjectSchema schema, Map<String, Object> record) {
        if (schema.name().equals("PermissionSet") && Boolean.TRUE.equals(record.get("IsOwnedByProfile"))) {
            throw new ApiException(400, ApiError.of("FIELD_INTEGRITY_EXCEPTION", PROFILE_OWNED, List.of()));
        }
    }

    private static boolean live(Map<String, Object> record) {
        return record != null && !Boolean.TRUE.equals(record.get("IsDeleted"));
    }

    private static Object userLicense(OrgStore store, Object userId) {
        Map<String, Object> user = userId == null ? null : store.get(userId.toString());
        Object profileId = user == null ? null : user.get("ProfileId");
        Map<String, Object> profile = profileId == null ? null : store.get(profileId.toString());
        return profile == null ? null : profile.get("UserLicenseId");
    }
}
