package io.provisioning.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Calls the bundle's HTTP API like an external system would. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    public ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public record Response(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Response post(String path, String body) {
        return send(request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public Response postWithoutToken(String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public Response put(String path, String body) {
        return send(request(path)
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public Response patch(String path, String body) {
        return send(request(path)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** GET with the token and extra headers (name, value, …); the whole answer, headers included. */
    public HttpResponse<String> getWithHeaders(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return raw(builder);
    }

    public Response getWithoutToken(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .GET());
    }

    /** Waits until the user's first application link reaches the state; its last answer. */
    public JsonNode awaitFirstLinkState(String userId, String state) {
        return Await.until(
                () -> get("/api/users/" + userId).json(),
                u -> state.equals(u.path("applications").path(0).path("state").asText()),
                Duration.ofSeconds(30));
    }

    /** Waits until the user's first application link is provisioned; its record id. */
    public String awaitProvisionedRecordId(String userId) {
        return awaitFirstLinkState(userId, "provisioned")
                .path("applications")
                .path(0)
                .path("recordId")
                .asText();
    }

    public static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder builder) {
        HttpResponse<String> response = raw(builder);
        return new Response(response.statusCode(), response.body());
    }

    private HttpResponse<String> raw(HttpRequest.Builder builder) {
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
