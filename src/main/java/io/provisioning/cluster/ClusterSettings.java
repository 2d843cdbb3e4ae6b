package io.provisioning.cluster;

import io.provisioning.cluster.DatabaseClusterService.LeaseTiming;
import io.provisioning.support.InvalidSettingException;
import io.provisioning.support.Settings;
import java.util.Optional;

/** The {@code provisioning.cluster.*} settings: lease timing of the master: routes and this instance's name. */
public record ClusterSettings(LeaseTiming timing, Optional<String> nodeId) {

    public static ClusterSettings read(Settings settings) {
        LeaseTiming timing;
        try {
            timing = new LeaseTiming(
                    settings.seconds("provisioning.cluster.lease-seconds"),
                    settings.seconds("provisioning.cluster.renew-seconds"));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(
                    "provisioning.cluster.renew-seconds",
                    "provisioning.cluster.renew-seconds must be above 0 and below provisioning.cluster.lease-seconds");
        }
        return new ClusterSettings(
                timing, settings.find("provisioning.cluster.node-id").filter(id -> !id.isBlank()));
    }
}
