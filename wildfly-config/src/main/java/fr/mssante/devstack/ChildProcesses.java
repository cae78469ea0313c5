package fr.mssante.devstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Stopping a server that runs as a child process: a launch script with the JVM under it. */
final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Graceful stop (SIGTERM), forced after {@code grace}; then waits for the script's descendants.
     *
     * @param signalDescendants also send SIGTERM to the descendants, for scripts that may not forward it
     */
    static void stop(Process process, boolean signalDescendants, Duration grace) {
        List<ProcessHandle> tree = process.descendants().toList();
        if (signalDescendants) {
            tree.forEach(ProcessHandle::destroy);
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : tree) {
                child.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }
}
