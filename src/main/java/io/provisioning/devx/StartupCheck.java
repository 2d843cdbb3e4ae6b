package io.provisioning.devx;

import io.provisioning.support.Redaction;
import io.provisioning.validation.BundleValidator;
import io.provisioning.validation.Problem;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the bundle starts: a route file with a typo stops it with {@code file:line: reason}, not with Camel's
 * stack trace from the middle of the start-up. Any other start-up failure is reported by its cause's message, with
 * the stack trace at DEBUG.
 */
public final class StartupCheck {

    private static final Logger LOG = LoggerFactory.getLogger(StartupCheck.class);

    private StartupCheck() {}

    /** @return false, after printing the problems, when a route file cannot be used */
    public static boolean routesValid(String settingsLocation, String routesPattern, PrintStream err) {
        BundleValidator.Report report = new BundleValidator(settingsLocation, routesPattern).checkRoutes();
        if (report.valid()) {
            return true;
        }
        err.println("Cannot start: " + report.problems().size() + " problem(s) in the route files:");
        for (Problem problem : report.problems()) {
            err.println("  " + problem);
        }
        return false;
    }

    public static void reportFailure(Throwable failure, PrintStream err) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        err.println("Cannot start: "
                + Redaction.redact(cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        LOG.debug("Start-up failure", failure);
    }
}
