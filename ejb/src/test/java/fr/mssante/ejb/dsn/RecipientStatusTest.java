package fr.mssante.ejb.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mssante.connector.api.smtp.DsnParameters.Notify;
import fr.mssante.ejb.dsn.RecipientStatus.Action;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** RFC 3461 section 4.1: which events the sender asked to hear about. */
class RecipientStatusTest {

    static boolean wanted(Set<Notify> notify, Action action) {
        return new RecipientStatus("a@b.fr", null, notify, action, "x.0.0", null, null, null, null).wanted();
    }

    @Test
    void withoutNotifyFailuresAndDelaysAreReportedButNotSuccess() {
        assertThat(wanted(Set.of(), Action.FAILED)).isTrue();
        assertThat(wanted(Set.of(), Action.DELAYED)).isTrue();
        assertThat(wanted(Set.of(), Action.DELIVERED)).isFalse();
        assertThat(wanted(Set.of(), Action.RELAYED)).isFalse();
    }

    @Test
    void neverSilencesEverything() {
        for (Action action : Action.values()) {
            assertThat(wanted(Set.of(Notify.NEVER), action)).as(action.name()).isFalse();
        }
    }

    @Test
    void successOnlyReportsDeliveredRelayedAndExpandedButNoFailure() {
        assertThat(wanted(Set.of(Notify.SUCCESS), Action.DELIVERED)).isTrue();
        assertThat(wanted(Set.of(Notify.SUCCESS), Action.RELAYED)).isTrue();
        assertThat(wanted(Set.of(Notify.SUCCESS), Action.EXPANDED)).isTrue();
        assertThat(wanted(Set.of(Notify.SUCCESS), Action.FAILED)).isFalse();
        assertThat(wanted(Set.of(Notify.SUCCESS), Action.DELAYED)).isFalse();
    }

    @Test
    void failureOnlyIsNotToldOfDelays() {
        assertThat(wanted(Set.of(Notify.FAILURE), Action.FAILED)).isTrue();
        assertThat(wanted(Set.of(Notify.FAILURE), Action.DELAYED)).isFalse();
        assertThat(wanted(Set.of(Notify.DELAY, Notify.SUCCESS), Action.DELAYED)).isTrue();
        assertThat(wanted(Set.of(Notify.DELAY, Notify.SUCCESS), Action.FAILED)).isFalse();
    }
}
