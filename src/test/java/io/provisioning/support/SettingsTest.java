package io.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a setting's value comes from: configured values over the settings file over the packaged defaults. */
class SettingsTest {

    @TempDir
    Path folder;

    @Test
    void theFileWinsOverThePackagedDefaultAndAConfiguredValueOverTheFile() throws Exception {
        Path file = folder.resolve("application.properties");
        Files.writeString(file, "provisioning.inbox.chunk-size=7\nprovisioning.application.crm.sobject=Contact\n");
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation("file:" + file);
            Properties configured = new Properties();
            configured.setProperty("provisioning.scim.max-page-size", "42");
            camel.getPropertiesComponent().setOverrideProperties(configured);
            Settings settings = new Settings(camel);

            assertEquals(7, settings.getInt("provisioning.inbox.chunk-size"), "the file's value");
            assertEquals(42, settings.getInt("provisioning.scim.max-page-size"), "the configured value");
            assertEquals(100, settings.getInt("provisioning.scim.default-page-size"), "the packaged default");
            assertEquals("Contact", settings.get("provisioning.application.crm.sobject"));
            assertEquals("Lead", settings.get("provisioning.application.other.sobject"), "the <app> default");
            assertTrue(settings.find("provisioning.application.other.client-id").isEmpty(), "empty = not set");
            // YAML placeholders see the same defaults
            assertEquals("250", camel.resolvePropertyPlaceholders("{{provisioning.outbox.poll-interval-ms}}"));
        }
    }

    @Test
    void aSettingWithoutADefaultIsRefusedAndAWrongValueNamesItsKey() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Properties configured = new Properties();
            configured.setProperty("provisioning.outbox.concurrency", "ten");
            camel.getPropertiesComponent().setOverrideProperties(configured);
            Settings settings = new Settings(camel);

            IllegalStateException missing =
                    assertThrows(IllegalStateException.class, () -> settings.get("provisioning.no.such-setting"));
            assertTrue(missing.getMessage().contains(SettingDefaults.FILE), missing.getMessage());
            InvalidSettingException wrong = assertThrows(
                    InvalidSettingException.class, () -> settings.getInt("provisioning.outbox.concurrency"));
            assertEquals("provisioning.outbox.concurrency", wrong.key());
        }
    }
}
