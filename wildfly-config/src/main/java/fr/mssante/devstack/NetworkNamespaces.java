package fr.mssante.devstack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Several "hosts" on one machine (Linux network namespaces, root only), for tests that must kill a node
 * while the others carry on: a bridge in the root namespace with the first address of a private /24, and
 * per host a namespace joined to the bridge by a veth pair, with its own address (…11, …12, …) and its own
 * loopback. Processes in the root namespace (the tests, PostgreSQL, HAProxy) reach every host at its
 * address; a host reaches the root namespace at {@link #gatewayAddress()}.
 *
 * <p>Every name starts with {@code prefix} (interface names are limited to 15 bytes, so keep it short):
 * {@link #create} first removes whatever a crashed earlier run left with that prefix, and {@link #close}
 * removes everything.
 */
public final class NetworkNamespaces implements AutoCloseable {

    private final String prefix;
    private final String subnet;
    private final int hosts;

    private NetworkNamespaces(String prefix, String subnet, int hosts) {
        this.prefix = prefix;
        this.subnet = subnet;
        this.hosts = hosts;
    }

    /**
     * @param prefix a few letters naming the bridge ({@code <prefix>br}), namespaces ({@code <prefix>n1}…) and
     *               veth ends ({@code <prefix>v1} in the root namespace, {@code <prefix>h1} in the host's)
     * @param subnet the first three octets of a private /24 used by nothing else, e.g. {@code 10.213.7}
     * @param hosts  how many namespaces
     */
    public static NetworkNamespaces create(String prefix, String subnet, int hosts) throws IOException, InterruptedException {
        if (prefix.length() > 8) {
            throw new IllegalArgumentException("prefix too long for interface names: " + prefix);
        }
        NetworkNamespaces n = new NetworkNamespaces(prefix, subnet, hosts);
        n.removeLeftovers();
        try {
            n.build();
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
        return n;
    }

    private void build() throws IOException, InterruptedException {
        String bridge = prefix + "br";
        ip("link", "add", bridge, "type", "bridge");
        ip("addr", "add", gatewayAddress() + "/24", "dev", bridge);
        // Secondary: connections to the hosts still leave from the gateway address unless bound to this one.
        ip("addr", "add", balancerAddress() + "/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int i = 1; i <= hosts; i++) {
            String namespace = namespace(i);
            String outside = prefix + "v" + i;
            String inside = prefix + "h" + i;
            ip("netns", "add", namespace);
            ip("link", "add", outside, "type", "veth", "peer", "name", inside);
            ip("link", "set", outside, "master", bridge);
            ip("link", "set", outside, "up");
            ip("link", "set", inside, "netns", namespace);
            ip("-n", namespace, "link", "set", "lo", "up");
            ip("-n", namespace, "addr", "add", address(i) + "/24", "dev", inside);
            ip("-n", namespace, "link", "set", inside, "up");
            ip("-n", namespace, "route", "add", "default", "via", gatewayAddress());
        }
    }

    /** The namespace of host {@code i} (1-based), for {@code ip netns exec}. */
    public String namespace(int i) {
        return prefix + "n" + i;
    }

    /** The address of host {@code i} (1-based). */
    public String address(int i) {
        return subnet + "." + (10 + i);
    }

    /** The root namespace's address on the bridge: where hosts reach PostgreSQL, HAProxy and the tests. */
    public String gatewayAddress() {
        return subnet + ".1";
    }

    /**
     * A second root-namespace address on the bridge, for a load balancer that the hosts must tell apart from
     * other clients in the root namespace (PROXY protocol: only the balancer's connections carry a header).
     */
    public String balancerAddress() {
        return subnet + ".254";
    }

    public String subnetCidr() {
        return subnet + ".0/24";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        removeLeftovers();
    }

    /**
     * Deletes the namespaces (their veth ends go with them) and the bridge named with this prefix. Processes
     * still running in a namespace (servers of a test run that was itself killed) are killed first: a deleted
     * namespace's name goes, but the processes in it would live on.
     */
    private void removeLeftovers() throws IOException, InterruptedException {
        for (String line : output("ip", "netns", "list")) {
            String name = line.split(" ")[0];
            if (name.startsWith(prefix + "n")) {
                for (String pid : output("ip", "netns", "pids", name)) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
                run(List.of("ip", "netns", "del", name), false);
            }
        }
        for (String line : output("ip", "-o", "link", "show")) {
            // "12: mssbr: <...>" or "13: mssv1@if12: <...>"
            String[] fields = line.split(":\\s+", 3);
            if (fields.length > 1) {
                String name = fields[1].split("@")[0];
                if (name.startsWith(prefix + "br") || name.startsWith(prefix + "v")) {
                    run(List.of("ip", "link", "del", name), false);
                }
            }
        }
    }

    private static void ip(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        run(command, true);
    }

    private static List<String> output(String... command) throws IOException, InterruptedException {
        return run(List.of(command), true);
    }

    private static List<String> run(List<String> command, boolean mustSucceed) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (mustSucceed && p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "; network namespaces "
                    + "need root): " + String.join("\n", lines));
        }
        return lines;
    }
}
