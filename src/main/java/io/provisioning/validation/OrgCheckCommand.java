package io.provisioning.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.provisioning.mapping.AttributeMapping;
import io.provisioning.mapping.MappingFileException;
import io.provisioning.mapping.MappingFileLoader;
import io.provisioning.salesforce.LoginHints;
import io.provisioning.salesforce.OrgFieldCheck;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceConnections;
import io.provisioning.salesforce.SalesforceErrorClassifier;
import io.provisioning.salesforce.SalesforceFailure;
import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.io.PrintStream;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code validate --org <app>}: logs in to the application's org as the bundle would, reads the describe of its target
 * sObject, and prints per mapped and required field whether the integration user can create and update it, at the
 * mapping file's line. Exit code 0 when every write the mapping makes would be allowed, 1 otherwise.
 */
public final class OrgCheckCommand {

    private static final long TIMEOUT_MS = 30_000;

    private OrgCheckCommand() {}

    public static int run(String settingsLocation, String applicationName, PrintStream out) {
        SettingsFile settingsFile = SettingsFile.at(settingsLocation);
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation(settingsLocation);
            SalesforceApplication application;
            AttributeMapping mapping;
            try {
                application = SalesforceApplications.read(new Settings(camel), applicationName);
                mapping = MappingFileLoader.load(application.name(), application.mappingFile());
            } catch (InvalidSettingException e) {
                out.println(settingsFile.problem(e.key(), "provisioning.applications", e.getMessage()));
                return 1;
            } catch (MappingFileException e) {
                out.println(new Problem(e.file(), e.line(), e.reason()));
                return 1;
            }
            if (application.connection().emulated()) {
                out.println(
                        applicationName + " uses the built-in emulator (login-url=emulator): check it on the running"
                                + " bundle with POST /api/applications/" + applicationName + "/verify");
                return 0;
            }
            camel.addComponent(
                    application.componentName(), SalesforceConnections.component(application, null, TIMEOUT_MS));
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();
            String describe;
            try {
                describe = template.requestBody(
                        application.componentName() + ":getDescription?rawPayload=true&sObjectName="
                                + application.sObject(),
                        null,
                        String.class);
            } catch (RuntimeException e) {
                SalesforceFailure failure =
                        new SalesforceErrorClassifier().classify(e.getCause() != null ? e.getCause() : e);
                out.println(applicationName + ": "
                        + (failure.loginFailed()
                                ? "login refused: "
                                : "describe of " + application.sObject() + " failed: ")
                        + failure.errorCode() + ": " + failure.message() + " — "
                        + LoginHints.hint(application.connection().flow(), failure.errorCode(), failure.message()));
                return 1;
            }
            List<OrgFieldCheck.Finding> findings = OrgFieldCheck.check(
                    application.sObject(), mapping, application.mappingFile(), new ObjectMapper().readTree(describe));
            findings.forEach(f -> out.println((f.ok() ? "ok   " : "FAIL ") + f));
            long failed = findings.stream().filter(f -> !f.ok()).count();
            out.println(
                    failed == 0
                            ? "OK: " + applicationName + " may write every mapped " + application.sObject() + " field"
                            : failed + " field problem(s) for " + applicationName + " (" + application.sObject() + ")");
            return failed == 0 ? 0 : 1;
        } catch (Exception e) {
            out.println(applicationName + ": " + e.getMessage());
            return 1;
        }
    }
}
