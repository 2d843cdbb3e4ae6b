package io.provisioning.validation;

import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;

/**
 * Checks the bundle's route files, applications and mapping files without connecting anywhere: everything is read in
 * a Camel context that is never started (no database, emulator, broker, mail or HTTP server), so it holds nothing to
 * release afterwards.
 */
public final class BundleValidator {

    /** What was checked and what is wrong. */
    public record Report(List<Problem> problems, List<String> routeFiles, List<String> mappingFiles, int applications) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final CamelContext offline;
    private final String routesPattern;
    private final Settings settings;
    private final SettingsFile settingsFile;

    /**
     * @param settingsLocation the settings file, as camel-main takes it ({@code file:…}, {@code classpath:…})
     * @param routesPattern    the route files, as {@code camel.main.routes-include-pattern} takes them
     */
    public BundleValidator(String settingsLocation, String routesPattern) {
        this.offline = new DefaultCamelContext();
        this.offline.getPropertiesComponent().setLocation(settingsLocation);
        this.routesPattern = routesPattern;
        this.settings = new Settings(offline);
        this.settingsFile = SettingsFile.at(settingsLocation);
    }

    /** Route files only: what Camel would refuse at start-up. */
    public Report checkRoutes() {
        List<Problem> problems = new ArrayList<>();
        List<String> files = new ArrayList<>();
        RouteFileValidator routes = routeValidator(problems);
        try {
            for (Resource resource : routeFiles()) {
                files.add(RouteFileValidator.displayName(resource));
                problems.addAll(routes.check(resource));
            }
        } catch (Exception e) {
            problems.add(new Problem(routesPattern, 0, "route files cannot be listed: " + e.getMessage()));
        }
        return new Report(problems, files, List.of(), 0);
    }

    /** Route files, application definitions and their mapping files. */
    public Report checkAll() {
        Report routes = checkRoutes();
        List<Problem> problems = new ArrayList<>(routes.problems());
        List<String> mappings = new ArrayList<>();
        problems.addAll(new ApplicationValidator(settings, settingsFile).check(mappings));
        return new Report(
                problems, routes.routeFiles(), mappings, applicationNames().size());
    }

    private RouteFileValidator routeValidator(List<Problem> problems) {
        List<String> applications = applicationNames();
        if (applications.isEmpty()) {
            problems.add(settingsFile.problem("provisioning.applications", "no valid application list"));
        }
        return new RouteFileValidator(offline, new EndpointValidator(offline, offline, applications));
    }

    private List<String> applicationNames() {
        try {
            return SalesforceApplications.names(settings);
        } catch (InvalidSettingException e) {
            return List.of();
        }
    }

    private List<Resource> routeFiles() throws Exception {
        List<Resource> resources = new ArrayList<>();
        for (String pattern : routesPattern.split(",")) {
            Collection<Resource> found =
                    PluginHelper.getPackageScanResourceResolver(offline).findResources(pattern.trim());
            resources.addAll(found);
        }
        resources.sort(Comparator.comparing(Resource::getLocation));
        return resources;
    }
}
