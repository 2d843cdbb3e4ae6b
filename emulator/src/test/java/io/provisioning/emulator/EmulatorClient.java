package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain java.net.http client for the emulator, used by the HTTP tests. */
final class EmulatorClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String V = "/services/data/v56.0";
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    String token;

    EmulatorClient(SalesforceEmulator emulator) {
        this.base = emulator.baseUrl();
    }

    /** Answer with parsed body (null when empty). */
    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Answer form(String path, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    EmulatorClient login() throws IOException, InterruptedException {
        Answer a = form(
                "/services/oauth2/token",
                "grant_type=password&client_id=" + ConnectedApp.DEFAULT_CLIENT_ID
                        + "&client_secret=" + ConnectedApp.DEFAULT_CLIENT_SECRET + "&username="
                        + enc("integration@emulator.local") + "&password=emulator");
        if (a.status() != 200) {
            throw new IllegalStateException("login failed " + a.raw().body());
        }
        token = a.json().get("access_token").asText();
        return this;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(authed(path).GET().build());
    }

    Answer get(String path, String header, String value) throws IOException, InterruptedException {
        return send(authed(path).header(header, value).GET().build());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(authed(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Answer put(String path, String json) throws IOException, InterruptedException {
        return send(authed(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    Answer patch(String path, String json) throws IOException, InterruptedException {
        return send(authed(path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** Sends the JSON content type too: the emulator's state-changing test controls refuse a DELETE without it. */
    Answer delete(String path) throws IOException, InterruptedException {
        return send(
                authed(path).header("Content-Type", "application/json").DELETE().build());
    }

    HttpRequest.Builder authed(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json = r.body() == null || r.body().isEmpty() ? null : MAPPER.readTree(r.body());
        return new Answer(r.statusCode(), json, r);
    }

    /** Creates a record and returns its id. */
    String create(String type, String json) throws IOException, InterruptedException {
        Answer a = post(V + "/sobjects/" + type, json);
        if (a.status() != 201) {
            throw new IllegalStateException(a.status() + " " + a.raw().body());
        }
        return a.json().get("id").asText();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String userJson(String username) {
        return "{\"Username\":\"" + username + "\",\"Email\":\"" + username
                + "\",\"Alias\":\"al\",\"LastName\":\"Doe\","
                + "\"ProfileId\":\"" + Org.STANDARD_USER_PROFILE_ID + "\",\"TimeZoneSidKey\":\"Europe/Paris\","
                + "\"LocaleSidKey\":\"fr_FR\",\"EmailEncodingKey\":\"UTF-8\",\"LanguageLocaleKey\":\"fr\"}";
    }
}
