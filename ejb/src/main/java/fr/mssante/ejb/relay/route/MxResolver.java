package fr.mssante.ejb.relay.route;

import java.util.List;

/** The DNS look-ups mail routing needs (RFC 5321 section 5.1). */
public interface MxResolver {

    /** The MX records of {@code domain}; empty when it has none (but exists). */
    List<MxRecord> mx(String domain) throws DnsFailure;

    /** Whether {@code domain} has an A or AAAA record, i.e. can be its own implicit MX. */
    boolean hasAddress(String domain) throws DnsFailure;
}
