package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.salesforce.SalesforceConnections;
import io.provisioning.support.Settings;
import io.provisioning.testsupport.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * {@code login-url=emulator} with {@code authentication-type=JWT} and no keystore: the bundle generates the key pair
 * at the emulator's first start, the emulated org trusts its certificate, and camel-salesforce logs in with it.
 */
class EmulatorJwtTest {

    @Test
    void aGeneratedKeyPairLogsInToTheEmulatorAndIsKeptForTheNextStart() throws Exception {
        TestEnvironment.clearSystemProperties();
        Path dataDir = Path.of("target", "test-data", "emulator-jwt");
        Path keystore = dataDir.resolve("orgs/crm/emulator-jwt.p12");
        Files.deleteIfExists(keystore);
        Properties properties = new Properties();
        properties.setProperty("provisioning.applications", "crm");
        properties.setProperty("provisioning.application.crm.login-url", "emulator");
        properties.setProperty("provisioning.application.crm.authentication-type", "JWT");
        properties.setProperty("provisioning.application.crm.mapping", "config/mappings/salesforce.yaml");
        properties.setProperty("provisioning.data.dir", dataDir.toString());
        properties.setProperty("provisioning.salesforce.emulator.port", "0");
        properties.setProperty("provisioning.salesforce.emulator.persistent", "false");

        assertEquals(0, count(properties), "a new org");
        assertTrue(Files.isRegularFile(keystore), "generated at first start");
        long generated = Files.getLastModifiedTime(keystore).toMillis();
        assertEquals(0, count(properties), "the second start logs in with the same key");
        assertEquals(generated, Files.getLastModifiedTime(keystore).toMillis(), "not generated again");
    }

    /** Starts the application's emulated org and logs in with JWT through the bundle's own wiring; the Lead count. */
    private static int count(Properties properties) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setOverrideProperties(properties);
            Settings settings = new Settings(camel);
            SalesforceApplications applications = SalesforceApplications.fromSettings(settings);
            SalesforceConnections.register(
                    camel,
                    applications,
                    EmulatorWiring.start(
                            camel,
                            EmulatedOrgSettings.read(settings),
                            applications,
                            Path.of(properties.getProperty("provisioning.data.dir"))),
                    5_000);
            camel.start();
            String rows = camel.createProducerTemplate()
                    .requestBody("crm:query?rawPayload=true", "SELECT COUNT() FROM Lead", String.class);
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(rows)
                    .path("totalSize")
                    .asInt();
        }
    }
}
