package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Names the license behind a LICENSE_LIMIT_EXCEEDED refusal (Salesforce's message does not): the user license of the
 * profile the create asked for, with its counts, read from the org (Profile, then UserLicense).
 */
final class LicenseShortage {

    static final String CODE = "LICENSE_LIMIT_EXCEEDED";
    private final NameResolver.Soql soql;

    LicenseShortage(NameResolver.Soql soql) {
        this.soql = soql;
    }

    /** The failure with the license named in its message, or the failure as it was when it cannot be read. */
    SalesforceFailure explain(String application, WritePlan plan, SalesforceFailure failure) {
        Object profileId =
                plan == null || plan.body() == null ? null : plan.body().get("ProfileId");
        if (!CODE.equals(failure.errorCode()) || profileId == null) {
            return failure;
        }
        try {
            String id = profileId.toString().replace("'", "");
            List<JsonNode> profile =
                    soql.records(application, "SELECT Name, UserLicenseId FROM Profile WHERE Id = '" + id + "'");
            String licenseId = profile.isEmpty()
                    ? ""
                    : profile.get(0).path("UserLicenseId").asText("");
            List<JsonNode> license = soql.records(
                    application,
                    "SELECT Name, TotalLicenses, UsedLicenses FROM UserLicense WHERE Id = '"
                            + licenseId.replace("'", "") + "'");
            if (license.isEmpty()) {
                return failure;
            }
            JsonNode l = license.get(0);
            return new SalesforceFailure(
                    false,
                    failure.status(),
                    failure.errorCode(),
                    failure.message() + ": no free '" + l.path("Name").asText() + "' license ("
                            + l.path("UsedLicenses").asText() + " of "
                            + l.path("TotalLicenses").asText()
                            + " used) for profile '"
                            + profile.get(0).path("Name").asText()
                            + "'; free one (deactivate a user) or buy more");
        } catch (Exception e) {
            return failure; // the refusal stands as Salesforce gave it
        }
    }
}
