package io.provisioning.emulator;

import static io.provisioning.emulator.EmulatorClient.V;
import static io.provisioning.emulator.EmulatorClient.userJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
    @Test
    void parallelWritersKeepUniquenessAndCounts() throws Exception {
        try (SalesforceEmulator emulator =
                new SalesforceEmulator(EmulatorSettings.defaults().withPort(0))) {
            emulator.start();
            EmulatorClient client = new EmulatorClient(emulator).login();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Integer>> results = new ArrayList<>();
            // 8 threads race to create the same 40 usernames: exactly one create per username may succeed
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 40; i++) {
                        if (client.post(V + "/sobjects/User", userJson("race" + i + "@corp.example"))
                                        .status()
                                == 201) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int created = 0;
            for (Future<Integer> f : results) {
                created += f.get();
            }
            pool.shutdown();
            assertEquals(40, created);
            assertEquals(
                    40,
                    client.get(V + "/query?q=SELECT+COUNT()+FROM+User+WHERE+Username+LIKE+'race%25'")
                            .json()
                            .get("totalSize")
                            .asInt());
            assertEquals(
                    40,
                    client.get(V + "/query?q=SELECT+COUNT()+FROM+UserLogin")
                                    .json()
                                    .get("totalSize")
                                    .asInt()
                            - 1);
            assertEquals("api-usage=323/15000", client.get(V + "/limits").header("Sforce-Limit-Info"));
        }
    }

    @Test
    void collectionUpsertReportsCreated() throws Exception {
        try (SalesforceEmulator emulator =
                new SalesforceEmulator(EmulatorSettings.defaults().withPort(0))) {
            emulator.start();
            EmulatorClient client = new EmulatorClient(emulator).login();
            emulator.defineExternalIdField("Contact", "External_Id__c");
            String body =
                    "{\"allOrNone\":false,\"records\":[{\"attributes\":{\"type\":\"Contact\"},\"External_Id__c\":\"K1\","
                            + "\"LastName\":\"One\"},{\"attributes\":{\"type\":\"Contact\"},\"External_Id__c\":\"K2\",\"LastName\":\"Two\"}]}";
            EmulatorClient.Answer first = client.patch(V + "/composite/sobjects/Contact/External_Id__c", body);
            assertTrue(first.json().get(0).get("created").asBoolean());
            EmulatorClient.Answer second = client.patch(V + "/composite/sobjects/Contact/External_Id__c", body);
            assertEquals(
                    first.json().get(1).get("id").asText(),
                    second.json().get(1).get("id").asText());
            assertTrue(!second.json().get(1).get("created").asBoolean());
            assertEquals(404, client.get("/services/data/latest/limits").status());
        }
    }
}
