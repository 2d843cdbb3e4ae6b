package io.provisioning.directory;

import io.provisioning.entitlements.Entitlements;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated change to a user: the profile fields given (a null value clears the field), custom attributes
 * (replacing all of them for PUT, merged key by key for PATCH where a null value removes the key) and the
 * active flag (null = unchanged); entitlements of the applications named (issue 20: each replaces that application's,
 * the others are unchanged).
 */
public record UserPatch(
        Map<String, String> profile,
        Map<String, Object> customAttributes,
        boolean replaceCustomAttributes,
        Boolean active,
        Map<String, Entitlements> entitlements) {

    public UserPatch {
        entitlements = entitlements == null ? Map.of() : Map.copyOf(entitlements);
    }

    public UserPatch(
            Map<String, String> profile,
            Map<String, Object> customAttributes,
            boolean replaceCustomAttributes,
            Boolean active) {
        this(profile, customAttributes, replaceCustomAttributes, active, Map.of());
    }

    public static UserPatch deactivate() {
        return new UserPatch(Map.of(), null, false, Boolean.FALSE);
    }

    /** Whether {@code after} (this patch applied to {@code before}) leaves the user as it was. */
    public static boolean same(User before, User after) {
        return after.equals(UserDirectory.withTime(before, after.updatedAt()));
    }

    public User applyTo(User user) {
        Map<String, Object> custom = new LinkedHashMap<>(
                replaceCustomAttributes || user.customAttributes() == null ? Map.of() : user.customAttributes());
        if (customAttributes != null) {
            customAttributes.forEach((k, v) -> {
                if (v == null) {
                    custom.remove(k);
                } else {
                    custom.put(k, v);
                }
            });
        }
        return new User(
                user.id(),
                value("userName", user.userName()),
                value("email", user.email()),
                value("firstName", user.firstName()),
                value("lastName", user.lastName()),
                value("company", user.company()),
                custom,
                active == null ? user.active() : active,
                user.onboardingStatus(),
                user.createdAt(),
                UserDirectory.now());
    }

    private String value(String field, String current) {
        return profile.containsKey(field) ? profile.get(field) : current;
    }
}
