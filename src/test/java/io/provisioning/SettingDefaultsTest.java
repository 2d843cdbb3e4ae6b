package io.provisioning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.provisioning.support.SettingDefaults;
import io.provisioning.testsupport.TestEnvironment;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.junit.jupiter.api.Test;

/**
 * One source of defaults (issue 13): the packaged {@code provisioning-defaults.properties} holds a default for every
 * setting the bundle reads, and nothing else. A read without a default stops the start ({@code Settings} refuses
 * it); a default nothing reads is found by starting the bundle with every feature on (both applications, SCIM, dev
 * mode, outcome events) and comparing what the Java code and the YAML routes looked up with the file.
 */
class SettingDefaultsTest {

    @Test
    void everyDefaultIsReadWhenEveryFeatureIsOn() throws Exception {
        TestEnvironment env = TestEnvironment.create("setting-defaults")
                .withUserApplication()
                .with("provisioning.scim.tokens", "okta:okta-token-0123456789abcdef")
                .with("provisioning.dev", "true")
                .with("provisioning.broker.events.enabled", "true");
        Set<String> looked = ConcurrentHashMap.newKeySet();
        TestEnvironment.clearSystemProperties();
        Main main = new Main();
        main.setPropertyPlaceholderLocations(Application.CONFIG_LOCATION);
        env.properties().forEach(main::addOverrideProperty);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                support.getCamelContext()
                        .getPropertiesComponent()
                        .addPropertiesLookupListener((name, value, defaultValue, source) -> looked.add(name));
            }
        });
        main.start();
        try {
            assertTrue(main.isStarted(), "the bundle did not start with every feature on");
        } finally {
            main.stop();
        }
        Set<String> read = new TreeSet<>();
        looked.forEach(key -> read.add(SettingDefaults.pattern(key)));
        Set<String> unread = new TreeSet<>(SettingDefaults.packaged().keys());
        unread.removeAll(read);
        assertEquals(
                Set.of(),
                unread,
                "defaults in " + SettingDefaults.FILE + " that nothing reads: drop them (and their docs rows), or"
                        + " read them through the feature's settings record");
    }
}
