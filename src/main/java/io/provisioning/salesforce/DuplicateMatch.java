package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.component.salesforce.api.SalesforceException;

/**
 * The detail of a DUPLICATES_DETECTED refusal: the duplicate rule, whether it would allow the save with the
 * DuplicateRuleHeader, and the ids of the matched records, read from Salesforce's {@code duplicateResult}.
 */
record DuplicateMatch(String rule, boolean allowSave, List<String> recordIds) {

    static final String CODE = "DUPLICATES_DETECTED";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** From one error element (single call: the answer's array element; collection: a record's error). */
    static Optional<DuplicateMatch> fromError(JsonNode error) {
        String code = error.path("errorCode").asText(error.path("statusCode").asText(""));
        if (!CODE.equals(code)) {
            return Optional.empty();
        }
        JsonNode result = error.path("duplicateResult");
        List<String> ids = new ArrayList<>();
        for (JsonNode match : result.path("matchResults")) {
            for (JsonNode record : match.path("matchRecords")) {
                String id = record.path("record").path("Id").asText(null);
                if (id != null && !ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        return Optional.of(new DuplicateMatch(
                result.path("duplicateRule").asText("a duplicate rule"),
                result.path("allowSave").asBoolean(false),
                List.copyOf(ids)));
    }

    /** From a failed single call: the answer's body that camel-salesforce keeps on its exception. */
    static Optional<DuplicateMatch> fromFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SalesforceException e && e.getResponseContent() != null) {
                return read(e.getResponseContent());
            }
        }
        return Optional.empty();
    }

    private static Optional<DuplicateMatch> read(InputStream content) {
        try {
            content.reset();
            JsonNode body = JSON.readTree(content);
            return body != null && body.isArray() && !body.isEmpty() ? fromError(body.get(0)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** "existing Lead 00Q… (rule Standard_…)" for the report row. */
    String describe(String sObject) {
        return "matches existing " + sObject + " "
                + (recordIds.isEmpty() ? "(ids not given)" : String.join(", ", recordIds)) + " (duplicate rule " + rule
                + ")";
    }
}
