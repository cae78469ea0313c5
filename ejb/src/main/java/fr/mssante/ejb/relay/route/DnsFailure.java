package fr.mssante.ejb.relay.route;

/** A DNS answer that is no answer: the domain does not exist (permanent) or the resolver failed (temporary). */
public class DnsFailure extends Exception {

    private final boolean nonexistentDomain;

    public DnsFailure(String message, boolean nonexistentDomain, Throwable cause) {
        super(message, cause);
        this.nonexistentDomain = nonexistentDomain;
    }

    /** NXDOMAIN (RFC 1035 RCODE 3): authoritative, retrying will not help. */
    public boolean nonexistentDomain() {
        return nonexistentDomain;
    }
}
