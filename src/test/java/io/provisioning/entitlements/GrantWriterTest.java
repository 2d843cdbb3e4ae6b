package io.provisioning.entitlements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provisioning.emulator.ConnectedApp;
import io.provisioning.emulator.EmulatorSettings;
import io.provisioning.emulator.SalesforceEmulator;
import io.provisioning.salesforce.CamelSoql;
import io.provisioning.salesforce.NameResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Grants applied in the emulated org through the real camel-salesforce component: merged, batched, reported. */
class GrantWriterTest {
    private static SalesforceEmulator emulator;
    private static DefaultCamelContext camel;
    private static ProducerTemplate template;
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static GrantWriter writer;
    private static GrantCalls counting;

    @BeforeAll
    static void start() throws Exception {
        emulator = new SalesforceEmulator(EmulatorSettings.defaults().withPort(0));
        emulator.start();
        camel = new DefaultCamelContext();
        SalesforceComponent sf = new SalesforceComponent();
        sf.setLoginUrl(emulator.baseUrl());
        sf.setUserName("integration@emulator.local");
        sf.setPassword("emulator");
        sf.setClientId(ConnectedApp.DEFAULT_CLIENT_ID);
        sf.setClientSecret(ConnectedApp.DEFAULT_CLIENT_SECRET);
        sf.setLazyLogin(true);
        sf.setHttpRequestTimeout(30_000);
        camel.addComponent("salesforce", sf);
        camel.start();
        template = camel.createProducerTemplate();
        CamelSoql soql = new CamelSoql(template);
        NameResolver names = new NameResolver((app, q) -> {
            CALLS.incrementAndGet();
            return soql.records(app, q);
        });
        GrantCalls real = new CamelGrantCalls(template);
        counting = new GrantCalls() {
            @Override
            public List<Result> insert(String application, List<Map<String, Object>> records) throws Exception {
                CALLS.incrementAndGet();
                return real.insert(application, records);
            }

            @Override
            public List<Result> delete(String application, List<String> ids) throws Exception {
                CALLS.incrementAndGet();
                return real.delete(application, ids);
            }

            @Override
            public List<JsonNode> query(String application, String soql) throws Exception {
                CALLS.incrementAndGet();
                return real.query(application, soql);
            }
        };
        writer = new GrantWriter(names, counting);
    }

    @AfterAll
    static void stop() {
        camel.stop();
        emulator.close();
    }

    private static String user(String username) {
        String json = "{\"Username\":\"" + username + "\",\"Email\":\"" + username + "\",\"Alias\":\"al\","
                + "\"LastName\":\"Doe\",\"ProfileId\":\"" + emulator.standardProfileId() + "\","
                + "\"TimeZoneSidKey\":\"GMT\",\"LocaleSidKey\":\"en_US\",\"EmailEncodingKey\":\"UTF-8\","
                + "\"LanguageLocaleKey\":\"en_US\"}";
        String answer =
                template.requestBody("salesforce:createSObject?sObjectName=User&rawPayload=true", json, String.class);
        return answer.replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    private static List<JsonNode> query(String soql) throws Exception {
        return new CamelSoql(template).records("salesforce", soql);
    }

    private static Entitlements wants(Set<String> sets, Set<String> groups) {
        return new Entitlements(null, null, sets, Set.of(), groups);
    }

    @Test
    void mergesWithHandMadeGrantsAndReportsEveryChangeByName() throws Exception {
        String ada = user("ada.grants@example.com");
        String bob = user("bob.grants@example.com");
        String apiEnabled = query("SELECT Id FROM PermissionSet WHERE Name = 'API_Enabled'")
                .get(0)
                .path("Id")
                .asText();
        // an admin's assignment, made by hand in Setup
        new CamelGrantCalls(template)
                .insert(
                        "salesforce",
                        List.of(Map.of(
                                "attributes", Map.of("type", "PermissionSetAssignment"),
                                "AssigneeId", ada,
                                "PermissionSetId", apiEnabled)));

        CALLS.set(0);
        Entitlements first =
                wants(Set.of("Sales_Ops", "Reports_Builder", "API_Enabled", "No_Such_Set"), Set.of("All_Sales"));
        List<GrantChange> changes = writer.apply(
                "salesforce",
                List.of(
                        new GrantWriter.UserPlan("ada", ada, EntitlementPlan.of(first, List.of())),
                        new GrantWriter.UserPlan(
                                "bob",
                                bob,
                                EntitlementPlan.of(wants(Set.of("Platform_Analytics"), Set.of()), List.of()))));
        // 5 names resolved once each (+1 unknown), one collection for every insert of both users
        assertEquals(6 + 1, CALLS.get());
        assertEquals(GrantChange.Outcome.ADDED, outcome(changes, "ada", "Sales_Ops"));
        assertEquals(GrantChange.Outcome.ADDED, outcome(changes, "ada", "Reports_Builder"));
        assertEquals(GrantChange.Outcome.ADDED, outcome(changes, "ada", "All_Sales"));
        assertEquals(GrantChange.Outcome.ALREADY_PRESENT, outcome(changes, "ada", "API_Enabled"));
        GrantChange unknown = change(changes, "ada", "No_Such_Set");
        assertEquals(GrantChange.Outcome.FAILED, unknown.outcome());
        assertTrue(unknown.message().contains("No_Such_Set"), unknown.message());
        GrantChange license = change(changes, "bob", "Platform_Analytics");
        assertEquals("FIELD_INTEGRITY_EXCEPTION", license.errorCode());
        assertTrue(license.message().contains("license"), license.message());

        List<AppliedGrant> made = GrantWriter.applied(
                List.of(),
                changes.stream().filter(c -> c.userKey().equals("ada")).toList());
        assertEquals(3, made.size());
        CALLS.set(0);
        List<GrantChange> update = writer.apply(
                "salesforce",
                List.of(new GrantWriter.UserPlan(
                        "ada", ada, EntitlementPlan.of(wants(Set.of("Reports_Builder"), Set.of()), made))));
        assertEquals(1, CALLS.get(), "names cached, one delete collection");
        assertEquals(GrantChange.Outcome.REMOVED, outcome(update, "ada", "Sales_Ops"));
        assertEquals(GrantChange.Outcome.REMOVED, outcome(update, "ada", "All_Sales"));
        List<String> left = new ArrayList<>();
        query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE Assignee.Username = "
                        + "'ada.grants@example.com' ORDER BY PermissionSet.Name")
                .forEach(r -> left.add(r.path("PermissionSet").path("Name").asText()));
        assertEquals(List.of("API_Enabled", "Reports_Builder"), left, "the hand-made assignment is kept");
        assertTrue(query("SELECT Id FROM GroupMember WHERE UserOrGroupId = '" + ada + "'")
                .isEmpty());
    }

    @Test
    void inARetryAfterALostAnswerWhatWasAssignedSinceTheAttemptIsTheBundles() throws Exception {
        String cy = user("cy.grants@example.com");
        // an admin's assignment and membership, made before the step's first attempt went out
        insert(
                cy,
                "PermissionSetAssignment",
                "PermissionSetId",
                "SELECT Id FROM PermissionSet WHERE Name = 'API_Enabled'");
        insert(cy, "GroupMember", "GroupId", "SELECT Id FROM Group WHERE DeveloperName = 'EMEA_Users'");
        Thread.sleep(1100); // "Date Assigned" is compared by the second
        java.time.OffsetDateTime sent = java.time.OffsetDateTime.now();
        // names resolved afresh (the other test counts its look-ups)
        CamelSoql soql = new CamelSoql(template);
        GrantWriter writer = new GrantWriter(new NameResolver(soql::records), counting);
        EntitlementPlan plan = EntitlementPlan.of(
                wants(Set.of("Sales_Ops", "API_Enabled"), Set.of("All_Sales", "EMEA_Users")), List.of());
        // the first attempt: applied, its answer lost
        writer.apply("salesforce", List.of(new GrantWriter.UserPlan("cy", cy, plan)));

        CALLS.set(0);
        List<GrantChange> retry = writer.apply("salesforce", List.of(new GrantWriter.UserPlan("cy", cy, plan, sent)));
        assertEquals(GrantChange.Outcome.ADDED, outcome(retry, "cy", "Sales_Ops"));
        assertEquals(GrantChange.Outcome.ADDED, outcome(retry, "cy", "All_Sales"));
        assertTrue(change(retry, "cy", "Sales_Ops").recordId().startsWith("0Pa"), retry.toString());
        assertEquals(GrantChange.Outcome.ALREADY_PRESENT, outcome(retry, "cy", "API_Enabled"));
        assertEquals(GrantChange.Outcome.ALREADY_PRESENT, outcome(retry, "cy", "EMEA_Users"));
        assertEquals(1 + 2, CALLS.get(), "one insert collection, one look-up per kind of duplicate");

        // a step not in doubt takes no duplicate as its own, and looks nothing up
        CALLS.set(0);
        List<GrantChange> plain = writer.apply("salesforce", List.of(new GrantWriter.UserPlan("cy", cy, plan)));
        assertEquals(GrantChange.Outcome.ALREADY_PRESENT, outcome(plain, "cy", "Sales_Ops"));
        assertEquals(1, CALLS.get());
    }

    private static void insert(String user, String sObject, String field, String soql) throws Exception {
        String assignee = sObject.equals("GroupMember") ? "UserOrGroupId" : "AssigneeId";
        new CamelGrantCalls(template)
                .insert(
                        "salesforce",
                        List.of(Map.of(
                                "attributes",
                                Map.of("type", sObject),
                                assignee,
                                user,
                                field,
                                query(soql).get(0).path("Id").asText())));
    }

    private static GrantChange change(List<GrantChange> changes, String user, String name) {
        return changes.stream()
                .filter(c -> c.userKey().equals(user) && c.grant().name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change for " + user + " " + name + " in " + changes));
    }

    private static GrantChange.Outcome outcome(List<GrantChange> changes, String user, String name) {
        return change(changes, user, name).outcome();
    }
}
