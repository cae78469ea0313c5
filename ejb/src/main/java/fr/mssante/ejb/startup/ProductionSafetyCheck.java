package fr.mssante.ejb.startup;

import fr.mssante.connector.api.RunMode;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

import java.util.List;
import java.util.logging.Logger;

/**
 * Refuses the deployment in production mode ({@link RunMode}, the default) when a setting is unsafe
 * ({@link UnsafeSettings}), naming every one of them and the setting that selects development mode.
 * The first startup bean: the schema migration depends on it, and the demo data on the migration, so
 * nothing is written before the check.
 */
@Singleton
@Startup
public class ProductionSafetyCheck {

    private static final Logger LOG = Logger.getLogger(ProductionSafetyCheck.class.getName());

    @PostConstruct
    void check() {
        RunMode mode = RunMode.current();
        List<String> unsafe = new UnsafeSettings(System::getProperty, System::getenv).find();
        if (mode == RunMode.DEVELOPMENT) {
            if (!unsafe.isEmpty()) {
                LOG.warning("Development mode (" + RunMode.PROPERTY + "=development), accepting unsafe settings: "
                        + String.join("; ", unsafe));
            }
            return;
        }
        if (!unsafe.isEmpty()) {
            throw new IllegalStateException(refusal(unsafe));
        }
        LOG.info("Production mode: no unsafe setting found");
    }

    /** The deployment failure's message: every unsafe setting, and how to run for development instead. */
    static String refusal(List<String> unsafe) {
        return "Refusing to start in production mode (" + RunMode.PROPERTY + " / " + RunMode.ENVIRONMENT
                + " unset or 'production') with unsafe settings: " + String.join("; ", unsafe)
                + ". Fix them, or set " + RunMode.PROPERTY + "=development on a development machine (docs/adr/0022).";
    }
}
