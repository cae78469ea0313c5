package fr.mssante.ejb.relay.route;

import fr.mssante.ejb.relay.smtp.HostAndPort;
import fr.mssante.ejb.relay.smtp.SmtpFailure;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutesTest {

    /** A DNS of fixed answers; an unknown domain is NXDOMAIN. */
    private record FakeDns(Map<String, List<MxRecord>> mx, Set<String> withAddress, boolean broken) implements MxResolver {
        @Override
        public List<MxRecord> mx(String domain) throws DnsFailure {
            if (broken) {
                throw new DnsFailure("SERVFAIL", false, null);
            }
            if (!mx.containsKey(domain) && !withAddress.contains(domain)) {
                throw new DnsFailure(domain + ": no such domain", true, null);
            }
            return mx.getOrDefault(domain, List.of());
        }

        @Override
        public boolean hasAddress(String domain) {
            return withAddress.contains(domain);
        }
    }

    private static final FakeDns DNS = new FakeDns(Map.of(
            "operator-b.fr", List.of(new MxRecord(20, "mx2.operator-b.fr"), new MxRecord(10, "mx1.operator-b.fr"),
                    new MxRecord(20, "mx3.operator-b.fr")),
            "nomail.fr", List.of(new MxRecord(0, "")),
            "hostonly.fr", List.of()), Set.of("hostonly.fr", "mx1.operator-b.fr"), false);

    private static Routes routes(String transport, MxResolver dns) {
        return new Routes(TransportMap.parse(transport, "mssante.relay.transport"), dns, l -> { });
    }

    @Test
    void theTransportMapComesBeforeDns() throws Exception {
        Routes routes = routes("peer.mssante-test.fr=127.0.0.1:2525, operator-b.fr=[::1]:25", DNS);

        assertThat(routes.resolve("peer.mssante-test.fr")).containsExactly(new HostAndPort("127.0.0.1", 2525));
        assertThat(routes.resolve("OPERATOR-B.fr")).containsExactly(new HostAndPort("::1", 25));
    }

    @Test
    void theSmartHostTakesEveryDomainWithoutItsOwnRoute() throws Exception {
        Routes routes = routes("*=relay.internal:587,special.fr=10.0.0.1:25", DNS);

        assertThat(routes.resolve("operator-b.fr")).containsExactly(new HostAndPort("relay.internal", 587));
        assertThat(routes.resolve("special.fr")).containsExactly(new HostAndPort("10.0.0.1", 25));
    }

    @Test
    void mxHostsInPreferenceOrderOnPort25() throws Exception {
        assertThat(routes("", DNS).resolve("operator-b.fr")).containsExactly(new HostAndPort("mx1.operator-b.fr", 25),
                new HostAndPort("mx2.operator-b.fr", 25), new HostAndPort("mx3.operator-b.fr", 25));
    }

    @Test
    void equalPreferencesAreShuffledButStayBehindBetterOnes() throws Exception {
        Routes reversing = new Routes(TransportMap.NONE, DNS, Collections::reverse);
        assertThat(reversing.resolve("operator-b.fr")).containsExactly(new HostAndPort("mx1.operator-b.fr", 25),
                new HostAndPort("mx3.operator-b.fr", 25), new HostAndPort("mx2.operator-b.fr", 25));
    }

    @Test
    void withoutMxTheDomainIsItsOwnImplicitMx() throws Exception {
        assertThat(routes("", DNS).resolve("hostonly.fr")).containsExactly(new HostAndPort("hostonly.fr", 25));
    }

    @Test
    void aNullMxIsAPermanentFailure() {
        assertThatThrownBy(() -> routes("", DNS).resolve("nomail.fr")).isInstanceOfSatisfying(SmtpFailure.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.status()).isEqualTo("5.1.10");
        });
    }

    @Test
    void aDomainThatDoesNotExistIsPermanentAndABrokenResolverTemporary() {
        assertThatThrownBy(() -> routes("", DNS).resolve("nowhere.fr")).isInstanceOfSatisfying(SmtpFailure.class, f -> {
            assertThat(f.permanent()).isTrue();
            assertThat(f.status()).isEqualTo("5.1.2");
        });
        FakeDns broken = new FakeDns(Map.of(), Set.of(), true);
        assertThatThrownBy(() -> routes("", broken).resolve("operator-b.fr")).isInstanceOfSatisfying(SmtpFailure.class, f -> {
            assertThat(f.permanent()).isFalse();
            assertThat(f.status()).isEqualTo("4.4.3");
        });
    }

    @Test
    void aMalformedTransportMapNamesTheSetting() {
        assertThatThrownBy(() -> TransportMap.parse("peer.fr=127.0.0.1", "mssante.relay.transport"))
                .hasMessage("mssante.relay.transport: 'peer.fr=127.0.0.1' is not domain=host:port (or *=host:port)");
        assertThatThrownBy(() -> TransportMap.parse("peer.fr=h:99999", "mssante.relay.transport"))
                .hasMessageStartingWith("mssante.relay.transport: 'peer.fr=h:99999'");
        assertThatThrownBy(() -> TransportMap.parse("a.fr=h:25,a.fr=k:25", "mssante.relay.transport"))
                .hasMessage("mssante.relay.transport: a.fr is routed twice");
    }
}
