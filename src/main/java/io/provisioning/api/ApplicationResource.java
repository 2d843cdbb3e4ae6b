package io.provisioning.api;

import io.provisioning.directory.Jobs;
import io.provisioning.salesforce.Feature;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceImporter;
import io.provisioning.support.ExchangeKeys;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/** {@code /api/applications} and {@code /api/jobs}: the configured applications, imports and their jobs. */
public class ApplicationResource {

    private final SalesforceApplications applications;
    private final SalesforceImporter importer;
    private final Jobs jobs;

    public ApplicationResource(SalesforceApplications applications, SalesforceImporter importer, Jobs jobs) {
        this.applications = applications;
        this.importer = importer;
        this.jobs = jobs;
    }

    public List<Map<String, Object>> list() {
        return applications.all().stream().map(ApplicationResource::view).toList();
    }

    /** Starts an import job; the exchange then carries what the background import route needs. */
    public Map<String, Object> startImport(@Header("app") String app, Exchange exchange) {
        String jobId = importer.startJob(app, "api:POST /api/applications/" + app + "/import");
        exchange.setProperty(ExchangeKeys.APPLICATION, applications.get(app).name());
        exchange.setProperty(SalesforceImporter.JOB_ID, jobId);
        return job(jobId);
    }

    public Map<String, Object> job(@Header("id") String id) {
        return jobs.view(id).orElseThrow(() -> new JobNotFoundException(id));
    }

    /** Before a verify call: which component to call, and what the report row says. */
    public void verifyTarget(@Header("app") String app, Exchange exchange) {
        SalesforceApplication application = applications.get(app);
        exchange.setProperty(ExchangeKeys.APPLICATION, application.name());
        exchange.setProperty(ExchangeKeys.COMPONENT, application.componentName());
        exchange.setProperty("sObjectName", application.sObject());
        exchange.setProperty(ExchangeKeys.OPERATION, "verify");
        exchange.setProperty(ExchangeKeys.USER_IDENTIFIER, "application:" + application.name());
        exchange.setProperty(ExchangeKeys.SOURCE, "api:POST /api/applications/" + application.name() + "/verify");
        exchange.setProperty(ExchangeKeys.STARTED_AT, System.nanoTime());
    }

    private static Map<String, Object> view(SalesforceApplication application) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", application.name());
        view.put("sObject", application.sObject());
        Map<String, Object> features = new LinkedHashMap<>();
        for (Feature feature : Feature.values()) {
            features.put(feature.settingName(), application.enabled(feature));
        }
        view.put("features", features);
        view.put(
                "matching",
                Map.of(
                        "field",
                        application.matching().field(),
                        "attribute",
                        application.matching().attribute()));
        view.put("emulated", application.connection().emulated());
        view.put("authenticationType", application.connection().authenticationType());
        view.put("apiVersion", application.connection().apiVersion());
        view.put("mapping", application.mappingFile().toString());
        // where a record id can be opened in the org (null for the emulator, which has no user interface)
        view.put(
                "orgUrl",
                application.connection().emulated()
                        ? null
                        : application.connection().instanceUrl() != null
                                ? application.connection().instanceUrl()
                                : application.connection().loginUrl());
        return view;
    }
}
