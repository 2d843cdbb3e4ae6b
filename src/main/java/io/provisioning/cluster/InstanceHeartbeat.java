package io.provisioning.cluster;

import io.provisioning.directory.Jobs;
import java.sql.SQLException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the database that this instance is alive: a lease of its own ({@code instance:<node>} in
 * {@code cluster_lease}), renewed every {@code renew} interval and given up when the instance stops. Import jobs name
 * the instance running them, so a starting instance interrupts only the imports of its own earlier process and of
 * instances whose lease has expired (a killed pod), never those of a live instance; each round it also interrupts
 * the imports of instances that died since.
 */
public final class InstanceHeartbeat extends ServiceSupport implements CamelContextAware {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceHeartbeat.class);
    private static final String PREFIX = "instance:";

    private final ClusterLeases leases;
    private final DatabaseClusterService.LeaseTiming timing;
    private final String node;
    private final Jobs jobs;
    private CamelContext context;
    private ScheduledExecutorService executor;

    public InstanceHeartbeat(ClusterLeases leases, DatabaseClusterService.LeaseTiming timing, String node, Jobs jobs) {
        this.leases = leases;
        this.timing = timing;
        this.node = node;
        this.jobs = jobs;
    }

    /**
     * At start-up, before this instance's own lease is taken: interrupts the imports left running by this node's
     * earlier process (the same node id), by instances that are gone, and those without an owner (started before
     * V32).
     */
    public int interruptOrphanedAtStartUp() {
        return jobs.interruptRunning(owner -> owner == null || owner.equals(node) || !alive(owner));
    }

    /** Later rounds: the imports of other instances that died while this one runs. */
    int interruptOrphaned() {
        return jobs.interruptRunning(owner -> owner != null && !owner.equals(node) && !alive(owner));
    }

    /** Whether the instance {@code node} renewed its heartbeat lease recently enough (it has not expired). */
    boolean alive(String owner) {
        try {
            return leases.holder(PREFIX + owner).isPresent();
        } catch (SQLException e) {
            throw new IllegalStateException("Directory database error: " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() {
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "instance-heartbeat");
        executor.scheduleWithFixedDelay(this::round, 0, timing.renew().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            leases.acquire(PREFIX + node, node, timing.lease());
            int interrupted = interruptOrphaned();
            if (interrupted > 0) {
                LOG.warn("{} import job(s) of instances that stopped were marked as interrupted", interrupted);
            }
        } catch (Exception e) {
            LOG.warn("Instance heartbeat {}: database not reachable ({})", node, e.toString());
        }
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        try {
            leases.release(PREFIX + node, node);
        } catch (Exception e) {
            LOG.warn("Instance heartbeat {}: not released ({}); it expires by itself", node, e.toString());
        }
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.context = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return context;
    }
}
