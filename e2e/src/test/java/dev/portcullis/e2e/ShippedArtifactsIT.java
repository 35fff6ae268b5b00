package dev.portcullis.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped applications (each module's target/quarkus-app: what bin/, the deploy/ images and users run) hold no
 * conformance fixture and no configuration, in any profile, that lets /mcp be used without authorization (DESIGN.md
 * rule 11). The fixtures live in conformance/server and conformance/client, which are never shipped.
 *
 * <p>Our own files (the application jar, Quarkus's generated classes and recorded configuration, the launcher, our
 * libraries in lib/) must not mention "conformance" at all, in entry names or contents; third-party jars may (some
 * do, in their own words), but must not carry classes of ours.
 */
class ShippedArtifactsIT {

    private static final Path ROOT = Path.of(System.getProperty("portcullis.root", "..")).toAbsolutePath().normalize();
    private static final byte[] FIXTURE_WORD = "conformance".getBytes(StandardCharsets.US_ASCII);
    /** Fixture classes whose names and contents do not say "conformance" (conformance/client). */
    private static final List<String> FIXTURE_CLASSES = List.of("HeadlessBrowser");
    private static final Pattern MCP_PERMISSION_POLICY =
            Pattern.compile("(%[^.]+\\.)?quarkus\\.http\\.auth\\.permission\\.([^.]+)\\.policy");

    @ParameterizedTest
    @ValueSource(strings = {"auth-server", "mcp-server", "mcp-client"})
    void noConformanceFixtureInTheShippedApplication(String module) throws IOException {
        Path app = packaged(module);
        List<String> found = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                scanned++;
                String name = app.relativize(file).toString();
                boolean ours = !name.startsWith("lib/") || file.getFileName().toString().startsWith("dev.portcullis.");
                if (name.endsWith(".jar")) {
                    scanJar(file, name, ours, found);
                } else if (mentionsFixture(Files.readAllBytes(file))) {
                    found.add(name);
                }
            }
        }
        assertTrue(scanned > 3, module + ": only " + scanned + " files in " + app);
        assertEquals(List.of(), found, module + ": conformance fixtures in " + app);
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth-server", "mcp-server", "mcp-client"})
    void noProfileTurnsAuthorizationOff(String module) throws IOException {
        Properties config = applicationProperties(module);
        List<String> found = new ArrayList<>();
        for (String key : config.stringPropertyNames()) {
            String value = config.getProperty(key).trim();
            if (key.matches("(%[^.]+\\.)?quarkus\\.oidc\\.(tenant-)?enabled") && value.equalsIgnoreCase("false")) {
                found.add(key + "=" + value);
            }
            Matcher policy = MCP_PERMISSION_POLICY.matcher(key);
            if (policy.matches() && value.equals("permit") && coversMcp(config, policy.group(1), policy.group(2))) {
                found.add(key + "=" + value);
            }
        }
        assertEquals(List.of(), found, module + ": configuration that turns authorization off");
    }

    private static Path packaged(String module) throws IOException {
        Path app = ROOT.resolve(module).resolve("target/quarkus-app");
        assertTrue(Files.isRegularFile(app.resolve("quarkus-run.jar")), module + " is not packaged: " + app);
        return app.toRealPath(); // Files.walk does not enter a start path that is a link
    }

    private static void scanJar(Path jar, String name, boolean ours, List<String> found) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue; // holds nothing (a stale empty one can outlive a move in an incremental build)
                }
                String entryName = entry.getName();
                boolean fixture = ours
                        ? entryName.toLowerCase(Locale.ROOT).contains("conformance")
                                || FIXTURE_CLASSES.stream().anyMatch(entryName::contains) || mentionsFixture(zip, entry)
                        : entryName.startsWith("dev/portcullis/");
                if (fixture) {
                    found.add(name + "!/" + entryName);
                }
            }
        }
    }

    private static boolean mentionsFixture(ZipFile zip, ZipEntry entry) {
        try (InputStream in = zip.getInputStream(entry)) {
            return mentionsFixture(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the bytes hold "conformance" in any letter case (class files keep names and strings as UTF-8). */
    static boolean mentionsFixture(byte[] bytes) {
        outer:
        for (int i = 0; i <= bytes.length - FIXTURE_WORD.length; i++) {
            for (int j = 0; j < FIXTURE_WORD.length; j++) {
                if ((bytes[i + j] | 0x20) != FIXTURE_WORD[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** application.properties of the module's own jar in the packaged application. */
    private static Properties applicationProperties(String module) throws IOException {
        Path jar;
        try (Stream<Path> jars = Files.list(packaged(module).resolve("app"))) {
            jar = jars.filter(p -> p.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
        }
        Properties config = new Properties();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry("application.properties");
            assertTrue(entry != null, "no application.properties in " + jar);
            try (InputStream in = zip.getInputStream(entry)) {
                config.load(in);
            }
        }
        return config;
    }

    /** Whether the named permission (in that profile, else unprofiled) covers /mcp. */
    private static boolean coversMcp(Properties config, String profile, String permission) {
        String key = "quarkus.http.auth.permission." + permission + ".paths";
        String paths = profile == null ? config.getProperty(key)
                : config.getProperty(profile + key, config.getProperty(key));
        if (paths == null) {
            return false;
        }
        for (String path : paths.split(",")) {
            String p = path.trim();
            if (p.equals("/*") || p.equals("/mcp") || p.startsWith("/mcp/") || p.equals("/")) {
                return true;
            }
        }
        return false;
    }
}
