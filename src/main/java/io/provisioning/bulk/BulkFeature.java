package io.provisioning.bulk;

import io.provisioning.directory.BulkResults;
import io.provisioning.directory.BulkRowWriter;
import io.provisioning.directory.InboundFiles;
import io.provisioning.directory.Jobs;
import io.provisioning.directory.Outbox;
import io.provisioning.directory.UserDirectory;
import io.provisioning.requests.UserRequestParser;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.spi.Registry;

/** Wires the bulk file inbox: the {@code bulkFiles} bean of the inbox routes. */
public final class BulkFeature {

    private BulkFeature() {}

    public static void wire(
            Registry registry,
            InboxSettings settings,
            Set<String> requiredFields,
            List<String> applications,
            DataSource dataSource,
            UserDirectory directory,
            Jobs jobs,
            Outbox outbox,
            UserRequestParser parser) {
        InboundFiles files = new InboundFiles(dataSource, settings.lease());
        var bulkSettings = new BulkFiles.Settings(
                settings.folder(),
                settings.maxFileBytes(),
                settings.minAge(),
                settings.chunkSize(),
                settings.logInterval(),
                requiredFields,
                applications);
        registry.bind("inboxMoves", new InboxMoves());
        registry.bind(
                "bulkFiles",
                new BulkFiles(
                        bulkSettings,
                        files,
                        jobs,
                        new BulkRowWriter(dataSource, directory, files),
                        new BulkRowParser(parser),
                        new ResultFile(new BulkResults(dataSource)),
                        outbox));
    }
}
