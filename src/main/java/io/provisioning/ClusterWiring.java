package io.provisioning;

import io.provisioning.cluster.ClusterLeases;
import io.provisioning.cluster.DatabaseClusterService;
import io.provisioning.cluster.DatabaseClusterService.LeaseTiming;
import io.provisioning.support.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/**
 * Start-up wiring of the cluster service (issue 21): the routes whose work must run once per cluster read from
 * {@code master:<namespace>:<endpoint>}; Camel's master component finds this service among the context's services.
 * One instance alone simply holds every lease.
 */
final class ClusterWiring {

    private ClusterWiring() {}

    static void register(CamelContext context, Settings settings, DataSource dataSource) throws Exception {
        Clock clock = Clock.systemUTC();
        LeaseTiming timing = new LeaseTiming(
                Duration.ofSeconds(settings.getLong("provisioning.cluster.lease-seconds", 30)),
                Duration.ofSeconds(settings.getLong("provisioning.cluster.renew-seconds", 10)));
        String node = settings.find("provisioning.cluster.node-id")
                .filter(id -> !id.isBlank())
                .orElseGet(ClusterWiring::defaultNode);
        context.addService(
                new DatabaseClusterService(node, new ClusterLeases(dataSource, clock), timing, clock), true, true);
    }

    /** The host name (a pod's name on Kubernetes) and the process id: unique among the running instances. */
    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
