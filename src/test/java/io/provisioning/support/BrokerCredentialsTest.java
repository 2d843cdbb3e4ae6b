package io.provisioning.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerCredentialsTest {

    @TempDir
    Path data;

    @Test
    void generatedOnceThenReadBack() {
        BrokerCredentials first = BrokerCredentials.forEmbedded(settings(new Properties()), data);
        BrokerCredentials again = BrokerCredentials.forEmbedded(settings(new Properties()), data);
        assertEquals(first, again, "a restart keeps the user its clients know");
        assertTrue(first.user().startsWith("provisioning-") && first.password().length() == 48, first.toString());
        assertFalse(first.toString().contains(first.password()), "toString never shows the password");
    }

    @Test
    void configuredBothOrNeither() {
        Properties both = new Properties();
        both.setProperty("provisioning.broker.user", "app");
        both.setProperty("provisioning.broker.password", "pw");
        assertEquals(new BrokerCredentials("app", "pw"), BrokerCredentials.forEmbedded(settings(both), data));
        assertFalse(Files.exists(data.resolve(BrokerCredentials.FILE)), "nothing generated when configured");

        Properties userOnly = new Properties();
        userOnly.setProperty("provisioning.broker.user", "app");
        InvalidSettingException refused = assertThrows(
                InvalidSettingException.class, () -> BrokerCredentials.forEmbedded(settings(userOnly), data));
        assertTrue(refused.getMessage().contains("both"), refused.getMessage());
    }

    @Test
    void aLinkAtTheFileStopsTheStart() throws Exception {
        Path elsewhere = Files.writeString(data.resolve("elsewhere"), "user=x\npassword=y\n");
        Files.createSymbolicLink(data.resolve(BrokerCredentials.FILE), elsewhere);
        assertThrows(
                IllegalStateException.class, () -> BrokerCredentials.forEmbedded(settings(new Properties()), data));
    }

    private static Settings settings(Properties properties) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setOverrideProperties(properties);
        return new Settings(context);
    }
}
