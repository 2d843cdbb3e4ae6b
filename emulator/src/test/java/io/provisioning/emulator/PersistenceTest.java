package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static io.provisioning.emulator.EmulatorClient.userJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
    @TempDir
    Path dir;

    @Test
    void recordsPasswordsFieldsAndUsageSurviveARestart() throws Exception {
        EmulatorSettings settings = EmulatorSettings.defaults().withPort(0).withDataDir(dir);
        String leadId;
        String deletedId;
        String userId;
        long usage;
        try (SalesforceEmulator first = new SalesforceEmulator(settings)) {
            first.start();
            EmulatorClient c = new EmulatorClient(first).login();
            c.post("/emulator/schema/Lead", "{\"field\":\"Employee_Id__c\",\"externalId\":true,\"length\":80}");
            leadId = c.create("Lead", "{\"LastName\":\"Kept\",\"Company\":\"Co\",\"Employee_Id__c\":\"E1\"}");
            deletedId = c.create("Lead", "{\"LastName\":\"Deleted\",\"Company\":\"Co\"}");
            c.delete(V + "/sobjects/Lead/" + deletedId);
            c.patch(V + "/sobjects/Lead/" + leadId, "{\"Title\":\"Boss\"}");
            userId = c.create("User", userJson("persist@corp.example"));
            c.post(V + "/sobjects/User/" + userId + "/password", "{\"NewPassword\":\"Passw0rdX\"}");
            usage = c.get(V + "/limits")
                    .json()
                    .get("DailyApiRequests")
                    .get("Remaining")
                    .asLong();
        }
        assertTrue(Files.exists(dir.resolve("salesforce-emulator/journal.jsonl")));
        try (SalesforceEmulator second = new SalesforceEmulator(settings)) {
            second.start();
            EmulatorClient c = new EmulatorClient(second).login();
            EmulatorClient.Answer lead = c.get(V + "/sobjects/Lead/" + leadId);
            assertEquals(200, lead.status());
            assertEquals("Boss", lead.json().get("Title").asText());
            assertEquals("E1", lead.json().get("Employee_Id__c").asText());
            assertEquals(200, c.get(V + "/sobjects/Lead/Employee_Id__c/E1").status());
            assertEquals(404, c.get(V + "/sobjects/Lead/" + deletedId).status());
            assertEquals(
                    "DUPLICATE_USERNAME",
                    c.post(V + "/sobjects/User", userJson("persist@corp.example"))
                            .json()
                            .get(0)
                            .get("errorCode")
                            .asText());
            assertTrue(c.get("/emulator/users/" + userId + "/password-check?password=Passw0rdX")
                    .json()
                    .get("matches")
                    .asBoolean());
            long remaining = c.get(V + "/limits")
                    .json()
                    .get("DailyApiRequests")
                    .get("Remaining")
                    .asLong();
            assertEquals(usage - 5, remaining); // 3 GETs, the refused user POST and this call all count
            String newId = c.create("Lead", "{\"LastName\":\"New\",\"Company\":\"Co\"}");
            assertTrue(newId.compareTo(deletedId) > 0, "ids continue after the persisted ones");
        }
    }
}
