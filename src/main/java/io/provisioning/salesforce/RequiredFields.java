package io.provisioning.salesforce;

import java.util.List;
import java.util.Map;

/**
 * The fields Salesforce requires of each target sObject, checked when a write is planned: a record that Salesforce
 * would refuse with {@code REQUIRED_FIELD_MISSING} is refused here instead, without a call (and without spending
 * the org's API budget). The intake (SCIM, for one) may accept a user without them; the application's mapping must
 * then give a value or a default. The outbox item fails for that application; the user's next change plans the write
 * again, so it goes through once the value is supplied.
 */
final class RequiredFields {

    static final String ERROR_CODE = "REQUIRED_FIELD_MISSING";

    /** What Salesforce requires on create (Lead: Web-to-Lead's two; User: the ones every org asks for). */
    private static final Map<String, List<String>> BY_SOBJECT = Map.of(
            "Lead", List.of("LastName", "Company"),
            "Contact", List.of("LastName"),
            "User",
                    List.of(
                            "Username",
                            "Email",
                            "Alias",
                            "LastName",
                            "ProfileId",
                            "TimeZoneSidKey",
                            "LocaleSidKey",
                            "EmailEncodingKey",
                            "LanguageLocaleKey"));

    private RequiredFields() {}

    /**
     * The plan itself, or a refusal naming the fields and the mapping file when a create lacks a required field or
     * an update would clear one.
     */
    static WritePlan checked(SalesforceApplication application, WritePlan plan) {
        if (plan.skipped() || plan.body() == null || plan.is(WritePlan.Call.DELETE)) {
            return plan;
        }
        List<String> missing = BY_SOBJECT.getOrDefault(application.sObject(), List.of()).stream()
                .filter(field -> (plan.creates() || plan.body().containsKey(field))
                        && blank(plan.body().get(field)))
                .toList();
        if (missing.isEmpty()) {
            return plan;
        }
        String reason = application.sObject() + " requires " + String.join(", ", missing) + ": the mapping "
                + application.mappingFile() + " of application " + application.name() + " gives "
                + (missing.size() == 1 ? "it" : "them") + " no value and no default; not sent to Salesforce";
        return WritePlan.refused(ERROR_CODE, reason);
    }

    private static boolean blank(Object value) {
        return value == null || (value instanceof String s && s.isBlank());
    }
}
