package io.provisioning.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes YAML parsed against the API model (fabric8 kubernetes-model), strictly. The model does not fail on a
 * field it does not know: it keeps it aside as an "additional property". So after parsing, every model object is
 * walked and any additional property is an error that names its path (e.g. {@code spec.selectr}).
 */
final class StrictManifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization MODEL = new KubernetesSerialization();

    private StrictManifests() {}

    static List<HasMetadata> parse(String text, String file) {
        List<HasMetadata> resources = new ArrayList<>();
        try {
            for (Object read : YAML.readerFor(JsonNode.class).readValues(text).readAll()) {
                JsonNode document = (JsonNode) read;
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                HasMetadata resource = MODEL.unmarshal(YAML.writeValueAsString(document), HasMetadata.class);
                if (resource == null || resource instanceof GenericKubernetesResource) {
                    throw new IllegalArgumentException(file + ": unknown kind "
                            + document.path("apiVersion").asText() + "/"
                            + document.path("kind").asText());
                }
                String unknown = unknownField(resource, "");
                if (unknown != null) {
                    throw new IllegalArgumentException(
                            file + ": field " + unknown + " is not in the " + resource.getKind() + " schema");
                }
                resources.add(resource);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return resources;
    }

    /** The path of the first field the model kept aside as unknown, in {@code value} or below it. */
    private static String unknownField(Object value, String path) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                String found = unknownField(item, path + "[" + i++ + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String found = unknownField(entry.getValue(), path + "." + entry.getKey());
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (value == null || !value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return null;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (!getter.getName().startsWith("get")
                    || getter.getParameterCount() > 0
                    || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = call(getter, value);
            String name = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            if ("additionalProperties".equals(name)) {
                Map<?, ?> extra = (Map<?, ?>) field;
                if (extra != null && !extra.isEmpty()) {
                    return join(path, String.valueOf(extra.keySet().iterator().next()));
                }
                continue;
            }
            String found = unknownField(field, join(path, name));
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static Object call(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
