package io.provisioning.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;

/** {@link NameResolver.Soql} through the application's camel-salesforce component ({@code query}, raw JSON). */
public final class CamelSoql implements NameResolver.Soql {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProducerTemplate template;

    public CamelSoql(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public List<JsonNode> records(String application, String soql) throws Exception {
        String answer = template.requestBody(application + ":query?rawPayload=true", soql, String.class);
        List<JsonNode> records = new ArrayList<>();
        JSON.readTree(answer).path("records").forEach(records::add);
        return records;
    }
}
