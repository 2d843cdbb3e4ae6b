package io.provisioning.salesforce;

import java.util.Map;

/**
 * Fields a user write adds to the mapping's (issue 20: the User's ProfileId and UserRoleId from the user's
 * entitlements, by resolved id). Called before the plan compares them with the fields last written.
 */
@FunctionalInterface
public interface UserFieldsHook {

    UserFieldsHook NONE = (application, userId, mapped) -> mapped;

    /** @return the fields to write: {@code mapped} with the hook's own replacing the mapping's */
    Map<String, Object> fields(SalesforceApplication application, String userId, Map<String, Object> mapped);
}
