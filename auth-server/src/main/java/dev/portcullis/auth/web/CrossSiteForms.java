package dev.portcullis.auth.web;

import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.error.PageProblem;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses cross-site form posts to the browser pages (every POST, and any other unsafe method, under
 * {@link BrowserPaths}), before the form is read: a present {@code Origin} must be the issuer's origin ({@code null},
 * sent by sandboxed frames and privacy-redirected requests, is refused), and a present {@code Sec-Fetch-Site} must be
 * {@code same-origin} or {@code none}. Clients without these headers (curl, tests) are left to the form tokens of
 * {@link BrowserForms}. Answered 403 with the HTML error page.
 */
public class CrossSiteForms {

    private static final Logger LOG = Logger.getLogger(CrossSiteForms.class);
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> ALLOWED_FETCH_SITES = Set.of("same-origin", "none");

    @Inject
    PortcullisConfig config;

    @ServerRequestFilter
    public void refuseCrossSite(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod()) || !BrowserPaths.isBrowserPage(request.getUriInfo().getPath())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        boolean originRefused = origin != null && !origin.equals(origin(config.issuer()));
        boolean siteRefused = fetchSite != null && !ALLOWED_FETCH_SITES.contains(fetchSite.toLowerCase(Locale.ROOT));
        if (originRefused || siteRefused) {
            // CSRF defence (RFC 6749 §10.12, OAuth 2.1 §7.11; Fetch Metadata): the form was posted by another site.
            // The header values are the sender's, not logged.
            LOG.infof("Refused a cross-site %s to %s (%s)", request.getMethod(), request.getUriInfo().getPath(),
                    originRefused ? "Origin is not the issuer's" : "Sec-Fetch-Site is not same-origin");
            throw new PageProblem(403, "This form was sent from another site, so it was refused. "
                    + "Return to the application and try again.");
        }
    }

    /** The ASCII serialization of the issuer's origin (RFC 6454 §6.2): scheme://host[:port], default port omitted. */
    static String origin(String issuer) {
        URI uri = URI.create(issuer);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || "https".equals(scheme) && port == 443 || "http".equals(scheme) && port == 80;
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
