package fr.mssante.deploy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a Kubernetes document against the API's OpenAPI schema, offline: the official Java client's
 * models are generated from the Kubernetes OpenAPI document, and each model's
 * {@code validateJsonElement} refuses a field the schema does not define, a missing required field
 * and an object where a value is expected, recursively. The API group, which the models do not carry,
 * is checked against the groups of the kinds these manifests use.
 */
final class KubernetesSchema {

    /** apiVersion of each kind the deployment uses (a kind outside this table is refused). */
    static final Map<String, String> API_VERSIONS = Map.of(
            "Namespace", "v1",
            "ServiceAccount", "v1",
            "ConfigMap", "v1",
            "Secret", "v1",
            "Service", "v1",
            "StatefulSet", "apps/v1",
            "PodDisruptionBudget", "policy/v1",
            "Ingress", "networking.k8s.io/v1",
            "NetworkPolicy", "networking.k8s.io/v1");

    private static final String MODELS = "io.kubernetes.client.openapi.models.";

    private KubernetesSchema() {
    }

    /** The schema violation of a document, or empty when it conforms. */
    static Optional<String> violation(Map<String, Object> document) {
        Object kind = document.get("kind");
        Object apiVersion = document.get("apiVersion");
        if (kind == null || apiVersion == null) {
            return Optional.of("a document without kind or apiVersion");
        }
        String expected = API_VERSIONS.get(kind.toString());
        if (expected == null) {
            return Optional.of("kind " + kind + " is not one this deployment uses");
        }
        if (!expected.equals(apiVersion)) {
            return Optional.of(kind + " has apiVersion " + apiVersion + ", the API serves it as " + expected);
        }
        String version = expected.substring(expected.indexOf('/') + 1);
        String model = MODELS + Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
        JsonElement json = new Gson().toJsonTree(document);
        try {
            Method validate = Class.forName(model).getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, json);
            return Optional.empty();
        } catch (InvocationTargetException e) {
            String message = String.valueOf(e.getCause().getMessage());
            int end = message.indexOf(" JSON:");
            return Optional.of(kind + " " + name(document) + ": " + (end < 0 ? message : message.substring(0, end)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("no model " + model + " in the Kubernetes client", e);
        }
    }

    private static String name(Map<String, Object> document) {
        return document.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "?";
    }
}
