package io.provisioning.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The org's standard duplicate rules, as a new org has them active: Lead ("Standard Rule for Leads with Duplicate
 * Leads") and Contact. Their matching rules are simplified to the same e-mail address and last name, with the first
 * names equal when both are set (Salesforce's standard matching rules also match fuzzy names, and name + company or
 * phone). The standard rules' action is "Allow" with an alert: an API create that matches is refused with
 * DUPLICATES_DETECTED unless the request carries {@code Sforce-Duplicate-Rule-Header: allowSave=true}; a rule set to
 * {@link Action#BLOCK} refuses it even then. Only creates (and upserts that create) are checked.
 */
final class DuplicateRules {

    /** What a matching rule does to the save. */
    enum Action {
        /** Standard rules: refused unless allowSave=true. */
        ALERT,
        /** Refused always. */
        BLOCK
    }

    /** One object's rule: whether it is active, what it does, and its names as Salesforce reports them. */
    record Rule(String object, boolean active, Action action, String ruleName, String matchRuleName) {

        Rule with(boolean newActive, Action newAction) {
            return new Rule(object, newActive, newAction, ruleName, matchRuleName);
        }
    }

    static final String MESSAGE = "Use one of these records?";
    static final String ALERT_TEXT =
            "You're creating a duplicate record. We recommend you use an existing record instead.";
    // UNCERTAIN: developer names of the standard rules as real orgs report them
    private static final Map<String, Rule> STANDARD = Map.of(
            "lead",
            new Rule(
                    "Lead",
                    true,
                    Action.ALERT,
                    "Standard_Rule_for_Leads_with_Duplicate_Leads",
                    "Standard_Lead_Match_Rule_v1_0"),
            "contact",
            new Rule(
                    "Contact",
                    true,
                    Action.ALERT,
                    "Standard_Rule_for_Contacts_with_Duplicate_Contacts",
                    "Standard_Contact_Match_Rule_v1_1"));

    private final Map<String, Rule> rules = new ConcurrentHashMap<>(STANDARD);

    /** The rule of an object, or null when the object has none. */
    Rule rule(String object) {
        return rules.get(object.toLowerCase(Locale.ROOT));
    }

    List<Rule> all() {
        return List.copyOf(rules.values());
    }

    /** Switches an object's rule on or off, or changes its action; false when the object has no rule. */
    boolean set(String object, boolean active, Action action) {
        Rule rule = rule(object);
        if (rule == null) {
            return false;
        }
        rules.put(object.toLowerCase(Locale.ROOT), rule.with(active, action));
        return true;
    }

    void reset() {
        rules.putAll(STANDARD);
    }

    /**
     * Refuses a create that matches live records of the same type, unless the rule allows the save and the request
     * asked for it. Called under the store's write lock.
     */
    void check(OrgStore store, ObjectSchema schema, Map<String, Object> record, boolean allowSave, String version) {
        Rule rule = rule(schema.name());
        Object email = record.get("Email");
        if (rule == null || !rule.active() || email == null) {
            return;
        }
        List<String> matches = store.lookup(schema.name(), "Email", email.toString()).stream()
                .filter(id -> sameName(store.get(id), record))
                .sorted()
                .toList();
        if (matches.isEmpty() || (allowSave && rule.action() == Action.ALERT)) {
            return;
        }
        throw new ApiException(
                400,
                new ApiError(MESSAGE, "DUPLICATES_DETECTED", List.of(), result(rule, schema.name(), matches, version)));
    }

    private static boolean sameName(Map<String, Object> existing, Map<String, Object> record) {
        if (existing == null || !equal(existing.get("LastName"), record.get("LastName"))) {
            return false;
        }
        Object first = existing.get("FirstName");
        Object other = record.get("FirstName");
        return first == null || other == null || equal(first, other);
    }

    private static boolean equal(Object a, Object b) {
        return a != null && b != null && a.toString().equalsIgnoreCase(b.toString());
    }

    /** The {@code duplicateResult} of the error, in Salesforce's shape (DuplicateResult > MatchResult > record). */
    private static ObjectNode result(Rule rule, String type, List<String> matches, String version) {
        ObjectNode result = Json.object();
        result.put("allowSave", rule.action() == Action.ALERT);
        result.put("duplicateRule", rule.ruleName());
        result.put("duplicateRuleEntityType", type);
        result.put("errorMessage", ALERT_TEXT);
        ObjectNode match = result.putArray("matchResults").addObject();
        match.put("entityType", type);
        match.putArray("errors");
        match.put("matchEngine", "FuzzyMatchEngine");
        ArrayNode records = match.putArray("matchRecords");
        for (String id : matches) {
            ObjectNode matched = records.addObject();
            matched.putArray("additionalInformation");
            matched.putArray("fieldDiffs");
            matched.put("matchConfidence", 100.0);
            ObjectNode found = matched.putObject("record");
            found.putObject("attributes").put("type", type).put("url", RecordRenderer.url(version, type, id));
            found.put("Id", id);
        }
        match.put("rule", rule.matchRuleName());
        match.put("size", matches.size());
        match.put("success", true);
        return result;
    }

    /** Whether a request's {@code Sforce-Duplicate-Rule-Header} asks to save duplicates ({@code allowSave=true}). */
    static boolean allowSave(ApiRequest request) {
        String header = request.header("Sforce-Duplicate-Rule-Header");
        if (header == null) {
            return false;
        }
        for (String part : header.split("[;,]")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase("allowSave")) {
                return Boolean.parseBoolean(kv[1].trim());
            }
        }
        return false;
    }
}
