package io.provisioning.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test class, drops the settings a {@link TestEnvironment#asSystemProperties()} class set: all classes
 * share one JVM, and a leftover system property overrides the settings of whatever class runs next (a unit test
 * reading a fresh Camel context's properties saw another class's broker user).
 */
public final class SystemPropertiesReset implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        TestEnvironment.clearSystemProperties();
    }
}
