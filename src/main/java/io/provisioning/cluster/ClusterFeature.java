package io.provisioning.cluster;

import io.provisioning.directory.Jobs;
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

    /** This instance's node id: {@code provisioning.cluster.node-id}, else one made unique per process. */
    public static String node(ClusterSettings settings) {
        return settings.nodeId().orElseGet(ClusterFeature::defaultNode);
    }

    /**
     * Adds the cluster service and this instance's heartbeat; at once interrupts the import jobs left running by
     * instances that are gone (its own earlier process included), not those of live instances.
     *
     * @return how many import jobs were interrupted
     */
    public static int wire(
            CamelContext context, ClusterSettings settings, String node, DataSource dataSource, Jobs jobs)
            throws Exception {
        Clock clock = Clock.systemUTC();
        ClusterLeases leases = new ClusterLeases(dataSource, clock);
        InstanceHeartbeat heartbeat = new InstanceHeartbeat(leases, settings.timing(), node, jobs);
        int interrupted = heartbeat.interruptOrphanedAtStartUp();
        context.addService(heartbeat, true, true);
        context.addService(new DatabaseClusterService(node, leases, settings.timing(), clock), true, true);
        return interrupted;
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
