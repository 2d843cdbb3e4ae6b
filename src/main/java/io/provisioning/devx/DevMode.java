package io.provisioning.devx;

import io.provisioning.mapping.AttributeMappings;
import io.provisioning.salesforce.SalesforceApplication;
import io.provisioning.salesforce.SalesforceApplications;
import io.provisioning.support.ConfigFiles;
import io.provisioning.validation.EndpointValidator;
import io.provisioning.validation.RouteFileValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.FileWatcherResourceReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode ({@code provisioning.dev=true} or {@code --dev}): changed route files and mapping files are checked and,
 * when
 * valid, take effect without a restart; a broken one is refused with its file, line and reason, the old one stays.
 */
public final class DevMode {

    public static final String SWITCH = "provisioning.dev";

    private static final Logger LOG = LoggerFactory.getLogger(DevMode.class);

    private DevMode() {}

    public static void wire(
            CamelContext context, DevSettings settings, AttributeMappings mappings, SalesforceApplications applications)
            throws Exception {
        if (!settings.enabled()) {
            return;
        }
        String pattern = settings.routesPattern();
        Optional<Path> routes = ConfigFiles.routesFolder(pattern);
        if (routes.isPresent()) {
            // route files are parsed in a context that never starts, so a check cannot disturb the running routes
            CamelContext offline = new DefaultCamelContext();
            List<String> names =
                    applications.all().stream().map(SalesforceApplication::name).toList();
            RouteFileValidator validator =
                    new RouteFileValidator(offline, new EndpointValidator(offline, context, names));
            String files =
                    Path.of(pattern.substring("file:".length())).getFileName().toString();
            boolean subFolders = ConfigFiles.coversSubFolders(pattern);
            context.addService(new ValidatingRouteReloadStrategy(routes.get(), files, subFolders, validator));
            LOG.info(
                    "Dev mode: route files {} in {}{} are reloaded when they change",
                    files,
                    routes.get().toAbsolutePath(),
                    subFolders ? " and its sub-folders" : "");
        } else {
            LOG.warn("Dev mode: routes come from {}, which cannot change; route reload is off", pattern);
        }
        MappingReloader reloader = new MappingReloader(mappings, applications);
        for (Path folder : reloader.folders()) {
            FileWatcherResourceReloadStrategy watcher = new FileWatcherResourceReloadStrategy(folder.toString());
            watcher.setFileFilter(file -> file.getName().endsWith(".yaml"));
            watcher.setResourceReload((name, resource) -> reloader.reload(Path.of(name)));
            context.addService(watcher);
            LOG.info("Dev mode: mapping files in {} are reloaded when they change", folder);
        }
    }
}
