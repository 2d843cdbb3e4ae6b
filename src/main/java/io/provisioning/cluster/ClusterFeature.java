package io.provisioning.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/**
 * Wires the cluster service (issue 21): the routes whose work must run once per cluster read from
 * {@code master:<namespace>:<endpoint>}; Camel's master component finds this service among the context's services.
 * One instance alone simply holds every lease.
 */
public final class ClusterFeature {

    private ClusterFeature() {}

    public static void wire(CamelContext context, ClusterSettings settings, DataSource dataSource) throws Exception {
        Clock clock = Clock.systemUTC();
        String node = settings.nodeId().orElseGet(ClusterFeature::defaultNode);
        context.addService(
                new DatabaseClusterService(node, new ClusterLeases(dataSource, clock), settings.timing(), clock),
                true,
                true);
    }

    /**
     * The host name (a pod's name on Kubernetes), the process id and a random part: unique among the running
     * instances, also for several bundles in one JVM (tests), which would otherwise share each other's leases.
     */
    private static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
    }
}
