package fr.mssante.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing part of docker/haproxy/haproxy.cfg: which port each frontend binds, which backend it
 * sends to, and each backend's servers with their options. HAProxy itself checks the syntax
 * ({@code haproxy -c}, HaproxyConfigTest); this reads where the traffic goes, to compare with compose.
 */
final class HaproxyConfig {

    record Server(String name, String host, int port, List<String> options) {
    }

    record Frontend(String name, List<Integer> bindPorts, String defaultBackend) {
    }

    private final Map<String, Frontend> frontends = new LinkedHashMap<>();
    private final Map<String, List<Server>> backends = new LinkedHashMap<>();

    static HaproxyConfig read(Path file) {
        HaproxyConfig config = new HaproxyConfig();
        String section = null;
        String name = null;
        List<Integer> binds = new ArrayList<>();
        String defaultBackend = null;
        for (String raw : (ServerSettings.read(file) + "\nend-of-file").split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            boolean sectionStart = !raw.startsWith(" ") && !raw.startsWith("\t");
            if (sectionStart) {
                if ("frontend".equals(section)) {
                    config.frontends.put(name, new Frontend(name, List.copyOf(binds), defaultBackend));
                }
                section = words[0];
                name = words.length > 1 ? words[1] : null;
                binds = new ArrayList<>();
                defaultBackend = null;
                if ("backend".equals(section)) {
                    config.backends.put(name, new ArrayList<>());
                }
            } else if ("frontend".equals(section) && words[0].equals("bind")) {
                String address = words[1];
                binds.add(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
            } else if ("frontend".equals(section) && words[0].equals("default_backend")) {
                defaultBackend = words[1];
            } else if ("backend".equals(section) && words[0].equals("server")) {
                String address = words[2];
                int colon = address.lastIndexOf(':');
                config.backends.get(name).add(new Server(words[1], address.substring(0, colon),
                        Integer.parseInt(address.substring(colon + 1)), List.of(words).subList(3, words.length)));
            }
        }
        return config;
    }

    Frontend frontendBinding(int port) {
        return frontends.values().stream().filter(f -> f.bindPorts().contains(port)).findFirst()
                .orElseThrow(() -> new AssertionError("no HAProxy frontend binds port " + port));
    }

    List<Integer> boundPorts() {
        return frontends.values().stream().flatMap(f -> f.bindPorts().stream()).sorted().toList();
    }

    List<Server> servers(String backend) {
        List<Server> servers = backends.get(backend);
        if (servers == null) {
            throw new AssertionError("no HAProxy backend " + backend);
        }
        return servers;
    }

    Map<String, List<Server>> backends() {
        return backends;
    }
}
