package fr.mssante.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port look-ups on the loopback interface, the only one tests may use.
 *
 * <p>Tests pick ports long before some servers bind them (the second cluster node starts minutes after
 * its ports were chosen). Ports are therefore taken below the kernel's ephemeral range (Linux: 32768 and
 * up), where no outgoing connection can grab one meanwhile, and a port is handed out once per JVM.
 */
public final class FreePorts {

    private static final int LOW = 20000;
    /** Linux's default ip_local_port_range starts here. */
    private static final int EPHEMERAL_START = 32768;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port that is free on 127.0.0.1 now and was not handed out before. */
    public static synchronized int pick() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, EPHEMERAL_START);
            if (!HANDED_OUT.contains(port) && isFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOW + " and " + EPHEMERAL_START);
    }

    public static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A WildFly socket-binding port offset such that every port of {@code basePorts} plus the offset
     * is free (and stays below the ephemeral range), so a test server never collides with a developer's
     * running platform nor with another test server.
     */
    public static synchronized int pickOffset(int... basePorts) {
        int lowest = Integer.MAX_VALUE;
        int highest = 0;
        for (int base : basePorts) {
            lowest = Math.min(lowest, base);
            highest = Math.max(highest, base);
        }
        for (int attempt = 0; attempt < 1000; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(LOW - lowest, EPHEMERAL_START - highest);
            if (allFree(basePorts, offset)) {
                for (int base : basePorts) {
                    HANDED_OUT.add(base + offset);
                }
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }

    private static boolean allFree(int[] basePorts, int offset) {
        for (int base : basePorts) {
            if (HANDED_OUT.contains(base + offset) || !isFree(base + offset)) {
                return false;
            }
        }
        return true;
    }
}
