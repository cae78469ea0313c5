package fr.mssante.connector;

import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link Executor} that runs each task as a JCA {@link Work} scheduled on the container's
 * {@link WorkManager}: a resource adapter must not create threads of its own (Jakarta Connectors
 * section 11), so both the Netty event loops and the listener workers come from here.
 *
 * <p>When the container supports {@link HintsContext}, each work carries a name (visible in thread
 * dumps) and the long-running hint: IronJacamar then takes event loops, which never return, from the
 * long-running pool and leaves the short-running pool to listener calls.
 */
final class WorkManagerExecutor implements Executor {

    private final WorkManager workManager;
    private final String name;
    private final boolean longRunning;
    private final boolean hintsSupported;

    WorkManagerExecutor(WorkManager workManager, String name, boolean longRunning, boolean hintsSupported) {
        this.workManager = workManager;
        this.name = name;
        this.longRunning = longRunning;
        this.hintsSupported = hintsSupported;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workManager.scheduleWork(new RunnableWork(task, contexts()));
        } catch (WorkException e) {
            throw new RejectedExecutionException("WorkManager refused " + name + " work", e);
        }
    }

    private List<WorkContext> contexts() {
        if (!hintsSupported) {
            return List.of();
        }
        HintsContext hints = new HintsContext();
        hints.setName(name);
        hints.setHint(HintsContext.LONGRUNNING_HINT, longRunning);
        return List.of(hints);
    }

    /** Serializable only because WorkContextProvider is; a work never leaves this JVM. */
    private static final class RunnableWork implements Work, WorkContextProvider {
        private static final long serialVersionUID = 1L;
        private final transient Runnable task;
        private final transient List<WorkContext> contexts;

        RunnableWork(Runnable task, List<WorkContext> contexts) {
            this.task = task;
            this.contexts = contexts;
        }

        @Override
        public void run() {
            task.run();
        }

        /**
         * Called when the container wants the work to end early. Event loops are stopped by
         * {@link MailResourceAdapter#stop()} and endpoint deactivation; listener calls are short.
         */
        @Override
        public void release() {
            // Intentionally empty: stopping is driven by the resource adapter lifecycle.
        }

        @Override
        public List<WorkContext> getWorkContexts() {
            return contexts;
        }
    }
}
