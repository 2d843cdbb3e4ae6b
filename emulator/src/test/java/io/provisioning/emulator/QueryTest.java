package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static io.provisioning.emulator.EmulatorClient.enc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryTest {
    private static SalesforceEmulator emulator;
    private static EmulatorClient client;
    private static String deletedId;

    @BeforeAll
    static void start() throws Exception {
        emulator = new SalesforceEmulator(EmulatorSettings.defaults().withPort(0));
        emulator.start();
        client = new EmulatorClient(emulator).login();
        for (int i = 0; i < 450; i++) {
            client.create(
                    "Contact",
                    "{\"LastName\":\"P" + String.format("%03d", i) + "\",\"Department\":\""
                            + (i % 2 == 0 ? "Even" : "Odd") + "\"" + (i % 10 == 0 ? "" : ",\"Title\":\"T" + i + "\"")
                            + "}");
        }
        deletedId = client.create("Contact", "{\"LastName\":\"Gone\",\"Department\":\"Deleted\"}");
        client.delete(V + "/sobjects/Contact/" + deletedId);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static EmulatorClient.Answer query(String soql) throws Exception {
        return client.get(V + "/query?q=" + enc(soql));
    }

    @Test
    void pagesWithBatchSizeAndNextRecordsUrl() throws Exception {
        EmulatorClient.Answer first = client.get(
                V + "/query/?q=" + enc("SELECT Id, LastName FROM Contact ORDER BY LastName"),
                "Sforce-Query-Options",
                "batchSize=200");
        assertEquals(200, first.status());
        assertEquals(450, first.json().get("totalSize").asInt());
        assertFalse(first.json().get("done").asBoolean());
        assertEquals(200, first.json().get("records").size());
        JsonNode rec = first.json().get("records").get(0);
        assertEquals("Contact", rec.get("attributes").get("type").asText());
        assertEquals("P000", rec.get("LastName").asText());
        assertEquals(2, rec.size() - 1);
        String next = first.json().get("nextRecordsUrl").asText();
        assertTrue(next.matches("/services/data/v56\\.0/query/01g\\w{15}-200"), next);

        Set<String> ids = new HashSet<>();
        first.json().get("records").forEach(r -> ids.add(r.get("Id").asText()));
        EmulatorClient.Answer page = first;
        while (!page.json().get("done").asBoolean()) {
            page = client.get(page.json().get("nextRecordsUrl").asText());
            assertEquals(200, page.status());
            page.json().get("records").forEach(r -> ids.add(r.get("Id").asText()));
        }
        assertEquals(450, ids.size());
        assertEquals("P449", page.json().get("records").get(49).get("LastName").asText());

        EmulatorClient.Answer bad = client.get(V + "/query/01gXXXXXXXXXXXXXXX-200");
        assertEquals(400, bad.status());
        assertEquals("INVALID_QUERY_LOCATOR", bad.json().get(0).get("errorCode").asText());
    }

    @Test
    void filtersCountsOrdersAndLimits() throws Exception {
        assertEquals(
                225,
                query("SELECT COUNT() FROM Contact WHERE Department = 'even'")
                        .json()
                        .get("totalSize")
                        .asInt());
        assertEquals(
                45,
                query("SELECT COUNT() FROM Contact WHERE Title = null")
                        .json()
                        .get("totalSize")
                        .asInt());
        assertEquals(
                11,
                query(
                                "SELECT Id FROM Contact WHERE LastName LIKE 'P01%' OR (LastName = 'P449' AND NOT Department = 'Even')")
                        .json()
                        .get("totalSize")
                        .asInt());
        assertEquals(
                2,
                query("SELECT Id FROM Contact WHERE LastName IN ('P001','P002','nope')")
                        .json()
                        .get("totalSize")
                        .asInt());
        assertEquals(
                448,
                query("SELECT Id FROM Contact WHERE LastName NOT IN ('P001','P002')")
                        .json()
                        .get("totalSize")
                        .asInt());
        EmulatorClient.Answer desc = query("SELECT LastName FROM Contact ORDER BY LastName DESC LIMIT 3 OFFSET 1");
        assertEquals(3, desc.json().get("totalSize").asInt());
        assertEquals("P448", desc.json().get("records").get(0).get("LastName").asText());
        assertEquals(
                1,
                query("SELECT Id FROM Contact WHERE CreatedDate > 2000-01-01T00:00:00Z AND LastName = 'P007'")
                        .json()
                        .get("totalSize")
                        .asInt());
    }

    @Test
    void queryAllSeesDeletedRecords() throws Exception {
        assertEquals(
                0,
                query("SELECT Id FROM Contact WHERE Department = 'Deleted'")
                        .json()
                        .get("totalSize")
                        .asInt());
        EmulatorClient.Answer all =
                client.get(V + "/queryAll?q=" + enc("SELECT Id, IsDeleted FROM Contact WHERE Department = 'Deleted'"));
        assertEquals(1, all.json().get("totalSize").asInt());
        assertTrue(all.json().get("records").get(0).get("IsDeleted").asBoolean());
    }

    @Test
    void queryErrors() throws Exception {
        EmulatorClient.Answer malformed = query("SELECT Id FROM Contact invalid");
        assertEquals(400, malformed.status());
        assertEquals("MALFORMED_QUERY", malformed.json().get(0).get("errorCode").asText());
        EmulatorClient.Answer field = query("SELECT aId, Name FROM Contact");
        assertEquals("INVALID_FIELD", field.json().get(0).get("errorCode").asText());
        assertEquals(
                "\nSELECT aId, Name FROM Contact\n       ^\nERROR at Row:1:Column:8\nNo such column 'aId' on entity"
                        + " 'Contact'. If you are attempting to use a custom field, be sure to append the '__c' after the custom"
                        + " field name. Please reference your WSDL or the describe call for the appropriate names.",
                field.json().get(0).get("message").asText());
        EmulatorClient.Answer type = query("SELECT Id FROM Bogus");
        assertEquals("INVALID_TYPE", type.json().get(0).get("errorCode").asText());
        assertTrue(type.json().get(0).get("message").asText().contains("sObject type 'Bogus' is not supported."));
    }
}
