package io.provisioning.plan;

import io.provisioning.bulk.BulkFileException;
import io.provisioning.bulk.BulkRowParser;
import io.provisioning.bulk.CsvUserFile;
import io.provisioning.bulk.InboxEntry;
import io.provisioning.bulk.ResultFile;
import io.provisioning.directory.BulkRow;
import io.provisioning.directory.UserDirectory;
import io.provisioning.entitlements.EntitlementsPreview;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plan files: a bulk file dropped in {@code <inbox>/plan/} is planned, not applied. Its rows are read and validated
 * exactly as the inbox reads them, and {@code done/<name>.plan.csv} gets one line per row and application with what
 * the real file would send. The directory is read, never written; Salesforce is not called.
 */
public class PlanFiles implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(PlanFiles.class);
    static final List<String> HEADER = List.of("row", "userName", "action", "outcome", "application", "plan", "detail");

    /** The plan folder and the inbox rules that apply to it too. */
    public record Settings(
            Path folder, long maxBytes, Duration minAge, Set<String> requiredColumns, List<String> applications) {}

    private final Settings settings;
    private final BulkRowParser rowParser;
    private final RowPlanner rows;

    public PlanFiles(Settings settings, BulkRowParser rowParser, UserDirectory directory, ChangePlanner planner) {
        this.settings = settings;
        this.rowParser = rowParser;
        this.rows = new RowPlanner(directory, planner, settings.applications());
    }

    /** The plan folder consumer's filter: a CSV file that has not changed for the inbox's minimum age. */
    @Override
    public boolean accept(GenericFile<Object> file) {
        String name = file.getFileNameOnly();
        return !file.isDirectory()
                && !name.startsWith(".")
                && name.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                && System.currentTimeMillis() - file.getLastModified()
                        >= settings.minAge().toMillis();
    }

    /** Plans the exchange's file; a file that cannot be read at all gets a plan saying why, and goes to failed/. */
    public void planFile(Exchange exchange) throws IOException {
        Path path = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class))
                .toAbsolutePath();
        String name = path.getFileName().toString();
        Path target = settings.folder().resolve("done").resolve(name + ".plan.csv");
        try {
            InboxEntry.requireRegularFile(path);
            long size = Files.size(path);
            if (size > settings.maxBytes()) {
                throw new BulkFileException("is " + size + " bytes, over the limit of " + settings.maxBytes()
                        + " (provisioning.inbox.max-file-bytes)");
            }
            long[] totals = new long[2]; // rows, lines that would write
            try (CsvUserFile file = CsvUserFile.open(path, settings.requiredColumns(), Set.of("userName"))) {
                ResultFile.writeTable(target, HEADER, line -> {
                    CsvUserFile.Row row;
                    while ((row = file.next()) != null) {
                        totals[0]++;
                        RowPlanner.Planned planned = rows.plan(rowParser.parse(row));
                        for (List<?> cells : planned.lines()) {
                            line.accept(cells);
                        }
                        totals[1] += planned.writes();
                    }
                });
            }
            LOG.info(
                    "Plan file {}: {} rows planned, {} writes would be sent; see {}",
                    name,
                    totals[0],
                    totals[1],
                    target);
        } catch (BulkFileException | IOException e) {
            LOG.warn("Plan file {} refused: {}", name, e.getMessage());
            ResultFile.writeTable(
                    settings.folder().resolve("failed").resolve(name + ".plan.csv"),
                    HEADER,
                    line -> line.accept(List.of("", "", "", "file-failed", "", "none", name + " " + e.getMessage())));
            throw e;
        }
    }

    /** One bulk row's plan lines, with the rules of the real file import (BulkRowWriter). */
    static final class RowPlanner {

        record Planned(List<List<?>> lines, long writes) {}

        private final UserDirectory directory;
        private final ChangePlanner planner;
        private final List<String> applications;
        private final Set<String> applied = new java.util.HashSet<>();

        RowPlanner(UserDirectory directory, ChangePlanner planner, List<String> applications) {
            this.directory = directory;
            this.planner = planner;
            this.applications = applications;
        }

        Planned plan(BulkRow row) {
            if (row.invalid() != null) {
                return lines(row, "invalid", ChangePlanner.invalid(applications, row.invalid()));
            }
            String key = row.userName().toLowerCase(java.util.Locale.ROOT);
            if (!applied.add(key)) {
                return lines(
                        row,
                        "duplicate",
                        ChangePlanner.invalid(applications, "the user appears in an earlier row of this file"));
            }
            var existing = directory.findByUserName(row.userName());
            boolean exists = existing.isPresent();
            if ((BulkRow.DELETE.equals(row.action()) || BulkRow.UPDATE.equals(row.action())) && !exists) {
                applied.remove(key);
                return lines(row, "invalid", ChangePlanner.invalid(applications, "no user with this userName"));
            }
            if (BulkRow.CREATE.equals(row.action()) && exists) {
                applied.remove(key);
                return lines(
                        row,
                        "invalid",
                        ChangePlanner.invalid(
                                planner.linkedApplications(existing.get().id()),
                                "a user with this userName already exists"));
            }
            if (exists) {
                var patch = BulkRow.DELETE.equals(row.action())
                        ? io.provisioning.directory.UserPatch.deactivate()
                        : row.patch();
                var before = existing.get();
                boolean same = io.provisioning.directory.UserPatch.same(before, patch.applyTo(before));
                Map<String, EntitlementsPreview.Change> entitlements = planner.entitlementChanges(
                        before.id(),
                        patch.applyTo(before).active(),
                        patch.entitlements(),
                        planner.linkedApplications(before.id()));
                // a row that changes entitlements only is updated in the real run too
                String outcome = same && entitlements.isEmpty()
                        ? "unchanged"
                        : BulkRow.DELETE.equals(row.action()) ? "deleted" : "updated";
                return lines(row, outcome, planner.forChange(before, patch), entitlements);
            }
            if (row.newUser() == null) {
                applied.remove(key);
                return lines(row, "invalid", ChangePlanner.invalid(applications, row.createError()));
            }
            return lines(
                    row,
                    "created",
                    planner.forNewUser(row.newUser(), applications),
                    planner.entitlementChanges(null, true, row.newUser().entitlements(), applications));
        }

        private static Planned lines(BulkRow row, String outcome, List<PlannedStep> steps) {
            return lines(row, outcome, steps, Map.of());
        }

        /** The user's plan lines, then one {@code entitlements} line per application whose step would change any. */
        private static Planned lines(
                BulkRow row,
                String outcome,
                List<PlannedStep> steps,
                Map<String, EntitlementsPreview.Change> entitlements) {
            Planned planned = lines(row, outcome, steps, entitlements.isEmpty());
            List<List<?>> lines = new java.util.ArrayList<>(planned.lines());
            entitlements.forEach((application, change) -> lines.add(java.util.Arrays.asList(
                    row.rowNo(), row.userName(), row.action(), outcome, application, "entitlements", change.text())));
            return new Planned(lines, planned.writes() + entitlements.size());
        }

        private static Planned lines(BulkRow row, String outcome, List<PlannedStep> steps, boolean noneLine) {
            if (steps.isEmpty() && noneLine) {
                return new Planned(
                        List.of(List.of(row.rowNo(), row.userName(), row.action(), outcome, "", "none", "")), 0);
            }
            List<List<?>> lines = new java.util.ArrayList<>();
            for (PlannedStep s : steps) {
                lines.add(java.util.Arrays.asList(
                        row.rowNo(),
                        row.userName(),
                        row.action(),
                        outcome,
                        s.application(),
                        s.action().label(),
                        s.detail()));
            }
            return new Planned(lines, steps.stream().filter(PlannedStep::writes).count());
        }
    }
}
