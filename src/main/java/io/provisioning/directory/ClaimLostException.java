package io.provisioning.directory;

/**
 * This instance no longer holds the claim of a bulk file: its lease ran out (a GC pause, a slow database) and another
 * instance took the file over. The chunk that found it is rolled back, so only the new holder applies its rows.
 */
public class ClaimLostException extends RuntimeException {

    public ClaimLostException(String jobId) {
        super("bulk file job " + jobId + " is no longer claimed by this instance: another instance took it over");
    }
}
