package dev.portcullis.auth.authorize;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The Qute engine of the browser pages, used as a library (qute-core) rather than through the Quarkus Qute
 * extension, whose dev-mode-only debugger artifact is not served by the registry this project builds from; with the
 * extension, {@code quarkus:dev} could not start. Templates are read from {@code templates/*.html} on the class
 * path, every one parsed when the class loads (a syntax error fails the start, as the extension's build-time check
 * did), and every value is HTML-escaped. In dev mode an edited template restarts the application
 * ({@code quarkus.live-reload.watched-resources}), as the extension would.
 */
public final class Templates {

    private static final List<String> PAGES = List.of("layout", "signIn", "signInFields", "consent", "error",
            "accountSignIn", "approvedClients");
    private static final Engine ENGINE = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addLocator(Templates::locate)
            .build();

    static {
        PAGES.forEach(ENGINE::getTemplate);
    }

    private Templates() {
    }

    /** Renders {@code templates/<name>.html} with data given as name, value, name, value…; values may be null. */
    public static String render(String name, Object... namesAndValues) {
        Template template = ENGINE.getTemplate(name);
        if (template == null) {
            throw new IllegalStateException("no template " + name);
        }
        var instance = template.instance();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            instance.data((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return instance.render();
    }

    private static Optional<TemplateLocation> locate(String id) {
        String path = "templates/" + id + ".html";
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(new TemplateLocation() {
                @Override
                public Reader read() {
                    return new StringReader(text);
                }

                @Override
                public Optional<Variant> getVariant() {
                    return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}
