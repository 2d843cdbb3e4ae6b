package io.provisioning.reports;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.spi.Registry;

/** Wires the reports (issue 7): binds the beans the report routes call by name. */
public final class ReportsFeature {

    private ReportsFeature() {}

    public static void wire(Registry registry, ReportSettings settings, DataSource dataSource, Path dataDir) {
        Clock clock = Clock.systemUTC();
        ReportQueryParser parser = new ReportQueryParser(clock, settings.defaultPageSize(), settings.maxPageSize());
        registry.bind("reportResource", new ReportResource(parser, new ReportRepository(dataSource)));
        registry.bind("reportRows", new ReportRows());
        registry.bind("reportInsert", new ReportInsert(dataSource));
        registry.bind("reportWebPage", new ReportWebPage());
        registry.bind("reportSpool", new ReportSpool(dataDir.resolve("report-spool")));
        registry.bind(
                "reportRetention",
                new ReportRetention(dataSource, settings.retention(), settings.retentionBatchSize(), clock));
    }
}
