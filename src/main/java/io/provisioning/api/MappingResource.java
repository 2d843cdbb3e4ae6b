package io.provisioning.api;

import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.AttributeMappings;
import io.provisioning.mapping.MappingRule;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Header;

/** {@code GET /api/applications/{app}/mapping}: the application's attribute mapping as it is loaded, rule by rule. */
public class MappingResource {

    private final SalesforceApplications applications;
    private final AttributeMappings mappings;

    public MappingResource(SalesforceApplications applications, AttributeMappings mappings) {
        this.applications = applications;
        this.mappings = mappings;
    }

    public Map<String, Object> mapping(@Header("app") String app) {
        SalesforceApplication application = applications.get(app);
        AttributeMapping mapping = mappings.forApplication(application.name());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("application", application.name());
        view.put("sObject", application.sObject());
        view.put("file", application.mappingFile().toString());
        view.put("rules", mapping.rules().stream().map(MappingResource::rule).toList());
        view.put("createDefaults", mapping.createDefaults());
        return view;
    }

    private static Map<String, Object> rule(MappingRule rule) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("target", rule.target());
        view.put("source", rule.source());
        view.put("constant", rule.constant());
        view.put(
                "expression",
                rule.expression() == null ? null : rule.expression().toString());
        view.put("default", rule.defaultValue());
        view.put("case", rule.letterCase());
        view.put("maxLength", rule.maxLength());
        view.put("createOnly", rule.createOnly());
        return view;
    }
}
