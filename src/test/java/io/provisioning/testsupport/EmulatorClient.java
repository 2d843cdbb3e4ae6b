package io.provisioning.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Looks into the Salesforce emulator through its REST API, as an admin with a browser or Workbench would look into
 * a real org, and drives its test controls.
 */
public final class EmulatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String username;
    private final String password;
    private String token;

    public EmulatorClient(String baseUrl, String username, String password) {
        this.baseUrl = baseUrl;
        this.username = username;
        this.password = password;
    }

    public static EmulatorClient defaultOrg(String baseUrl) {
        return new EmulatorClient(baseUrl, "integration@emulator.local", "emulator");
    }

    /** The test bundle's first emulated org. */
    public static EmulatorClient defaultOrg(org.apache.camel.CamelContext context) {
        return defaultOrg(context.getRegistry()
                .lookupByNameAndType("salesforceEmulator", io.provisioning.emulator.SalesforceEmulator.class)
                .baseUrl());
    }

    public JsonNode query(String soql) {
        return getJson("/services/data/v56.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
    }

    /** The id of the org's profile with that name, as an admin finds it (ids differ from org to org). */
    public String profileId(String name) {
        return query("SELECT Id FROM Profile WHERE Name = '" + name + "'")
                .path("records")
                .path(0)
                .path("Id")
                .asText();
    }

    /** Every record the query selects, following {@code nextRecordsUrl} page by page. */
    public java.util.List<JsonNode> queryAll(String soql) {
        java.util.List<JsonNode> records = new java.util.ArrayList<>();
        JsonNode page = query(soql);
        while (true) {
            page.path("records").forEach(records::add);
            if (page.path("done").asBoolean(true)) {
                return records;
            }
            page = getJson(page.path("nextRecordsUrl").asText());
        }
    }

    /** Sends a test control call ({@code /emulator/...}); returns the answer's status. */
    public int control(String method, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json))
                        .build())
                .statusCode();
    }

    /** {@code GET /sobjects/{sObject}/describe}, as camel-salesforce's getDescription asks it. */
    public JsonNode describe(String sObject) {
        return getJson("/services/data/v56.0/sobjects/" + sObject + "/describe");
    }

    public JsonNode record(String sObject, String id) {
        return getJson("/services/data/v56.0/sobjects/" + sObject + "/" + id);
    }

    /** Creates a record directly in the org, as someone working in Salesforce would; returns its id. */
    public String create(String sObject, String json) {
        return create(sObject, json, false);
    }

    /** Creates a record the org's duplicate rules match, as someone clicking "Save anyway" would. */
    public String createDuplicate(String sObject, String json) {
        return create(sObject, json, true);
    }

    private String create(String sObject, String json, boolean allowSave) {
        HttpRequest.Builder request = authorized("/services/data/v56.0/sobjects/" + sObject)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (allowSave) {
            request.header("Sforce-Duplicate-Rule-Header", "allowSave=true");
        }
        HttpResponse<String> response = send(request.build());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(
                    "create " + sObject + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response).path("id").asText();
    }

    /** Creates records directly in the org through sObject collections (200 a call); returns their ids. */
    public java.util.List<String> createMany(String sObject, java.util.List<java.util.Map<String, Object>> records) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int from = 0; from < records.size(); from += 200) {
            java.util.List<java.util.Map<String, Object>> chunk = new java.util.ArrayList<>();
            for (java.util.Map<String, Object> record : records.subList(from, Math.min(records.size(), from + 200))) {
                java.util.Map<String, Object> withType = new java.util.LinkedHashMap<>(record);
                withType.put("attributes", java.util.Map.of("type", sObject));
                chunk.add(withType);
            }
            String body;
            try {
                body = JSON.writeValueAsString(java.util.Map.of("allOrNone", true, "records", chunk));
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
            HttpResponse<String> response = send(authorized("/services/data/v56.0/composite/sobjects")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/json")
                    .build());
            for (JsonNode result : parse(response)) {
                if (!result.path("success").asBoolean()) {
                    throw new IllegalStateException("collection create failed: " + response.body());
                }
                ids.add(result.path("id").asText());
            }
        }
        return ids;
    }

    /** Updates a record directly in the org. */
    public int update(String sObject, String id, String json) {
        return send(authorized("/services/data/v56.0/sobjects/" + sObject + "/" + id)
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                        .header("Content-Type", "application/json")
                        .build())
                .statusCode();
    }

    /** Deletes a record directly in the org ("behind the bundle's back"). */
    public int delete(String sObject, String id) {
        return send(authorized("/services/data/v56.0/sobjects/" + sObject + "/" + id)
                        .DELETE()
                        .build())
                .statusCode();
    }

    /** The status of a GET of the record (200, or 404 once deleted). */
    public int recordStatus(String sObject, String id) {
        return send(authorized("/services/data/v56.0/sobjects/" + sObject + "/" + id)
                        .GET()
                        .build())
                .statusCode();
    }

    public int callCount(String operation) {
        return calls().path("byOperation").path(operation).asInt(0);
    }

    public void injectFault(String faultJson) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(faultJson))
                .header("Content-Type", "application/json")
                .build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("Fault not accepted: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Test control: the integration user's field-level security on {@code sObject}, e.g. {@code {"Company":"READ"}}
     * (EDIT, READ or NONE); {@code null} lifts every restriction.
     */
    public void restrictFields(String sObject, String accessJson) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(baseUrl + "/emulator/field-permissions" + (accessJson == null ? "" : "/" + sObject)))
                .header("Content-Type", "application/json"); // the emulator refuses other changes (no CSRF)
        HttpResponse<String> response = send(
                accessJson == null
                        ? request.DELETE().build()
                        : request.PUT(HttpRequest.BodyPublishers.ofString(accessJson))
                                .build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "Field permissions not accepted: " + response.statusCode() + " " + response.body());
        }
    }

    /** Test control: whether {@code password} is the User's current password. */
    public boolean passwordMatches(String userId, String password) {
        return parse(send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/users/" + userId
                                + "/password-check?password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                        .GET()
                        .build()))
                .path("matches")
                .asBoolean();
    }

    /** Test control: the org's limits ({@code GET /emulator/limits}, not counted as a call). */
    public JsonNode limits() {
        return parse(send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/limits"))
                .GET()
                .build()));
    }

    public JsonNode calls() {
        return parse(send(HttpRequest.newBuilder(URI.create(baseUrl + "/emulator/calls"))
                .GET()
                .build()));
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token());
    }

    private JsonNode getJson(String path) {
        HttpResponse<String> response = send(authorized(path).GET().build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return parse(response);
    }

    private String token() {
        if (token == null) {
            // the registered client, as the bundle's applications log in (the password flow is blocked, as in new orgs)
            String form = "grant_type=client_credentials&client_id="
                    + URLEncoder.encode(io.provisioning.emulator.ConnectedApp.DEFAULT_CLIENT_ID, StandardCharsets.UTF_8)
                    + "&client_secret="
                    + URLEncoder.encode(
                            io.provisioning.emulator.ConnectedApp.DEFAULT_CLIENT_SECRET, StandardCharsets.UTF_8);
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/services/oauth2/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build());
            token = parse(response).path("access_token").asText();
        }
        return token;
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + response.body(), e);
        }
    }
}
