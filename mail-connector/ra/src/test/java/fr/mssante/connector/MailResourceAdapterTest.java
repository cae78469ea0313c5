package fr.mssante.connector;

import fr.mssante.connector.api.RunMode;
import fr.mssante.connector.api.auth.AuthOutcome;
import fr.mssante.connector.api.auth.ClientConnection;
import fr.mssante.connector.api.auth.Credentials;
import fr.mssante.connector.api.smtp.SmtpSessionInfo;
import java.time.Duration;
import java.util.Optional;
import fr.mssante.connector.api.imap.ImapListener;
import fr.mssante.connector.api.smtp.MailAddress;
import fr.mssante.connector.api.smtp.MessageContent;
import fr.mssante.connector.api.smtp.SmtpEnvelope;
import fr.mssante.connector.api.smtp.SmtpListener;
import fr.mssante.connector.api.smtp.SmtpMessage;
import fr.mssante.connector.api.smtp.SmtpReply;
import fr.mssante.connector.imap.FakeImapStore;
import fr.mssante.connector.server.TestConnection;
import fr.mssante.connector.smtp.SmtpTestClient;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.UnavailableException;
import jakarta.resource.spi.XATerminator;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.ExecutionContext;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkContext;
import jakarta.resource.spi.work.WorkContextProvider;
import jakarta.resource.spi.work.WorkListener;
import jakarta.resource.spi.work.WorkManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.transaction.xa.XAResource;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The JCA glue with a fake container: WorkManager on a thread pool, message endpoints as proxies. */
class MailResourceAdapterTest {

    @TempDir
    Path spoolDirectory;

    private final ExecutorService containerThreads = Executors.newCachedThreadPool();
    /** Every work scheduled, with its long-running hint. */
    private final Map<Work, Boolean> scheduledWork = new ConcurrentHashMap<>();
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private final List<SmtpEnvelope> envelopes = new CopyOnWriteArrayList<>();
    private final AtomicInteger endpointsCreated = new AtomicInteger();
    private final AtomicInteger endpointsReleased = new AtomicInteger();
    private volatile boolean endpointsUnavailable;
    private MailResourceAdapter adapter;

    @AfterEach
    void stop() {
        if (adapter != null) {
            adapter.stop();
        }
        containerThreads.shutdownNow();
    }

    @Test
    void activationRunsTheMxServiceOnWorkManagerThreadsAndDeactivationClosesIt() throws Exception {
        int port = freePort();
        adapter = adapter(port, 0);
        adapter.start(bootstrapContext());
        MessageEndpointFactory factory = endpointFactory();
        adapter.endpointActivation(factory, new SmtpActivationSpec());

        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (SmtpTestClient client = new SmtpTestClient(address)) {
            assertThat(client.readLine()).isEqualTo("220 mx.ra.test ESMTP MSSante");
            assertThat(client.command("EHLO client")).startsWith("250 ");
            assertThat(client.command("MAIL FROM:<a@clinique.example.fr>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<b@hopital-demo.mssante.fr>")).isEqualTo("250 2.1.5 OK");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command("Subject: x\r\n.")).isEqualTo("250 2.0.0 queued as 1");
        }

        assertThat(envelopes).singleElement().extracting(e -> e.session().service()).isEqualTo("mx");
        // MAIL FROM (the MX sender policy), RCPT TO and DATA: one endpoint each.
        assertThat(endpointsCreated).hasValue(3);
        assertThat(endpointsReleased).hasValue(3);
        assertThat(listenerThreads).allMatch(name -> name.startsWith("container-"));
        assertThat(scheduledWork).containsValue(true).as("event loops are long-running work");
        assertThat(scheduledWork).containsValue(false).as("listener calls are short work");

        adapter.endpointDeactivation(factory, new SmtpActivationSpec());
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new SmtpTestClient(address));
    }

    @Test
    void submissionServiceHasItsOwnPortAndName() throws Exception {
        int port = freePort();
        adapter = adapter(0, port);
        // No TLS in this test: AUTH in clear needs the development switch.
        adapter.setAllowPlaintextAuth(true);
        adapter.start(bootstrapContext());
        adapter.endpointActivation(endpointFactory(), new SmtpActivationSpec());

        try (SmtpTestClient client = new SmtpTestClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(client.readLine()).startsWith("220 ");
            assertThat(client.command("EHLO client")).startsWith("250 ");
            assertThat(client.command("MAIL FROM:<a@clinique.example.fr>")).startsWith("530 5.7.0 ");
            // Base64 of "\0a@clinique.example.fr\0secret".
            assertThat(client.command("AUTH PLAIN AGFAY2xpbmlxdWUuZXhhbXBsZS5mcgBzZWNyZXQ=")).startsWith("235 2.7.0 ");
            assertThat(client.command("MAIL FROM:<a@clinique.example.fr>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<b@hopital-demo.mssante.fr>")).startsWith("250 ");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command(".")).startsWith("250 ");
        }
        assertThat(envelopes).singleElement().extracting(e -> e.session().authenticatedUser())
                .isEqualTo("a@clinique.example.fr");
        assertThat(envelopes).singleElement().extracting(e -> e.session().service()).isEqualTo("submission");
    }

    @Test
    void unavailableEndpointGives451() throws Exception {
        int port = freePort();
        adapter = adapter(port, 0);
        adapter.start(bootstrapContext());
        adapter.endpointActivation(endpointFactory(), new SmtpActivationSpec());
        endpointsUnavailable = true;

        try (SmtpTestClient client = new SmtpTestClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            client.readLine();
            client.command("EHLO client");
            assertThat(client.command("MAIL FROM:<a@clinique.example.fr>")).startsWith("451 4.3.0 ");
        }
    }

    @Test
    void imapActivationRunsTheImapServiceAndDeactivationClosesIt() throws Exception {
        int port = freePort();
        adapter = adapter(0, 0);
        adapter.setImapPort(port);
        // No TLS in this test: LOGIN in clear needs the development switch.
        adapter.setAllowPlaintextAuth(true);
        adapter.start(bootstrapContext());
        MessageEndpointFactory factory = endpointFactory(ImapListener.class, new FakeImapStore());
        adapter.endpointActivation(factory, new ImapActivationSpec());

        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        try (TestConnection client = new TestConnection(address)) {
            assertThat(client.readLine()).startsWith("* OK [CAPABILITY IMAP4rev1 ").endsWith("] mx.ra.test MSSante IMAP4rev1 ready");
            client.sendLine("a LOGIN " + FakeImapStore.ALICE + " " + FakeImapStore.PASSWORD);
            assertThat(client.readLine()).startsWith("a OK [CAPABILITY IMAP4rev1 ");
            client.sendLine("b STATUS INBOX (MESSAGES)");
            assertThat(client.readLine()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 3)");
            assertThat(client.readLine()).isEqualTo("b OK STATUS completed");
            // An ImapFailure thrown through the endpoint proxy keeps its code.
            client.sendLine("c SELECT Nowhere");
            assertThat(client.readLine()).isEqualTo("c NO [NONEXISTENT] No such mailbox");
        }
        assertThat(endpointsCreated).hasValue(3);
        assertThat(endpointsReleased).hasValue(3);
        assertThat(listenerThreads).allMatch(name -> name.startsWith("container-"));

        adapter.endpointDeactivation(factory, new ImapActivationSpec());
        assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> new TestConnection(address));
    }

    @Test
    void imapPortZeroStartsNoImapService() throws Exception {
        adapter = adapter(0, 0);
        adapter.setImapPort(0);
        adapter.start(bootstrapContext());
        MessageEndpointFactory factory = endpointFactory(ImapListener.class, new FakeImapStore());
        adapter.endpointActivation(factory, new ImapActivationSpec());
        adapter.endpointDeactivation(factory, new ImapActivationSpec());
        assertThat(endpointsCreated).hasValue(0);
    }

    @Test
    void invalidImapConfigurationFailsAtStart() {
        adapter = adapter(0, 0);
        adapter.setImapMaxLiteral(0L);
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("maxLiteral");
    }

    @Test
    void invalidConfigurationFailsAtStart() {
        adapter = adapter(0, 0);
        adapter.setMaxDataLineLength(500);
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("maxDataLineLength");
    }

    /** ADR 0036: the queueing settings fail the deployment naming the setting. */
    @Test
    void invalidQueueingSettingsFailAtStartNamingTheSetting() {
        adapter = adapter(0, 0);
        adapter.setImapAuthMaxConcurrent(0);
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("mssante.imap.auth-max-concurrent");
        adapter = adapter(0, 0);
        adapter.setQueueTimeoutSeconds(0);
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("mssante.connector.queue-timeout");
        adapter = adapter(0, 0);
        adapter.setImapAuthMaxWaiting(-1);
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("mssante.imap.auth-max-waiting");
    }

    @Test
    void invalidGroupCommitSettingsFailAtStartNamingTheSetting() {
        adapter = adapter(0, 0);
        adapter.setGroupCommitMax(0);
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("mssante.smtp.group-commit-max");
        adapter = adapter(0, 0);
        adapter.setGroupCommitConcurrency(-1);
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("mssante.smtp.group-commit-concurrency");
    }

    @Test
    void anInvalidTrustedProxyNetworkFailsAtStartNamingTheSetting() {
        adapter = adapter(0, 0);
        adapter.setProxyTrusted("10.0.0.0/8, lb.example.org");
        assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("mssante.proxy.trusted")
                .withMessageContaining("'lb.example.org'");
    }

    @Test
    void productionModeRefusesMailListenersWithoutTls() {
        adapter = adapter(0, 0); // IMAP keeps its default port
        inProductionMode(() -> assertThatExceptionOfType(ResourceAdapterInternalException.class)
                .isThrownBy(() -> adapter.start(bootstrapContext()))
                .withMessageContaining("mssante.tls.certificate")
                .withMessageContaining("mssante.mode"));
    }

    @Test
    void productionModeWithoutTlsIsAcceptedWhenNoMailListenerIsEnabled() {
        adapter = adapter(0, 0);
        adapter.setImapPort(0);
        inProductionMode(() -> {
            try {
                adapter.start(bootstrapContext());
            } catch (ResourceAdapterInternalException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** The build runs this module's tests in development mode (pom.xml); production is the default elsewhere. */
    private static void inProductionMode(Runnable test) {
        String before = System.getProperty(RunMode.PROPERTY);
        System.setProperty(RunMode.PROPERTY, "production");
        try {
            test.run();
        } finally {
            if (before == null) {
                System.clearProperty(RunMode.PROPERTY);
            } else {
                System.setProperty(RunMode.PROPERTY, before);
            }
        }
    }

    @Test
    void refusesAnotherActivationSpec() throws Exception {
        adapter = adapter(0, 0);
        adapter.start(bootstrapContext());
        ActivationSpec foreign = new ActivationSpec() {
            @Override
            public void validate() {
            }

            @Override
            public ResourceAdapter getResourceAdapter() {
                return null;
            }

            @Override
            public void setResourceAdapter(ResourceAdapter ra) {
            }
        };
        assertThatExceptionOfType(NotSupportedException.class)
                .isThrownBy(() -> adapter.endpointActivation(endpointFactory(), foreign));
    }

    /** The JavaBean rules IronJacamar validates at deployment (types, accessors). */
    @Test
    void configPropertiesAreJavaBeanPropertiesOfAllowedTypes() throws Exception {
        for (Field field : configProperties()) {
            String suffix = Character.toUpperCase(field.getName().charAt(0)) + field.getName().substring(1);
            assertThat(field.getType()).as(field.getName()).isIn(String.class, Integer.class, Long.class, Boolean.class);
            assertThat(MailResourceAdapter.class.getMethod("get" + suffix).getReturnType()).isEqualTo(field.getType());
            assertThat(MailResourceAdapter.class.getMethod("set" + suffix, field.getType())).isNotNull();
        }
        assertThat(MailResourceAdapter.class.getDeclaredMethod("hashCode")).isNotNull();
        assertThat(MailResourceAdapter.class.getDeclaredMethod("equals", Object.class)).isNotNull();
    }

    /** META-INF/ironjacamar.xml of the RAR sets every property, with the same development default. */
    @Test
    void ironjacamarXmlSetsEveryPropertyWithTheSameDefault() throws Exception {
        Path descriptor = Path.of("..", "src", "main", "rar", "META-INF", "ironjacamar.xml");
        NodeList properties = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile())
                .getElementsByTagName("config-property");
        Pattern expression = Pattern.compile("\\$\\{mssante\\.[a-z0-9.-]+:(.*)}");
        MailResourceAdapter defaults = new MailResourceAdapter();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            String name = property.getAttribute("name");
            names.add(name);
            Matcher value = expression.matcher(property.getTextContent().trim());
            assertThat(value.matches()).as(name + " is a system property expression").isTrue();
            Method getter = MailResourceAdapter.class.getMethod("get" + Character.toUpperCase(name.charAt(0)) + name.substring(1));
            assertThat(value.group(1)).as(name + " default").isEqualTo(String.valueOf(getter.invoke(defaults)));
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(configProperties().stream().map(Field::getName).toList());
    }

    private static List<Field> configProperties() {
        List<Field> fields = new ArrayList<>();
        for (Field field : MailResourceAdapter.class.getDeclaredFields()) {
            if (field.isAnnotationPresent(ConfigProperty.class)) {
                fields.add(field);
            }
        }
        return fields;
    }

    private MailResourceAdapter adapter(int smtpPort, int submissionPort) {
        MailResourceAdapter ra = new MailResourceAdapter();
        ra.setHostname("mx.ra.test");
        ra.setSmtpPort(smtpPort);
        ra.setSubmissionPort(submissionPort);
        ra.setSpoolDirectory(spoolDirectory.toString());
        return ra;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private BootstrapContext bootstrapContext() {
        AtomicInteger threads = new AtomicInteger();
        WorkManager workManager = new WorkManager() {
            @Override
            public void doWork(Work work) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void doWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long startWork(Work work) {
                throw new UnsupportedOperationException();
            }

            @Override
            public long startWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void scheduleWork(Work work) {
                scheduledWork.put(work, longRunning(work));
                containerThreads.execute(() -> {
                    Thread.currentThread().setName("container-" + threads.incrementAndGet());
                    work.run();
                });
            }

            @Override
            public void scheduleWork(Work work, long timeout, ExecutionContext context, WorkListener listener) {
                scheduleWork(work);
            }
        };
        return new BootstrapContext() {
            @Override
            public WorkManager getWorkManager() {
                return workManager;
            }

            @Override
            public XATerminator getXATerminator() {
                return null;
            }

            @Override
            public Timer createTimer() throws UnavailableException {
                throw new UnavailableException("no timer in tests");
            }

            @Override
            public boolean isContextSupported(Class<? extends WorkContext> type) {
                return type == HintsContext.class;
            }

            @Override
            public TransactionSynchronizationRegistry getTransactionSynchronizationRegistry() {
                return null;
            }
        };
    }

    private static boolean longRunning(Work work) {
        for (WorkContext context : ((WorkContextProvider) work).getWorkContexts()) {
            if (context instanceof HintsContext hints) {
                return Boolean.TRUE.equals(hints.getHints().get(HintsContext.LONGRUNNING_HINT));
            }
        }
        return false;
    }

    /** Endpoints are proxies, as a container makes them, over a listener that accepts everything. */
    private MessageEndpointFactory endpointFactory() {
        SmtpListener listener = new SmtpListener() {
            @Override
            public AuthOutcome authenticate(ClientConnection connection, Credentials credentials) {
                return credentials instanceof Credentials.Password password && password.password().equals("secret")
                        ? AuthOutcome.success(password.username())
                        : AuthOutcome.rejected("bad password", Duration.ZERO);
            }

            @Override
            public SmtpReply checkSender(SmtpSessionInfo session, Optional<MailAddress> reversePath) {
                return SmtpReply.of(250, "2.1.0", "OK");
            }

            @Override
            public SmtpReply checkRecipient(SmtpEnvelope envelope, MailAddress recipient) {
                listenerThreads.add(Thread.currentThread().getName());
                return SmtpReply.of(250, "2.1.5", "OK");
            }

            @Override
            public SmtpReply deliver(SmtpEnvelope envelope, MessageContent content) {
                listenerThreads.add(Thread.currentThread().getName());
                envelopes.add(envelope);
                return SmtpReply.of(250, "2.0.0", "queued as " + envelopes.size());
            }

            @Override
            public List<SmtpReply> deliverAll(List<SmtpMessage> messages) {
                return messages.stream().map(message -> deliver(message.envelope(), message.content())).toList();
            }
        };
        return endpointFactory(SmtpListener.class, listener);
    }

    /** Endpoints are proxies implementing {@code type} and MessageEndpoint, calling {@code listener}. */
    private <L> MessageEndpointFactory endpointFactory(Class<L> type, L listener) {
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource) throws UnavailableException {
                if (endpointsUnavailable) {
                    throw new UnavailableException("MDB pool exhausted");
                }
                endpointsCreated.incrementAndGet();
                return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {type, MessageEndpoint.class}, (proxy, method, args) -> {
                            // Listener methods include inherited ones (authenticate comes from MailAuthenticator).
                            if (method.getDeclaringClass().isAssignableFrom(type)
                                    && method.getDeclaringClass() != Object.class) {
                                listenerThreads.add(Thread.currentThread().getName());
                                try {
                                    return method.invoke(listener, args);
                                } catch (InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            }
                            if (method.getName().equals("release")) {
                                endpointsReleased.incrementAndGet();
                            }
                            return null;
                        });
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) throws UnavailableException {
                return createEndpoint(xaResource);
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return true;
            }

            @Override
            public String getActivationName() {
                return "test-mdb";
            }

            @Override
            public Class<?> getEndpointClass() {
                return type;
            }
        };
    }
}
