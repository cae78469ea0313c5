package fr.mssante.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port look-ups on the loopback interface, the only one tests may use. */
public final class FreePorts {

    private FreePorts() {
    }

    /** An ephemeral port that is free on 127.0.0.1 right now. */
    public static int pick() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
     * is free, so a test server never collides with a developer's running platform.
     */
    public static int pickOffset(int... basePorts) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 20000 + (int) (Math.random() * 20000);
            boolean allFree = true;
            for (int base : basePorts) {
                if (base + offset > 65535 || !isFree(base + offset)) {
                    allFree = false;
                    break;
                }
            }
            if (allFree) {
                return offset;
            }
        }
        throw new IllegalStateException("no free port offset found");
    }
}
