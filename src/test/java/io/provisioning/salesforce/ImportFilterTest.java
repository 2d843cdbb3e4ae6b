package io.provisioning.salesforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.provisioning.mapping.AttributeMappings;
import io.provisioning.mapping.MappingFileLoader;
import io.provisioning.support.ExchangeKeys;
import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The import's SOQL: User imports read Standard users only by default; a configured filter replaces that. */
class ImportFilterTest {

    @Test
    void userImportsSkipNonStandardUsersUnlessTheFilterSaysOtherwise() {
        assertEquals(
                "SELECT Id, Username, LastName, FirstName, IsActive FROM User WHERE (UserType = 'Standard')"
                        + " ORDER BY Id",
                soql("User", null));
        assertEquals(
                "SELECT Id, Username, LastName, FirstName, IsActive FROM User WHERE (UserType = 'Standard'"
                        + " AND IsActive = true) ORDER BY Id",
                soql("User", "UserType = 'Standard' AND IsActive = true"));
        assertEquals("SELECT Id, Email, LastName, FirstName FROM Lead ORDER BY Id", soql("Lead", null));
        assertEquals(
                "SELECT Id, Email, LastName, FirstName FROM Lead WHERE (LeadSource = 'Web') ORDER BY Id",
                soql("Lead", "LeadSource = 'Web'"));
    }

    private static String soql(String sObject, String filter) {
        Properties properties = new Properties();
        properties.setProperty("provisioning.applications", "crm");
        properties.setProperty("provisioning.application.crm.sobject", sObject);
        properties.setProperty("provisioning.application.crm.login-url", "emulator");
        properties.setProperty("provisioning.application.crm.mapping", "target/test-data/import-filter.yaml");
        if (filter != null) {
            properties.setProperty("provisioning.application.crm.import.filter", filter);
        }
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getPropertiesComponent().setOverrideProperties(properties);
        SalesforceApplications applications = SalesforceApplications.fromSettings(new Settings(camel));
        Path mapping = Path.of("target", "test-data", "import-filter.yaml");
        try {
            java.nio.file.Files.createDirectories(mapping.getParent());
            java.nio.file.Files.writeString(mapping, "fields:\n  LastName: lastName\n  FirstName: firstName\n");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        AttributeMappings mappings = new AttributeMappings(Map.of("crm", MappingFileLoader.load("crm", mapping)));
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(ExchangeKeys.APPLICATION, "crm");
        return new SalesforceImporter(applications, mappings, null, null).soql(exchange);
    }
}
