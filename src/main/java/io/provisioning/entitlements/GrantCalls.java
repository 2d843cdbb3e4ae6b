package io.provisioning.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The sObject-collection calls of an application's org (≤ 200 records or ids each); results in request order. */
public interface GrantCalls {

    /** One record's result: its id, or the first error Salesforce gave. */
    record Result(String id, String errorCode, String message) {
        public boolean ok() {
            return errorCode == null;
        }
    }

    List<Result> insert(String application, List<Map<String, Object>> records) throws Exception;

    List<Result> delete(String application, List<String> ids) throws Exception;

    /** The records a SOQL query finds (one page: the callers' queries find at most a few hundred). */
    List<JsonNode> query(String application, String soql) throws Exception;
}
