package io.provisioning.reports;

import io.provisioning.support.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.spi.Registry;

/** Binds the beans the report routes call by name, from the {@code provisioning.reports.*} settings. */
public final class ReportBeans {

    private ReportBeans() {}

    public static void register(Registry registry, Settings settings, DataSource dataSource, Path dataDir) {
        Clock clock = Clock.systemUTC();
        ReportQueryParser parser = new ReportQueryParser(
                clock,
                settings.getInt("provisioning.reports.default-page-size"),
                settings.getInt("provisioning.reports.max-page-size"));
        registry.bind("reportResource", new ReportResource(parser, new ReportRepository(dataSource)));
        registry.bind("reportWebPage", new ReportWebPage());
        registry.bind("reportSpool", new ReportSpool(dataDir.resolve("report-spool")));
        registry.bind(
                "reportRetention",
                new ReportRetention(
                        dataSource,
                        Duration.ofDays(settings.getInt("provisioning.reports.retention-days")),
                        settings.getInt("provisioning.reports.retention.batch-size"),
                        clock));
    }
}
