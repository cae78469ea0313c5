package fr.mssante.connector.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {

    private static final String PROPERTY = "mssante.settings-test.some-value";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void environmentNameReplacesDotsAndDashes() {
        assertThat(Settings.environmentName("mssante.relay.peer-trust")).isEqualTo("MSSANTE_RELAY_PEER_TRUST");
    }

    @Test
    void propertyIsStripped() {
        System.setProperty(PROPERTY, "  42 ");
        assertThat(Settings.configured(PROPERTY)).isEqualTo("42");
    }

    @Test
    void blankPropertyCountsAsNotSet() {
        System.setProperty(PROPERTY, "   ");
        assertThat(Settings.configured(PROPERTY)).isNull();
    }

    @Test
    void environmentIsTheFallback() {
        // PATH is set in every test environment: read through an explicit environment name.
        assertThat(Settings.configured(PROPERTY, "PATH")).isEqualTo(System.getenv("PATH").strip());
        System.setProperty(PROPERTY, "from-property");
        assertThat(Settings.configured(PROPERTY, "PATH")).isEqualTo("from-property");
    }

    @Test
    void unsetIsNull() {
        assertThat(Settings.configured(PROPERTY, "MSSANTE_SETTINGS_TEST_NOT_SET_ANYWHERE")).isNull();
    }
}
