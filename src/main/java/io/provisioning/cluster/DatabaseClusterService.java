package io.provisioning.cluster;

import java.time.Clock;
import java.time.Duration;
import org.apache.camel.support.cluster.AbstractCamelClusterService;

/**
 * Camel's cluster service backed by the directory database (issue 21): each namespace of a {@code master:} endpoint
 * is a lease row ({@link ClusterLeases}); the instance holding it runs the endpoint's consumer, the others wait and
 * take over once it expires (a killed leader: after at most {@code lease} plus {@code renew}).
 */
public class DatabaseClusterService extends AbstractCamelClusterService<DatabaseClusterView> {

    private final ClusterLeases leases;
    private final LeaseTiming timing;
    private final Clock clock;

    public DatabaseClusterService(String node, ClusterLeases leases, LeaseTiming timing, Clock clock) {
        super("database-cluster-service");
        this.leases = leases;
        this.timing = timing;
        this.clock = clock;
        setAttribute("node", node);
    }

    String node() {
        return (String) getAttributes().get("node");
    }

    @Override
    protected DatabaseClusterView createView(String namespace) {
        return new DatabaseClusterView(this, namespace, leases, timing, clock);
    }

    /** How long a lease lasts and how often its holder renews it (and the others try to take it). */
    public record LeaseTiming(Duration lease, Duration renew) {
        public LeaseTiming {
            if (renew.isZero() || renew.isNegative() || renew.compareTo(lease) >= 0) {
                throw new IllegalArgumentException(
                        "the renew interval must be shorter than the lease: " + renew + " / " + lease);
            }
        }
    }
}
