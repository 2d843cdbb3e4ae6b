package io.provisioning.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code /emulator/limits}: what a test needs of the org's limits. {@code GET} = the {@code /limits} answer (not
 * counted); {@code PUT {"DailyApiRequests":{"Max":N}}} changes the daily allocation, {@code
 * "ConcurrentLongRequests":{"Max":N,"ThresholdMillis":M}} the concurrent long-request limit; {@code POST .../reset}
 * starts a new day (usage 0).
 */
final class LimitControls {

    private final ApiUsage usage;
    private final LongRequests longRequests;
    private final Persistence persistence;

    LimitControls(ApiUsage usage, LongRequests longRequests, Persistence persistence) {
        this.usage = usage;
        this.longRequests = longRequests;
        this.persistence = persistence;
    }

    /** @param rest the segments after "limits" */
    ApiResponse handle(ApiRequest request, List<String> rest) {
        String method = request.method();
        if (rest.size() == 1 && rest.get(0).equals("reset")) {
            if (!method.equals("POST")) {
                throw new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED", "POST only"));
            }
            usage.restore(0);
            persistence.usageReset();
            return ApiResponse.json(200, limits(usage));
        }
        if (!rest.isEmpty()) {
            throw ApiException.notFound();
        }
        if (method.equals("PUT")) {
            JsonNode body = Json.parseBody(request.bodyText());
            JsonNode daily = body.path("DailyApiRequests");
            if (daily.has("Max")) {
                usage.max(daily.get("Max").asLong());
            }
            JsonNode concurrent = body.path("ConcurrentLongRequests");
            if (!concurrent.isMissingNode()) {
                longRequests.configure(
                        concurrent.path("Max").asInt(longRequests.max()),
                        concurrent.path("ThresholdMillis").asLong(longRequests.thresholdMillis()));
            }
        } else if (!method.equals("GET")) {
            throw new ApiException(405, ApiError.of("METHOD_NOT_ALLOWED", "GET, PUT, or POST .../reset"));
        }
        ObjectNode answer = limits(usage);
        answer.putObject("ConcurrentLongRequests")
                .put("Max", longRequests.max())
                .put("ThresholdMillis", longRequests.thresholdMillis());
        return ApiResponse.json(200, answer);
    }

    /** The {@code /limits} resource: every entry {@code {Max, Remaining}}. */
    static ObjectNode limits(ApiUsage usage) {
        ObjectNode node = Json.object();
        limit(node, "DailyApiRequests", usage.max(), usage.remaining());
        limit(node, "DailyBulkApiBatches", 15000, 15000);
        limit(node, "DailyBulkV2QueryJobs", 10000, 10000);
        limit(node, "DailyAsyncApexExecutions", 250000, 250000);
        limit(node, "DataStorageMB", 5, 5);
        limit(node, "FileStorageMB", 20, 20);
        limit(node, "SingleEmail", 15, 15);
        limit(node, "HourlyODataCallout", 10000, 10000);
        return node;
    }

    private static void limit(ObjectNode node, String name, long max, long remaining) {
        node.putObject(name).put("Max", max).put("Remaining", remaining);
    }
}
