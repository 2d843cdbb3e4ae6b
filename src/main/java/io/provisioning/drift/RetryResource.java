package io.provisioning.drift;

import io.provisioning.directory.FailedWork;
import io.provisioning.requests.FieldError;
import io.provisioning.requests.InvalidRequestException;
import io.provisioning.salesforce.SalesforceApplications;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/applications/{app}/retry-failed}: re-drives an application's failed work (issue 17, item 5). */
public class RetryResource {

    private static final Logger LOG = LoggerFactory.getLogger(RetryResource.class);
    /** The answer lists at most this many items; the count covers all. */
    static final int LISTED = 200;

    private final SalesforceApplications applications;
    private final FailedWork failedWork;

    public RetryResource(SalesforceApplications applications, FailedWork failedWork) {
        this.applications = applications;
        this.failedWork = failedWork;
    }

    public Map<String, Object> retryFailed(
            @Header("app") String app,
            @Header("errorCode") String errorCode,
            @Header("from") String from,
            @Header("to") String to,
            @Header("jobId") String jobId,
            Exchange exchange) {
        String application = applications.get(app).name(); // unknown: 404
        List<FieldError> errors = new ArrayList<>();
        OffsetDateTime since = instant("from", from, errors);
        OffsetDateTime until = instant("to", to, errors);
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add(new FieldError("from", "must be before to"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("Invalid re-drive filter", errors);
        }
        List<FailedWork.Redriven> redriven =
                failedWork.redrive(application, new FailedWork.Filter(blank(errorCode), since, until, blank(jobId)));
        LOG.info("Re-drive of {}: {} failed item(s) back in the queue", application, redriven.size());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("application", application);
        answer.put("redriven", redriven.size());
        answer.put(
                "items",
                redriven.stream().limit(LISTED).map(RetryResource::view).toList());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, redriven.isEmpty() ? 200 : 202);
        return answer;
    }

    private static Map<String, Object> view(FailedWork.Redriven item) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("requestId", "outbox-" + item.outboxId());
        view.put("userId", item.userId());
        view.put("operation", item.operation());
        view.put("retryOf", item.retryOf());
        view.put("errorCode", item.errorCode());
        return view;
    }

    private static OffsetDateTime instant(String name, String value, List<FieldError> errors) {
        if (blank(value) == null) {
            return null;
        }
        try {
            return Instant.parse(value).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant, e.g. 2026-12-01T10:00:00Z"));
            return null;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
