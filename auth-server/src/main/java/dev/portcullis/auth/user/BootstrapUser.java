package dev.portcullis.auth.user;

import dev.portcullis.auth.config.PortcullisConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Creates the user named by {@code portcullis.bootstrap.username}/{@code .password} at start when it does not
 * exist yet. The dev and test profiles configure the demo user alice/alice; production passes
 * PORTCULLIS_BOOTSTRAP_USERNAME/PORTCULLIS_BOOTSTRAP_PASSWORD or creates no user.
 */
@ApplicationScoped
public class BootstrapUser {

    private static final Logger LOG = Logger.getLogger(BootstrapUser.class);

    @Inject
    PortcullisConfig config;

    @Inject
    Passwords passwords;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        String username = config.bootstrap().username().map(String::trim).orElse("");
        String password = config.bootstrap().password().orElse("");
        if (username.isEmpty() || password.isEmpty()) {
            return;
        }
        // replicas starting together on one database: the first creates the user, the others wait here, then see it
        User.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext('portcullis.bootstrap-user'))) AS locked")
                .getSingleResult();
        if (User.findByUsername(username).isEmpty()) {
            passwords.create(username, password);
            LOG.infof("Created bootstrap user '%s'", username);
        }
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            // Demo credentials from application.properties (dev/test only); never logged in production.
            LOG.infof("Demo user: %s / %s", username, password);
        }
    }
}
