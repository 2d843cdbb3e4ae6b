package io.provisioning.entitlements;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.salesforce.CamelSoql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;

/**
 * {@link GrantCalls} through the application's camel-salesforce component: {@code raw} POST and DELETE on
 * {@code /composite/sobjects} with {@code allOrNone=false}, so one refused grant does not undo the others.
 */
public final class CamelGrantCalls implements GrantCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProducerTemplate template;

    public CamelGrantCalls(ProducerTemplate template) {
        this.template = template;
    }

    /** The collections path at the API version the application's component speaks. */
    private String path(String application) {
        return "/services/data/v"
                + template.getCamelContext()
                        .getComponent(application, SalesforceComponent.class)
                        .getConfig()
                        .getApiVersion()
                + "/composite/sobjects";
    }

    @Override
    public List<Result> insert(String application, List<Map<String, Object>> records) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("rawPath", path(application));
        headers.put("rawMethod", "POST");
        return results(template.requestBodyAndHeaders(
                application + ":raw?format=JSON", JSON.writeValueAsString(body), headers, String.class));
    }

    @Override
    public List<Result> delete(String application, List<String> ids) throws Exception {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("rawPath", path(application));
        headers.put("rawMethod", "DELETE");
        headers.put("ids", String.join(",", ids));
        headers.put("allOrNone", "false");
        headers.put("rawQueryParameters", "ids,allOrNone");
        return results(template.requestBodyAndHeaders(application + ":raw?format=JSON", "", headers, String.class));
    }

    @Override
    public List<JsonNode> query(String application, String soql) throws Exception {
        return new CamelSoql(template).records(application, soql);
    }

    static List<Result> results(String answer) throws Exception {
        List<Result> results = new ArrayList<>();
        for (JsonNode r : JSON.readTree(answer)) {
            if (r.path("success").asBoolean()) {
                results.add(new Result(r.path("id").asText(), null, null));
            } else {
                JsonNode error = r.path("errors").path(0);
                results.add(new Result(
                        r.path("id").isTextual() ? r.path("id").asText() : null,
                        error.path("statusCode").asText("UNKNOWN_EXCEPTION"),
                        error.path("message").asText()));
            }
        }
        return results;
    }
}
