package io.provisioning.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The manifests under deploy/kubernetes parse strictly against the Kubernetes API model (a misspelt or misplaced
 * field fails), and say what docs/deployment.md promises: three replicas, probes on the split health endpoints, a
 * non-root container with a read-only root file system, a disruption budget, credentials from the Secret.
 */
class KubernetesManifestsTest {

    private static final Path FOLDER = Path.of("deploy/kubernetes");

    @Test
    void everyManifestParsesStrictly() throws IOException {
        List<HasMetadata> resources = all();
        Map<String, Long> kinds =
                resources.stream().collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
        for (String kind : List.of(
                "Deployment", "Service", "ConfigMap", "Secret", "PodDisruptionBudget", "PersistentVolumeClaim")) {
            assertTrue(kinds.containsKey(kind), kind + " missing: " + kinds);
        }
    }

    @Test
    void theDeploymentRunsThreeHardenedInstancesWithTheSplitProbes() throws IOException {
        Deployment deployment = one(Deployment.class);
        assertEquals(3, deployment.getSpec().getReplicas());
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        Container bundle = pod.getContainers().get(0);
        assertEquals(Boolean.TRUE, bundle.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.FALSE, bundle.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(
                "/observe/health/live", bundle.getLivenessProbe().getHttpGet().getPath());
        assertEquals(
                "/observe/health/ready", bundle.getReadinessProbe().getHttpGet().getPath());
        List<String> mounts = bundle.getVolumeMounts().stream()
                .map(mount -> mount.getMountPath())
                .toList();
        assertTrue(mounts.containsAll(List.of("/app/data", "/tmp", "/app/config")), mounts.toString());
        assertTrue(
                bundle.getEnvFrom().stream().anyMatch(from -> from.getSecretRef() != null),
                "credentials come from the Secret");
        PodDisruptionBudget budget = one(PodDisruptionBudget.class);
        assertEquals(
                deployment.getSpec().getSelector().getMatchLabels(),
                budget.getSpec().getSelector().getMatchLabels());
    }

    @Test
    void aWrongFieldIsRefused() {
        String misspelt =
                """
                apiVersion: v1
                kind: Service
                metadata:
                  name: wrong
                spec:
                  selectr:
                    app: x
                """;
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> StrictManifests.parse(misspelt, "wrong.yaml"));
        assertTrue(refused.getMessage().contains("spec.selectr"), refused.getMessage());
        String misplaced =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: wrong
                spec:
                  template:
                    spec:
                      containers:
                        - name: a
                          image: a
                          readOnlyRootFilesystem: true
                """;
        assertThrows(IllegalArgumentException.class, () -> StrictManifests.parse(misplaced, "wrong.yaml"));
        assertFalse(StrictManifests.parse("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n", "ok.yaml")
                .isEmpty());
    }

    private static <T extends HasMetadata> T one(Class<T> type) throws IOException {
        List<T> found = all().stream().filter(type::isInstance).map(type::cast).toList();
        assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }

    private static List<HasMetadata> all() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<Path> manifests = files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
            assertFalse(manifests.isEmpty(), "no manifests in " + FOLDER);
            List<HasMetadata> resources = new java.util.ArrayList<>();
            for (Path file : manifests) {
                resources.addAll(StrictManifests.parse(Files.readString(file), file.toString()));
            }
            return resources;
        }
    }
}
