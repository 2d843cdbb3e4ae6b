package io.provisioning.devx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.provisioning.validation.Problem;
import io.provisioning.validation.RouteFileValidator;

/**
 * Camel's route reload with a check first. Camel 4.18 by default removes every route before it reads the changed file,
 * so a broken file leaves the bundle with no routes; here a changed file is validated first and refused when it has
 * problems (the running routes stay), and a valid one replaces only the routes it defines.
 */
public final class ValidatingRouteReloadStrategy extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(ValidatingRouteReloadStrategy.class);

    private final RouteFileValidator validator;

    public ValidatingRouteReloadStrategy(Path folder, String pattern, RouteFileValidator validator) {
        super(folder.toString(), false);
        setPattern(pattern);
        setRemoveAllRoutes(false);
        this.validator = validator;
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources != null) {
            if (resources.stream().anyMatch(ValidatingRouteReloadStrategy::empty)) {
                // an editor truncates before it writes: the next event brings the content
                LOG.debug("Dev mode: skipped an empty route file among {}", resources);
                return;
            }
            for (Resource resource : resources) {
                List<Problem> problems = validator.check(resource);
                if (!problems.isEmpty()) {
                    LOG.warn("Dev mode: refused the changed route file {}; its running routes stay. {}",
                            RouteFileValidator.displayName(resource),
                            problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
                    return;
                }
            }
        }
        super.onRouteReload(resources, removeEverything);
        if (resources != null) {
            LOG.info("Dev mode: reloaded the route file(s) {}",
                    resources.stream().map(RouteFileValidator::displayName).collect(Collectors.joining(", ")));
        }
    }

    private static boolean empty(Resource resource) {
        try {
            return Files.size(Path.of(resource.getURI())) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
