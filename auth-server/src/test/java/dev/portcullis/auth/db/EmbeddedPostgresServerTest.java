package dev.portcullis.auth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL lets no one in without a password, the application in only as a role that cannot read the
 * server's files or run programs, and upgrades data directories made by earlier versions (trust, everything owned by
 * {@code postgres}) with nothing lost.
 */
class EmbeddedPostgresServerTest {

    /** SQLSTATE invalid_password: the server checked a password and refused it. */
    private static final String INVALID_PASSWORD = "28P01";
    /** pgjdbc's connection_rejected: the server asked for a password (SCRAM) and the client had none. */
    private static final String NO_PASSWORD_GIVEN = "08004";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    @TempDir
    Path dir;

    @Test
    void everyConnectionNeedsThePasswordAndTheApplicationIsNoSuperuser() throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, false)) {
            var layout = server.layout();
            int port = server.port();
            String superuserPassword = Files.readString(layout.superuserPasswordFile());
            String appPassword = Files.readString(layout.appPasswordFile());
            assertTrue(superuserPassword.length() >= 43 && appPassword.length() >= 43, "256-bit passwords");
            assertNotEquals(superuserPassword, appPassword);
            assertOwnerOnly(layout.superuserPasswordFile());
            assertOwnerOnly(layout.appPasswordFile());
            assertFalse(layout.superuserPasswordFile().startsWith(data), "password files beside the data, not in it");

            assertRefused(port, "postgres", null, NO_PASSWORD_GIVEN);
            assertRefused(port, "postgres", "postgres", INVALID_PASSWORD);
            assertRefused(port, "postgres", appPassword, INVALID_PASSWORD);
            assertRefused(port, "portcullis", null, NO_PASSWORD_GIVEN);
            assertRefused(port, "portcullis", "", NO_PASSWORD_GIVEN);
            assertRefused(port, "portcullis", superuserPassword, INVALID_PASSWORD);
            assertRefused(port, "nobody", "x", INVALID_PASSWORD);

            assertNoTrust(data);
            try (Connection superuser = connect(port, "postgres", superuserPassword)) {
                assertEquals("", show(superuser, "unix_socket_directories"), "no Unix socket at all");
                assertEquals("localhost", show(superuser, "listen_addresses"));
                assertEquals("scram-sha-256", show(superuser, "password_encryption"));
            }
            assertFalse(Files.exists(Path.of("/tmp/.s.PGSQL." + port)), "no socket in /tmp");
            assertAppRoleIsConfined(port, appPassword);
            assertApplicationWorks(server.jdbcUrl(), appPassword);
            if (canActAsAnotherOsUser()) {
                assertOtherOsUserRefused(port);
            }
        }
    }

    @Test
    void aRestartKeepsThePasswordsAndPutsBackWhatWasLoosened() throws Exception {
        Path data = dir.resolve("postgres");
        String appPassword;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, true)) {
            appPassword = Files.readString(server.layout().appPasswordFile());
            assertApplicationWorks(server.jdbcUrl(), appPassword);
        }
        // someone loosened things while it was stopped
        Files.writeString(data.resolve("pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        Files.setPosixFilePermissions(dir.resolve("postgres.portcullis-password"), PosixFilePermissions.fromString("rw-r--r--"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, true)) {
            assertFalse(server.upgraded());
            assertEquals(appPassword, Files.readString(server.layout().appPasswordFile()));
            assertOwnerOnly(server.layout().appPasswordFile());
            assertNoTrust(data);
            assertRefused(server.port(), "postgres", null, NO_PASSWORD_GIVEN);
            assertApplicationWorks(server.jdbcUrl(), appPassword);
            assertTrue(Files.size(server.layout().serverLog()) > 0, "PostgreSQL's own log beside its data");
        }
    }

    @Test
    void aDataDirectoryMadeByAnEarlierVersionIsUpgradedWithNothingLost() throws Exception {
        Path data = dir.resolve("postgres");
        // The earlier code path: zonky's defaults (initdb -A trust), the application as postgres in database postgres
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).setServerConfig("synchronous_commit", "on").start()) {
            String url = old.getJdbcUrl("postgres", "postgres");
            Flyway.configure().dataSource(url, "postgres", null).locations("classpath:db/migration").load().migrate();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("INSERT INTO users (id, username, password_hash, created_at) "
                        + "VALUES (gen_random_uuid(), 'bob', 'hash-of-bob', now())");
                // objects of every kind the hand-over must cover, beyond what the migrations make today
                s.execute("CREATE TABLE notes (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)");
                s.execute("CREATE TABLE tags (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT)");
                s.execute("INSERT INTO notes (body) VALUES ('first'), ('second')");
                s.execute("INSERT INTO tags (name) VALUES ('a')");
                s.execute("CREATE SEQUENCE counters");
                s.execute("SELECT nextval('counters')");
                s.execute("CREATE VIEW note_bodies AS SELECT body FROM notes");
                s.execute("CREATE MATERIALIZED VIEW note_count AS SELECT count(*) AS n FROM notes");
                s.execute("CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql AS 'SELECT 2 * x'");
                s.execute("CREATE TYPE mood AS ENUM ('happy', 'sad')");
                s.execute("CREATE DOMAIN positive AS int CHECK (VALUE > 0)");
                s.execute("CREATE TYPE pair AS (a int, b int)");
            }
        }
        assertFalse(Files.exists(dir.resolve("postgres.superuser-password")));
        assertTrue(Files.readString(data.resolve("pg_hba.conf")).lines().anyMatch(l -> l.matches("^host.*trust\\s*$")),
                "the earlier version trusted everyone");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, true)) {
            assertTrue(server.upgraded());
            int port = server.port();
            var layout = server.layout();
            assertOwnerOnly(layout.superuserPasswordFile());
            assertOwnerOnly(layout.appPasswordFile());
            assertNoTrust(data);
            assertRefused(port, "postgres", null, NO_PASSWORD_GIVEN);
            assertRefused(port, "postgres", "postgres", INVALID_PASSWORD);
            if (canActAsAnotherOsUser()) {
                assertOtherOsUserRefused(port);
            }
            String appPassword = Files.readString(layout.appPasswordFile());
            try (Connection app = connect(port, "portcullis", appPassword); Statement s = app.createStatement()) {
                assertEquals(List.of("bob"), strings(s, "SELECT username FROM users"));
                assertEquals(List.of("first", "second"), strings(s, "SELECT body FROM note_bodies ORDER BY body"));
                s.execute("INSERT INTO notes (body) VALUES ('third')");
                s.execute("INSERT INTO tags (name) VALUES ('b')");
                assertEquals(List.of("2"), strings(s, "SELECT nextval('counters')::text"));
                s.execute("REFRESH MATERIALIZED VIEW note_count");
                assertEquals(List.of("3"), strings(s, "SELECT n::text FROM note_count"));
                assertEquals(List.of("4"), strings(s, "SELECT twice(2)::text"));
                s.execute("ALTER TYPE mood ADD VALUE 'calm'");
                s.execute("ALTER DOMAIN positive SET NOT NULL");
                s.execute("ALTER TYPE pair ADD ATTRIBUTE c int");
                assertEquals(List.of(), strings(s, """
                        SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
                           AND c.relowner <> 'portcullis'::regrole
                        UNION ALL SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                           AND p.proowner <> 'portcullis'::regrole
                        UNION ALL SELECT 'schema' FROM pg_namespace WHERE nspname = 'public'
                           AND nspowner <> 'portcullis'::regrole"""), "everything in public handed over");
            }
            assertAppRoleIsConfined(port, appPassword);
            // Flyway as the application: its history survived and nothing is pending or failing
            var flyway = Flyway.configure().dataSource(server.jdbcUrl(), "portcullis", appPassword)
                    .locations("classpath:db/migration").load();
            flyway.validate();
            assertEquals(0, flyway.migrate().migrationsExecuted);
        }
        // and the next start is an ordinary one
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, true)) {
            assertFalse(server.upgraded());
            assertApplicationWorks(server.jdbcUrl(), Files.readString(server.layout().appPasswordFile()));
        }
    }

    @Test
    void aSecondStartOnTheSameDataConnectsToTheRunningServer() throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, false)) {
            String appPassword = Files.readString(first.layout().appPasswordFile());
            try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data, false)) {
                assertTrue(second.attached());
                assertFalse(first.attached());
                assertEquals(first.port(), second.port());
                assertEquals(first.jdbcUrl(), second.jdbcUrl());
                assertApplicationWorks(second.jdbcUrl(), appPassword);
            }
            // closing the one that only connected leaves the server running
            assertApplicationWorks(first.jdbcUrl(), appPassword);
        }
    }

    @Test
    void anotherOsUserWithPsqlIsRefused() throws Exception {
        assumeTrue(canActAsAnotherOsUser(), "needs root (to become nobody), runuser and /usr/bin/psql");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("postgres"), false)) {
            assertOtherOsUserRefused(server.port());
        }
    }

    @Test
    void theBinariesLiveInADirectoryOnlyThisUserCanEnter() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir.resolve("postgres"), false)) {
            Path zonky = Path.of(System.getProperty("ot.epg.working-dir"));
            assertTrue(Files.isDirectory(zonky));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(zonky.getParent())),
                    "zonky makes its working directory writable by all; its parent keeps everyone else out");
        }
    }

    // ---- helpers ----

    private static void assertOwnerOnly(Path file) throws IOException {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
    }

    private static void assertNoTrust(Path data) throws IOException {
        List<String> rules = Files.readAllLines(data.resolve("pg_hba.conf")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertFalse(rules.isEmpty());
        for (String rule : rules) {
            assertTrue(rule.endsWith("scram-sha-256"), "every rule asks for a password: " + rule);
            assertFalse(rule.contains("trust") || rule.contains("replication"), rule);
        }
    }

    private static void assertRefused(int port, String user, String password, String sqlState) {
        SQLException e = assertThrows(SQLException.class, () -> connect(port, user, password).close(),
                user + " got in with password " + (password == null ? "none" : "'" + password.length() + " chars'"));
        assertEquals(sqlState, e.getSQLState(), e.getMessage());
    }

    private static void assertAppRoleIsConfined(int port, String appPassword) throws SQLException {
        try (Connection app = connect(port, "portcullis", appPassword); Statement s = app.createStatement()) {
            assertEquals(List.of("portcullis false false false false"), strings(s,
                    "SELECT current_user || ' ' || rolsuper || ' ' || rolcreatedb || ' ' || rolcreaterole || ' ' "
                            + "|| rolreplication FROM pg_roles WHERE rolname = current_user"));
            assertEquals(List.of(), strings(s, "SELECT roleid::regrole::text FROM pg_auth_members "
                    + "WHERE member = 'portcullis'::regrole"), "member of no role");
            for (String role : List.of("pg_read_server_files", "pg_write_server_files", "pg_execute_server_program")) {
                assertEquals(List.of("false"), strings(s, "SELECT pg_has_role('" + role + "', 'USAGE')::text"), role);
            }
            app.setAutoCommit(true);
            for (String attack : List.of(
                    "SELECT pg_read_file('PG_VERSION')",
                    "SELECT pg_ls_dir('.')",
                    "COPY (SELECT 1) TO PROGRAM 'id'",
                    "COPY (SELECT 1) TO '/tmp/portcullis-copy-test'",
                    "CREATE TEMP TABLE loot (l text); COPY loot FROM '/etc/passwd'",
                    "SELECT lo_import('/etc/passwd')",
                    "CREATE ROLE intruder SUPERUSER",
                    "ALTER ROLE portcullis SUPERUSER",
                    "CREATE DATABASE other")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(attack), attack);
                assertEquals(INSUFFICIENT_PRIVILEGE, e.getSQLState(), attack + ": " + e.getMessage());
            }
        }
    }

    /** What Flyway and the application do: create, alter, write and read tables in schema public. */
    private static void assertApplicationWorks(String jdbcUrl, String appPassword) throws SQLException {
        assertTrue(jdbcUrl.contains("user=portcullis"), jdbcUrl);
        Properties credentials = new Properties();
        credentials.setProperty("password", appPassword);
        try (Connection app = DriverManager.getConnection(jdbcUrl, credentials); Statement s = app.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS probe (id INT PRIMARY KEY)");
            s.execute("ALTER TABLE probe SET (fillfactor = 70)");
            s.execute("INSERT INTO probe VALUES (1) ON CONFLICT DO NOTHING");
            assertEquals(List.of("1"), strings(s, "SELECT id::text FROM probe"));
        }
    }

    /**
     * Another OS user with the PostgreSQL client cannot get in as the superuser (the earlier version let anyone in).
     * Needs root (to become nobody), runuser and psql; skipped elsewhere.
     */
    private static void assertOtherOsUserRefused(int port) throws Exception {
        for (String host : List.of("127.0.0.1", "localhost")) {
            List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--", "/usr/bin/psql", "-w",
                    "-h", host, "-p", String.valueOf(port), "-U", "postgres", "-d", "postgres", "-c", "select 1"));
            Process psql = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(psql.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, psql.exitValue(), "psql as nobody got in: " + output);
            assertTrue(output.contains("no password supplied") || output.contains("password authentication failed"),
                    output);
        }
    }

    private static boolean canActAsAnotherOsUser() {
        return "root".equals(System.getProperty("user.name"))
                && (Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")))
                && Files.isExecutable(Path.of("/usr/bin/psql"));
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", properties);
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement()) {
            return strings(s, "SHOW " + setting).get(0);
        }
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
