package io.provisioning;

import io.provisioning.console.ConsolePasswordCommand;
import io.provisioning.devx.DevMode;
import io.provisioning.devx.StartupCheck;
import io.provisioning.support.ConfigFiles;
import io.provisioning.validation.OrgCheckCommand;
import io.provisioning.validation.ValidateCommand;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the bundle: camel-main with the YAML routes and the settings from {@code routes/} and
 * {@code config/application.properties} in the working directory when they are there (edited without a rebuild),
 * else the copies packaged in the jar. {@code validate} checks them instead ({@code validate --org <app>}: against the
 * application's org); {@code --dev} reloads changed files.
 */
public final class Application {

    /**
     * The settings file in the working directory, as tests and in-process starts name it ({@code main} itself picks
     * the file through {@link ConfigFiles}, which also honours {@code -Dprovisioning.config=path}).
     */
    public static final String CONFIG_LOCATION = "file:" + ConfigFiles.SETTINGS_FILE;

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {}

    public static void main(String[] args) throws Exception {
        int exitCode = run(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs the bundle, or the {@code validate} command; answers the exit code. */
    public static int run(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        if (arguments.remove("validate")) {
            int org = arguments.indexOf("--org");
            if (org >= 0 && org + 1 < arguments.size()) {
                return OrgCheckCommand.run(ConfigFiles.settingsLocation(), arguments.get(org + 1), System.out);
            }
            return ValidateCommand.run(System.out);
        }
        if (arguments.remove("console-password")) {
            return ConsolePasswordCommand.run(arguments.isEmpty() ? null : arguments.get(0), System.out);
        }
        if (arguments.remove("--dev")) {
            System.setProperty(DevMode.SWITCH, "true");
        }
        String settings = ConfigFiles.settingsLocation();
        String routes = ConfigFiles.routesPattern();
        LOG.info(
                "Routes: {}; config: {}", ConfigFiles.describeLocation(routes), ConfigFiles.describeLocation(settings));
        if (!StartupCheck.routesValid(settings, routes, System.err)) {
            return 1;
        }
        Main main = new Main();
        main.setPropertyPlaceholderLocations(settings);
        // over the settings file's value (which serves in-process tests); -Dcamel.main.routes-include-pattern still
        // wins
        main.addOverrideProperty(ConfigFiles.CAMEL_ROUTES_PATTERN, routes);
        try {
            return main.run(arguments.toArray(String[]::new));
        } catch (Exception e) {
            StartupCheck.reportFailure(e, System.err);
            return 1;
        }
    }
}
