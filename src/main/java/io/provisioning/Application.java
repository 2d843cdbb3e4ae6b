package io.provisioning;

import org.apache.camel.main.Main;

/**
 * Starts the bundle: camel-main with the YAML routes under {@code routes/} and the settings in
 * {@code config/application.properties} (both read from the working directory, so they can be edited without a
 * rebuild).
 */
public final class Application {

    /** Where the settings live, relative to the working directory; {@code -Dprovisioning.config=path} points elsewhere. */
    public static final String CONFIG_LOCATION = "file:config/application.properties";

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        String config = System.getProperty("provisioning.config");
        main.setPropertyPlaceholderLocations(config == null ? CONFIG_LOCATION : "file:" + config);
        main.run(args);
    }
}
