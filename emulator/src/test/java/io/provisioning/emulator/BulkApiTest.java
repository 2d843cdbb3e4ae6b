package io.provisioning.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk API 2.0 ingest and query jobs over HTTP, answered as an org answers them. */
class BulkApiTest {
    private static final String INGEST = EmulatorClient.V + "/jobs/ingest";
    private static final String QUERY = EmulatorClient.V + "/jobs/query";
    private static SalesforceEmulator emulator;
    private static EmulatorClient client;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        emulator = new SalesforceEmulator(EmulatorSettings.defaults().withPort(0));
        emulator.start();
        client = new EmulatorClient(emulator).login();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() throws Exception {
        control("POST", "/emulator/reset", "");
        control("PUT", "/emulator/bulk", "{\"recordsPerSecond\":100000,\"maxUploadBytes\":0,\"maxOpenJobs\":0}");
    }

    @Test
    void insertJobGoesFromOpenToJobCompleteWithSuccessfulAndFailedResults() throws Exception {
        EmulatorClient.Answer created =
                client.post(INGEST, "{\"object\":\"Lead\",\"operation\":\"insert\",\"lineEnding\":\"LF\"}");
        assertEquals(200, created.status(), created.raw().body());
        JsonNode info = created.json();
        String id = info.get("id").asText();
        assertTrue(id.startsWith("750") && id.length() == 18, id);
        assertEquals("Open", info.get("state").asText());
        assertEquals(
                "services/data/v56.0/jobs/ingest/" + id + "/batches",
                info.get("contentUrl").asText());
        assertEquals("V2Ingest", info.get("jobType").asText());

        String csv = "LastName,Company,Email\n"
                + "Lovelace,Engines,ada@example.com\n"
                + "\"Hopper, Grace\",Navy,grace@example.com\n"
                + "NoCompany,,none@example.com\n";
        assertEquals(201, upload(id, csv).statusCode());
        // one upload per job
        assertEquals(409, upload(id, csv).statusCode());

        JsonNode closed = client.patch(INGEST + "/" + id, "{\"state\":\"UploadComplete\"}")
                .json();
        assertEquals("UploadComplete", closed.get("state").asText());
        JsonNode done = awaitState(INGEST + "/" + id, "JobComplete");
        assertEquals(3, done.get("numberRecordsProcessed").asInt());
        assertEquals(1, done.get("numberRecordsFailed").asInt());

        List<List<String>> ok =
                csv(get(INGEST + "/" + id + "/successfulResults").body());
        assertEquals(List.of("sf__Id", "sf__Created", "LastName", "Company", "Email"), ok.get(0));
        assertEquals(3, ok.size());
        assertTrue(ok.get(1).get(0).startsWith("00Q"), ok.toString());
        assertEquals("true", ok.get(1).get(1));
        assertEquals("Hopper, Grace", ok.get(2).get(2));
        assertEquals(
                "Navy",
                client.get(EmulatorClient.V + "/sobjects/Lead/" + ok.get(2).get(0))
                        .json()
                        .get("Company")
                        .asText());

        List<List<String>> failed =
                csv(get(INGEST + "/" + id + "/failedResults").body());
        assertEquals(List.of("sf__Id", "sf__Error", "LastName", "Company", "Email"), failed.get(0));
        assertEquals("", failed.get(1).get(0));
        assertTrue(
                failed.get(1).get(1).startsWith("REQUIRED_FIELD_MISSING:Required fields are missing: [Company]"),
                failed.get(1).get(1));
        assertTrue(failed.get(1).get(1).endsWith(":Company --"), failed.get(1).get(1));
        assertEquals(
                "text/csv",
                get(INGEST + "/" + id + "/failedResults")
                        .headers()
                        .firstValue("Content-Type")
                        .orElse(""));
    }

    @Test
    void updateUpsertAndDeleteJobs() throws Exception {
        String lead = client.create("Lead", "{\"LastName\":\"Old\",\"Company\":\"Co\"}");
        String update = job("{\"object\":\"Lead\",\"operation\":\"update\"}");
        upload(update, "Id,Title,Company\n" + lead + ",Dr,\n");
        close(update);
        JsonNode done = awaitState(INGEST + "/" + update, "JobComplete");
        assertEquals(0, done.get("numberRecordsFailed").asInt());
        JsonNode record =
                client.get(EmulatorClient.V + "/sobjects/Lead/" + lead).json();
        assertEquals("Dr", record.get("Title").asText());
        assertEquals("Co", record.get("Company").asText(), "an empty value leaves the field unchanged");
        assertEquals(
                "false",
                csv(get(INGEST + "/" + update + "/successfulResults").body())
                        .get(1)
                        .get(1));

        // an org has no custom fields until one is defined (org realism)
        emulator.defineExternalIdField("Lead", "External_Id__c");
        String upsert =
                job("{\"object\":\"Lead\",\"operation\":\"upsert\",\"externalIdFieldName\":\"External_Id__c\"}");
        upload(upsert, "External_Id__c,LastName,Company\nk1,First,Co\nk1,Second,Co\n");
        close(upsert);
        awaitState(INGEST + "/" + upsert, "JobComplete");
        List<List<String>> rows =
                csv(get(INGEST + "/" + upsert + "/successfulResults").body());
        assertEquals("true", rows.get(1).get(1));
        assertEquals("false", rows.get(2).get(1));
        assertEquals(rows.get(1).get(0), rows.get(2).get(0));

        String delete = job("{\"object\":\"Lead\",\"operation\":\"delete\"}");
        upload(delete, "Id\n" + lead + "\n");
        close(delete);
        awaitState(INGEST + "/" + delete, "JobComplete");
        assertEquals(
                404, client.get(EmulatorClient.V + "/sobjects/Lead/" + lead).status());
    }

    @Test
    void unknownColumnFailsTheJobAndListsItsRowsAsUnprocessed() throws Exception {
        String id = job("{\"object\":\"Lead\",\"operation\":\"insert\"}");
        upload(id, "LastName,Company,Shoe_Size__c\nA,B,42\n");
        close(id);
        JsonNode failed = awaitState(INGEST + "/" + id, "Failed");
        assertEquals(
                "InvalidBatch : Field name not found : Shoe_Size__c",
                failed.get("errorMessage").asText());
        List<List<String>> rows =
                csv(get(INGEST + "/" + id + "/unprocessedrecords").body());
        assertEquals(List.of(List.of("LastName", "Company", "Shoe_Size__c"), List.of("A", "B", "42")), rows);
    }

    @Test
    void jobsAreProcessedAtTheConfiguredRateAndCanBeAborted() throws Exception {
        control("PUT", "/emulator/bulk", "{\"recordsPerSecond\":20}");
        StringBuilder csv = new StringBuilder("LastName,Company\n");
        for (int i = 0; i < 200; i++) {
            csv.append("L").append(i).append(",Co\n");
        }
        String id = job("{\"object\":\"Lead\",\"operation\":\"insert\"}");
        upload(id, csv.toString());
        close(id);
        JsonNode running = awaitState(INGEST + "/" + id, "InProgress");
        assertTrue(running.get("numberRecordsProcessed").asInt() < 200, running.toString());
        JsonNode aborted =
                client.patch(INGEST + "/" + id, "{\"state\":\"Aborted\"}").json();
        assertEquals("Aborted", aborted.get("state").asText());
        JsonNode after = client.get(INGEST + "/" + id).json();
        int processed = after.get("numberRecordsProcessed").asInt();
        List<List<String>> unprocessed =
                csv(get(INGEST + "/" + id + "/unprocessedrecords").body());
        assertEquals(200 - processed, unprocessed.size() - 1);
        assertEquals(
                processed,
                client.get(EmulatorClient.V + "/query?q=SELECT+COUNT()+FROM+Lead")
                        .json()
                        .get("totalSize")
                        .asInt());
    }

    @Test
    void uploadSizeAndOpenJobLimits() throws Exception {
        control("PUT", "/emulator/bulk", "{\"maxUploadBytes\":20,\"maxOpenJobs\":2}");
        String id = job("{\"object\":\"Lead\",\"operation\":\"insert\"}");
        HttpResponse<String> tooLarge = upload(id, "LastName,Company\nLovelace,Analytical Engines\n");
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertTrue(tooLarge.body().contains("REQUEST_ENTITY_TOO_LARGE"), tooLarge.body());
        job("{\"object\":\"Lead\",\"operation\":\"insert\"}");
        EmulatorClient.Answer third = client.post(INGEST, "{\"object\":\"Lead\",\"operation\":\"insert\"}");
        assertEquals(400, third.status());
        assertEquals("LIMIT_EXCEEDED", third.json().get(0).get("errorCode").asText());
        EmulatorClient.Answer badObject = client.post(INGEST, "{\"object\":\"Shoe\",\"operation\":\"insert\"}");
        assertEquals("INVALIDJOB", badObject.json().get(0).get("errorCode").asText());
    }

    @Test
    void everyCallCountsAndFaultsApply() throws Exception {
        long before = client.get(EmulatorClient.V + "/limits")
                .json()
                .get("DailyApiRequests")
                .get("Remaining")
                .asLong();
        String id = job("{\"object\":\"Lead\",\"operation\":\"insert\"}");
        upload(id, "LastName,Company\nA,B\n");
        close(id);
        awaitState(INGEST + "/" + id, "JobComplete");
        HttpResponse<String> results = get(INGEST + "/" + id + "/successfulResults");
        assertTrue(results.headers().firstValue("Sforce-Limit-Info").isPresent());
        long after = client.get(EmulatorClient.V + "/limits")
                .json()
                .get("DailyApiRequests")
                .get("Remaining")
                .asLong();
        assertTrue(before - after >= 6, before + " -> " + after); // limits, create, put, patch, get(s), results

        client.post(
                "/emulator/faults",
                "{\"operation\":\"bulk\",\"count\":1,\"status\":503," + "\"errorCode\":\"SERVER_UNAVAILABLE\"}");
        EmulatorClient.Answer refused = client.post(INGEST, "{\"object\":\"Lead\",\"operation\":\"insert\"}");
        assertEquals(503, refused.status());
    }

    @Test
    void queryJobPagesWithLocatorAndMaxRecords() throws Exception {
        for (int i = 0; i < 5; i++) {
            client.create("Lead", "{\"LastName\":\"Q" + i + "\",\"Company\":\"Co, Inc\"}");
        }
        EmulatorClient.Answer created = client.post(
                QUERY,
                "{\"operation\":\"query\",\"query\":\"SELECT Id, LastName, Company FROM Lead ORDER BY LastName\"}");
        assertEquals(200, created.status(), created.raw().body());
        String id = created.json().get("id").asText();
        assertEquals("UploadComplete", created.json().get("state").asText());
        JsonNode done = awaitState(QUERY + "/" + id, "JobComplete");
        assertEquals(5, done.get("numberRecordsProcessed").asInt());

        List<List<String>> all = new ArrayList<>();
        String locator = null;
        int pages = 0;
        do {
            HttpResponse<String> page =
                    get(QUERY + "/" + id + "/results?maxRecords=2" + (locator == null ? "" : "&locator=" + locator));
            assertEquals(200, page.statusCode(), page.body());
            List<List<String>> rows = csv(page.body());
            assertEquals(List.of("Id", "LastName", "Company"), rows.get(0));
            assertEquals(
                    String.valueOf(rows.size() - 1),
                    page.headers().firstValue("Sforce-NumberOfRecords").get());
            all.addAll(rows.subList(1, rows.size()));
            locator = page.headers().firstValue("Sforce-Locator").get();
            pages++;
        } while (!locator.equals("null"));
        assertEquals(3, pages);
        assertEquals(
                List.of("Q0", "Q1", "Q2", "Q3", "Q4"),
                all.stream().map(r -> r.get(1)).toList());
        assertEquals("Co, Inc", all.get(0).get(2));

        EmulatorClient.Answer bad = client.post(QUERY, "{\"operation\":\"query\",\"query\":\"SELECT FROM\"}");
        assertEquals(400, bad.status());
        assertNull(client.get(QUERY + "/" + id).json().get("errorMessage"));
    }

    private static String job(String json) throws Exception {
        EmulatorClient.Answer a = client.post(INGEST, json);
        assertEquals(200, a.status(), a.raw().body());
        return a.json().get("id").asText();
    }

    private static void close(String id) throws Exception {
        assertEquals(
                200,
                client.patch(INGEST + "/" + id, "{\"state\":\"UploadComplete\"}")
                        .status());
    }

    private static HttpResponse<String> upload(String id, String csv) throws Exception {
        return HTTP.send(
                client.authed(INGEST + "/" + id + "/batches")
                        .header("Content-Type", "text/csv")
                        .PUT(HttpRequest.BodyPublishers.ofString(csv))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(client.authed(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void control(String method, String path, String json) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(client.base + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode awaitState(String path, String state) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode info;
        do {
            info = client.get(path).json();
            if (info.get("state").asText().equals(state)) {
                return info;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job never reached " + state + ": " + info);
    }

    static List<List<String>> csv(String text) throws IOException {
        BulkCsv reader = new BulkCsv(new java.io.StringReader(text));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
