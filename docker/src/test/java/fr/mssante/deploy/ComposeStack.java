package fr.mssante.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A compose file as the real tool resolves it ({@code docker-compose config}: anchors merged, variables
 * of .env.example substituted, paths made absolute), read into the few things the tests look at.
 */
final class ComposeStack {

    static final String DOCKER_COMPOSE = "/usr/bin/docker-compose";

    /** A published port: on the host (address may be empty: every address) and in the container. */
    record Port(String hostAddress, int published, int target) {
    }

    /** A mount: a host path (absolute) or a named volume, and where it goes. */
    record Mount(String source, String target, boolean bind) {
    }

    private static final Pattern SHORT_PORT = Pattern.compile("(?:([0-9.]+):)?(\\d+):(\\d+)(?:/\\w+)?");

    private final Map<String, Object> services;

    private ComposeStack(Map<String, Object> resolved) {
        this.services = map(resolved.get("services"));
    }

    /** Runs {@code docker-compose config} on a file of docker/ with .env.example; fails the test if it refuses. */
    static ComposeStack resolve(String composeFile) throws Exception {
        String yaml = Command.succeed(Repository.DOCKER, DOCKER_COMPOSE, "-f", composeFile,
                "--env-file", ".env.example", "config");
        return new ComposeStack(new Yaml().load(yaml));
    }

    List<String> serviceNames() {
        return new ArrayList<>(services.keySet());
    }

    Map<String, Object> service(String name) {
        Map<String, Object> service = map(services.get(name));
        if (service.isEmpty()) {
            throw new AssertionError("no service " + name + " in " + services.keySet());
        }
        return service;
    }

    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(service(service).get("environment")).forEach((k, v) -> environment.put(k, v == null ? "" : v.toString()));
        return environment;
    }

    List<Port> ports(String service) {
        List<Port> ports = new ArrayList<>();
        for (Object port : list(service(service).get("ports"))) {
            if (port instanceof Map<?, ?> longSyntax) {
                Object address = longSyntax.get("host_ip");
                ports.add(new Port(address == null ? "" : address.toString(),
                        Integer.parseInt(longSyntax.get("published").toString()),
                        Integer.parseInt(longSyntax.get("target").toString())));
            } else {
                Matcher m = SHORT_PORT.matcher(port.toString());
                if (!m.matches()) {
                    throw new AssertionError("port of " + service + " not understood: " + port);
                }
                ports.add(new Port(m.group(1) == null ? "" : m.group(1), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))));
            }
        }
        return ports;
    }

    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object volume : list(service(service).get("volumes"))) {
            if (volume instanceof Map<?, ?> longSyntax) {
                mounts.add(new Mount(longSyntax.get("source").toString(), longSyntax.get("target").toString(),
                        "bind".equals(longSyntax.get("type"))));
            } else {
                String[] parts = volume.toString().split(":");
                mounts.add(new Mount(parts[0], parts[1], parts[0].startsWith("/")));
            }
        }
        return mounts;
    }

    /** The build context (absolute) and Dockerfile (absolute) of a service, or null when it has no build. */
    Path[] build(String service) {
        Map<String, Object> build = map(service(service).get("build"));
        if (build.isEmpty()) {
            return null;
        }
        Path context = Path.of(build.get("context").toString());
        Object dockerfile = build.getOrDefault("dockerfile", "Dockerfile");
        return new Path[] {context, context.resolve(dockerfile.toString())};
    }

    String ipv4Address(String service, String network) {
        Object address = map(map(service(service).get("networks")).get(network)).get("ipv4_address");
        return address == null ? null : address.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
