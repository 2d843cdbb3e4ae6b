package io.provisioning.mapping;

import java.util.Optional;

/**
 * Which Salesforce fields a mapping file may write. Checked while the file is read, so an unknown field is reported
 * with the file and line like any other mistake; {@link #ANY} skips the check.
 */
@FunctionalInterface
public interface TargetFields {

    TargetFields ANY = field -> Optional.empty();

    /** Why {@code field} cannot be written, or empty when it can. */
    Optional<String> refusal(String field);
}
