package fr.mssante.devstack;

import java.util.List;

/**
 * The names the two demo operators of this machine know of each other (they mirror the EJB module's
 * {@code DemoData}, which the devstack cannot depend on): the peer's domain and mailbox, and the domains
 * the first operator hosts.
 */
public final class DemoPeer {

    /** The peer operator's domain ({@code -Dmssante.demo.profile=peer}). */
    public static final String DOMAIN = "peer.mssante-test.fr";
    public static final String DR_DURAND = "dr.durand@" + DOMAIN;
    /** The first operator's demo domains. */
    public static final List<String> OPERATOR_DOMAINS = List.of("hopital-demo.mssante.fr", "clinique-autre.mssante.fr");

    private DemoPeer() {
    }
}
