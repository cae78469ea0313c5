package fr.mssante.ejb.relay.route;

import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.spi.InitialContextFactory;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * DNS through the JDK's own DNS provider ({@code jdk.naming.dns}), the system's resolvers. dnsjava is the
 * project's DNS library of choice but is not available to this build (ADR 0018); the JDK provider answers
 * MX and A/AAAA look-ups, which is all routing needs, without DNSSEC (neither would dnsjava's default
 * resolver).
 *
 * <p>The provider is found through {@link ServiceLoader} on the system class loader and its context
 * created directly, rather than with {@code new InitialDirContext(env)}: in WildFly the naming subsystem
 * replaces the JDK's initial context factory builder and loads factories from the deployment's class
 * loader, which does not see the JDK module's (non-exported) implementation class.
 */
public final class JndiMxResolver implements MxResolver {

    private static final String FACTORY = "com.sun.jndi.dns.DnsContextFactory";

    private final Hashtable<String, Object> environment = new Hashtable<>();
    private volatile InitialContextFactory factory;

    public JndiMxResolver() {
        environment.put("java.naming.provider.url", "dns:");
        environment.put("com.sun.jndi.dns.timeout.initial", "2000");
        environment.put("com.sun.jndi.dns.timeout.retries", "3");
    }

    @Override
    public List<MxRecord> mx(String domain) throws DnsFailure {
        List<MxRecord> records = new ArrayList<>();
        for (String value : values(domain, "MX")) {
            String[] parts = value.trim().split("\\s+");
            if (parts.length == 2) {
                String exchange = parts[1].endsWith(".") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
                records.add(new MxRecord(Integer.parseInt(parts[0]), exchange.toLowerCase(Locale.ROOT)));
            }
        }
        return records;
    }

    @Override
    public boolean hasAddress(String domain) throws DnsFailure {
        return !values(domain, "A").isEmpty() || !values(domain, "AAAA").isEmpty();
    }

    /** Found at first use: a platform routing everything through the transport map never needs it. */
    private InitialContextFactory factory() throws DnsFailure {
        if (factory == null) {
            factory = ServiceLoader.load(InitialContextFactory.class, ClassLoader.getSystemClassLoader()).stream()
                    .filter(p -> p.type().getName().equals(FACTORY)).findFirst()
                    .map(ServiceLoader.Provider::get)
                    .orElseThrow(() -> new DnsFailure("the JDK DNS provider (module jdk.naming.dns) is not available",
                            false, null));
        }
        return factory;
    }

    private List<String> values(String domain, String type) throws DnsFailure {
        DirContext context = null;
        try {
            context = (DirContext) factory().getInitialContext(environment);
            Attributes attributes = context.getAttributes(domain + ".", new String[] {type});
            Attribute attribute = attributes.get(type);
            List<String> values = new ArrayList<>();
            if (attribute != null) {
                NamingEnumeration<?> all = attribute.getAll();
                while (all.hasMore()) {
                    values.add(String.valueOf(all.next()));
                }
            }
            return values;
        } catch (NameNotFoundException e) {
            throw new DnsFailure(domain + ": no such domain", true, e);
        } catch (NamingException e) {
            throw new DnsFailure(type + " " + domain + ": " + e.getMessage(), false, e);
        } finally {
            if (context != null) {
                try {
                    context.close();
                } catch (NamingException ignored) {
                    // nothing held
                }
            }
        }
    }
}
