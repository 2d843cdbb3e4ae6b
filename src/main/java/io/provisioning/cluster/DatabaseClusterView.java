package io.provisioning.cluster;

import io.provisioning.cluster.DatabaseClusterService.LeaseTiming;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.support.cluster.AbstractCamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One namespace: every {@code renew} interval the instance takes or renews the lease; a change of leadership is
 * told to the {@code master:} consumers, which start or stop their endpoint. When the database cannot be reached
 * the leader keeps its role only until its last renewed lease runs out, since another instance may take it then.
 */
final class DatabaseClusterView extends AbstractCamelClusterView {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseClusterView.class);

    private final ClusterLeases leases;
    private final LeaseTiming timing;
    private final Clock clock;
    private final String node;
    private final CamelClusterMember local;
    private ScheduledExecutorService executor;
    private volatile boolean leader;
    private volatile String otherLeader;
    private Instant heldUntil = Instant.MIN;

    DatabaseClusterView(
            DatabaseClusterService service, String namespace, ClusterLeases leases, LeaseTiming timing, Clock clock) {
        super(service, namespace);
        this.leases = leases;
        this.timing = timing;
        this.clock = clock;
        this.node = service.node();
        this.local = new Member(node, true);
    }

    @Override
    protected void doStart() throws Exception {
        ScheduledExecutorService rounds = getCamelContext()
                .getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "cluster-lease-" + getNamespace());
        executor = rounds;
        // The first round once the context has started: a master: consumer told of leadership while the context still
        // starts starts its endpoint's consumer then, and a timer consumer started before the context is started waits
        // for a start-up event it is never sent (it is not the route's consumer), so it never fired (bulk-results).
        java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
        getCamelContext().addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                if (alreadyStarted) {
                    onCamelContextFullyStarted(context, true);
                }
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                if (!rounds.isShutdown() && scheduled.compareAndSet(false, true)) {
                    rounds.scheduleWithFixedDelay(
                            DatabaseClusterView.this::renew, 0, timing.renew().toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        });
    }

    @Override
    protected void doStop() throws Exception {
        if (executor != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
        if (leader) {
            leader = false;
            fireLeadershipChangedEvent(Optional.empty());
            try {
                leases.release(getNamespace(), node);
            } catch (Exception e) {
                LOG.warn("Cluster lease {}: not released ({}); it expires by itself", getNamespace(), e.toString());
            }
        }
    }

    /** One round: take or renew the lease, then tell the listeners when leadership changed. */
    void renew() {
        Instant now = clock.instant();
        boolean holds;
        try {
            holds = leases.acquire(getNamespace(), node, timing.lease());
            if (holds) {
                heldUntil = now.plus(timing.lease());
            }
            otherLeader = holds ? null : leases.holder(getNamespace()).orElse(null);
        } catch (Exception e) {
            // cannot tell: keep the role only while the lease this instance last renewed still runs
            holds = leader && now.isBefore(heldUntil);
            LOG.warn("Cluster lease {}: database not reachable ({}), leader: {}", getNamespace(), e.toString(), holds);
        }
        if (holds != leader) {
            leader = holds;
            LOG.info("Cluster lease {}: {} {} leadership", getNamespace(), node, holds ? "takes" : "gives up");
            fireLeadershipChangedEvent(getLeader());
        }
    }

    @Override
    public Optional<CamelClusterMember> getLeader() {
        if (leader) {
            return Optional.of(local);
        }
        String other = otherLeader;
        return other == null ? Optional.empty() : Optional.of(new Member(other, false));
    }

    @Override
    public CamelClusterMember getLocalMember() {
        return local;
    }

    @Override
    public List<CamelClusterMember> getMembers() {
        List<CamelClusterMember> members = new ArrayList<>(List.of(local));
        getLeader().filter(member -> !member.isLocal()).ifPresent(members::add);
        return members;
    }

    /** This instance (its leadership is the view's), or the other instance holding the lease. */
    private final class Member implements CamelClusterMember {

        private final String id;
        private final boolean isLocal;

        Member(String id, boolean isLocal) {
            this.id = id;
            this.isLocal = isLocal;
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public boolean isLeader() {
            return isLocal ? leader : id.equals(otherLeader);
        }

        @Override
        public boolean isLocal() {
            return isLocal;
        }
    }
}
