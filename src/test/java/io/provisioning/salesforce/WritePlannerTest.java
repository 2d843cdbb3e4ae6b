package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.directory.ApplicationLink;
import io.provisioning.directory.LinkState;
import io.provisioning.directory.Operation;
import io.provisioning.directory.OutboxItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycle rules, one case per row of the table in docs/lifecycle.md: the docs and the planner cannot drift
 * apart, and a changed rule shows up as a changed row.
 */
class WritePlannerTest {

    private static final Path TABLE = Path.of("docs/lifecycle.md");
    private static final String MARK = "<!-- rules: WritePlannerTest -->";
    private static final String RECORD_ID = "00Q000000000001AAA";

    private final WritePlanner planner = new WritePlanner();

    /** One row: work | target | record | user | switched off | plan | sends | link afterwards. */
    record Rule(
            String work,
            String target,
            String record,
            String user,
            String off,
            String plan,
            String sends,
            String linkAfter) {

        @Override
        public String toString() {
            return String.join(" | ", work, target, record, user, off, plan, sends, linkAfter);
        }
    }

    static Stream<Rule> rules() throws IOException {
        List<String> lines = Files.readAllLines(TABLE);
        int start = lines.indexOf(MARK);
        assertTrue(start >= 0, "docs/lifecycle.md has lost its rule table (" + MARK + ")");
        return lines.subList(start + 3, lines.size()).stream()
                .takeWhile(line -> line.startsWith("|"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip)
                        .toArray(String[]::new))
                .map(c -> new Rule(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
    }

    @Test
    void theTableCoversEveryKindOfWorkAndEveryTarget() throws IOException {
        List<Rule> rules = rules().toList();
        assertTrue(rules.size() >= 15, "rows read: " + rules.size());
        for (String work : List.of("create", "update", "delete", "activate")) {
            assertTrue(rules.stream().anyMatch(r -> r.work().equals(work)), work);
        }
        for (String target : SalesforceApplication.TARGETS) {
            assertTrue(rules.stream().anyMatch(r -> r.target().startsWith(target)), target);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void planFollowsTheLifecycleTable(Rule rule) {
        String sObject = rule.target().split("[ ,]")[0];
        Map<String, Object> mapped = mappedFields(sObject);
        if (rule.target().contains("required field empty")) {
            mapped.put("LastName", "");
        }
        ApplicationLink link = link(rule.record());
        Map<String, Object> synced = new LinkedHashMap<>(mapped);
        if (rule.record().equals("changed")) {
            synced.put("LastName", "Byron");
        }
        WritePlan plan = planner.plan(
                item(rule.work()),
                application(sObject, rule),
                link,
                mapped,
                link == null ? Map.of() : synced,
                rule.user().equals("active"));

        assertEquals(rule.plan(), describe(plan), "plan");
        assertEquals(rule.sends(), sends(plan, mapped), "what is sent");
        assertEquals(
                rule.linkAfter(),
                plan.stateOnSuccess() == null
                        ? "unchanged"
                        : plan.stateOnSuccess().db(),
                "link state afterwards");
        if (plan.skipped()) {
            assertNull(plan.body(), "no call, nothing to send");
            assertTrue(plan.reason() != null && !plan.reason().isBlank(), "a skip or refusal says why");
        }
    }

    private static String describe(WritePlan plan) {
        if (plan.refused()) {
            return "refuse " + plan.refusalCode();
        }
        return plan.skipped() ? "skip" : plan.call().name().toLowerCase().replace('_', ' ');
    }

    private static String sends(WritePlan plan, Map<String, Object> mapped) {
        if (plan.body() == null) {
            return "–";
        }
        if (plan.body().equals(mapped)) {
            return "mapped fields";
        }
        if (plan.body().equals(Map.of("LastName", "Lovelace"))) {
            return "changed fields";
        }
        if (plan.body().size() == 1 && plan.body().containsKey("IsActive")) {
            return "IsActive=" + plan.body().get("IsActive");
        }
        return plan.body().toString();
    }

    private static Map<String, Object> mappedFields(String sObject) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("LastName", "Lovelace");
        fields.put("Email", "ada@example.com");
        switch (sObject) {
            case "Lead" -> fields.put("Company", "Analytical Engines");
            case "User" -> {
                fields.put("Username", "ada@example.com");
                fields.put("Alias", "alove");
                fields.put("ProfileId", "00e000000000001AAA");
                fields.put("TimeZoneSidKey", "Europe/London");
                fields.put("LocaleSidKey", "en_GB");
                fields.put("EmailEncodingKey", "UTF-8");
                fields.put("LanguageLocaleKey", "en_US");
            }
            default -> {}
        }
        return fields;
    }

    private static ApplicationLink link(String record) {
        if (record.equals("none")) {
            return null;
        }
        LinkState state = record.contains("last write failed") ? LinkState.FAILED : LinkState.PROVISIONED;
        return new ApplicationLink("crm", state, RECORD_ID, null, null, null, OffsetDateTime.now());
    }

    private static OutboxItem item(String work) {
        return new OutboxItem(1, "user-1", "crm", Operation.of(work), "test", 0, null, OffsetDateTime.now(), null);
    }

    private static SalesforceApplication application(String sObject, Rule rule) {
        Set<Feature> features = EnumSet.allOf(Feature.class);
        Arrays.stream(Feature.values())
                .filter(f -> f.label().startsWith(rule.off() + " "))
                .forEach(features::remove);
        assertTrue(rule.off().equals("–") || features.size() < Feature.values().length, "unknown switch " + rule.off());
        String externalIdField = rule.target().contains("external-id field") ? "Provisioning_Id__c" : null;
        return new SalesforceApplication(
                "crm",
                sObject,
                Path.of("config/mappings/crm.yaml"),
                features,
                null,
                null,
                0,
                Set.of(),
                new SalesforceApplication.Idempotence(
                        externalIdField, SalesforceApplication.Idempotence.defaultMatchFields(sObject)));
    }
}
