package io.provisioning.validation;

import io.provisioning.support.ConfigFiles;
import java.io.PrintStream;

/**
 * {@code java -jar salesforce-provisioning.jar validate}: checks every route file, application and mapping file the
 * bundle would use (the same folders or packaged copies as a start), prints each problem as {@code file:line: reason}
 * and answers the exit code: 0 when all are valid, 1 otherwise.
 */
public final class ValidateCommand {

    private ValidateCommand() {}

    public static int run(PrintStream out) {
        BundleValidator.Report report =
                new BundleValidator(ConfigFiles.settingsLocation(), ConfigFiles.routesPattern()).checkAll();
        report.problems().forEach(out::println);
        String checked = report.routeFiles().size() + " route files, " + report.applications() + " application(s), "
                + report.mappingFiles().size() + " mapping file(s) checked";
        out.println(report.valid() ? "OK: " + checked : report.problems().size() + " problem(s); " + checked);
        return report.valid() ? 0 : 1;
    }
}
