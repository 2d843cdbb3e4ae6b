package io.provisioning.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Read side of the bulk-file jobs for the console: the latest files and where each one's result file is. */
public class FileJobs {

    private final DataSource dataSource;

    public FileJobs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A file job: its file name, the file's state and its result file once the job is finished. */
    public record FileJob(String jobId, String fileName, String fileStatus, String resultFile) {}

    /** The latest {@code limit} file jobs, newest first. */
    public List<FileJob> latest(int limit) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT f.job_id, f.file_name, f.status, f.result_file FROM inbound_file f"
                            + " JOIN provisioning_job j ON j.id = f.job_id ORDER BY j.started_at DESC, f.job_id DESC"
                            + " LIMIT ?")) {
                select.setInt(1, limit);
                List<FileJob> jobs = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        jobs.add(new FileJob(
                                rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
                    }
                }
                return jobs;
            }
        });
    }

    public Optional<FileJob> find(String jobId) {
        return Jdbc.inTransaction(dataSource, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT job_id, file_name, status, result_file FROM inbound_file WHERE job_id = ?")) {
                select.setString(1, jobId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new FileJob(
                                    rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)))
                            : Optional.<FileJob>empty();
                }
            }
        });
    }
}
