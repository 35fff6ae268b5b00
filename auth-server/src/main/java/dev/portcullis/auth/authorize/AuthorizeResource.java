package dev.portcullis.auth.authorize;

import dev.portcullis.auth.cimd.ClientMetadataDocuments;
import dev.portcullis.auth.cimd.FetchUnavailable;
import dev.portcullis.auth.cimd.MetadataDocumentFetcher;
import dev.portcullis.auth.client.Client;
import dev.portcullis.auth.config.PortcullisConfig;
import dev.portcullis.auth.config.Resources;
import dev.portcullis.auth.crypto.RandomTokens;
import dev.portcullis.auth.error.PageProblem;
import dev.portcullis.auth.web.BrowserForms;
import dev.portcullis.common.oauth.OAuthError;
import dev.portcullis.common.oauth.Pkce;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.RestCookie;

/**
 * The authorization endpoint (OAuth 2.1 §4.1.1). Client and redirect URI are checked first and answered with an
 * error page, never a redirect (§4.1.2.1); everything else is answered at the validated redirect URI. A valid
 * request is stored and the browser shown the sign-in page, or the consent page if it is already signed in.
 *
 * <p>When {@code scope} is absent, the client's registered scope applies, else every supported scope except
 * {@code offline_access} (OAuth 2.1 §3.2.2.1 lets the server choose a documented default).
 */
@Path("/authorize")
public class AuthorizeResource {

    private static final Set<String> SINGLE_VALUED = Set.of("client_id", "redirect_uri", "response_type", "state",
            "scope", "code_challenge", "code_challenge_method", "resource", "prompt");
    /** OpenID Connect Core §3.1.2.6: the user must sign in, but prompt=none forbids showing a page. */
    static final String LOGIN_REQUIRED = "login_required";
    /** OpenID Connect Core §3.1.2.6: consent is needed, but prompt=none forbids showing a page. */
    static final String CONSENT_REQUIRED = "consent_required";

    @Inject
    PortcullisConfig config;

    @Inject
    Resources resources;

    @Inject
    RandomTokens random;

    @Inject
    Clock clock;

    @Inject
    AuthorizationResponses responses;

    @Inject
    SignInSessions sessions;

    @Inject
    ConsentPage consentPage;

    @Inject
    Consents consents;

    @Inject
    ClientMetadataDocuments documents;

    @Inject
    AuthorizationCodes codes;

    @Inject
    SignInPage signInPage;

    @GET
    @Transactional
    public Response authorize(@Context UriInfo uri, @RestCookie(SignInSessions.COOKIE) String sessionCookie,
            @RestCookie(BrowserForms.PRE_SESSION_COOKIE) String preSessionCookie) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String clientId = single(query, "client_id");
        String redirectUri = single(query, "redirect_uri");
        Client client = client(clientId);
        if (redirectUri == null || !client.hasRedirectUri(redirectUri)) {
            // OAuth 2.1 §4.1.2.1: missing or unregistered redirect URI, do not redirect
            throw new PageProblem("The redirect address (redirect_uri) is not registered for this application.");
        }
        String state = query.getFirst("state");
        for (String name : SINGLE_VALUED) {
            if (single(query, name) == null && query.containsKey(name)) {
                // OAuth 2.1 §3.1: parameters must not be repeated (RFC 8707 §2 would allow several resources)
                String error = name.equals("resource") ? OAuthError.INVALID_TARGET : OAuthError.INVALID_REQUEST;
                return redirectError(redirectUri, error, "Repeated parameter: " + name, state);
            }
        }
        String responseType = query.getFirst("response_type");
        if (responseType == null) {
            // OAuth 2.1 §4.1.2.1 invalid_request
            return redirectError(redirectUri, OAuthError.INVALID_REQUEST, "response_type is required", state);
        }
        if (!"code".equals(responseType)) {
            // OAuth 2.1 §4.1.2.1 unsupported_response_type
            return redirectError(redirectUri, OAuthError.UNSUPPORTED_RESPONSE_TYPE, "Only response_type=code is supported", state);
        }
        String challenge = query.getFirst("code_challenge");
        if (challenge == null) {
            // OAuth 2.1 §4.1.2.1: PKCE is required of every client
            return redirectError(redirectUri, OAuthError.INVALID_REQUEST, "code_challenge is required", state);
        }
        if (!Pkce.METHOD_S256.equals(query.getFirst("code_challenge_method"))) {
            // OAuth 2.1 §4.1.2.1, RFC 7636 §4.4.1: only S256; "plain" (or the implied default) is refused
            return redirectError(redirectUri, OAuthError.INVALID_REQUEST, "code_challenge_method must be S256", state);
        }
        if (!Pkce.isValidChallenge(challenge)) {
            // RFC 7636 §4.4.1 invalid_request
            return redirectError(redirectUri, OAuthError.INVALID_REQUEST, "code_challenge is malformed", state);
        }
        String resource = query.getFirst("resource");
        if (resource == null) {
            // RFC 8707 §2: this server requires the resource indicator
            return redirectError(redirectUri, OAuthError.INVALID_REQUEST, "resource is required", state);
        }
        if (!resources.serves(resource)) {
            // RFC 8707 §2 invalid_target
            return redirectError(redirectUri, OAuthError.INVALID_TARGET, "Unknown resource", state);
        }
        List<String> scopes = query.getFirst("scope") == null
                ? resources.allowed(resource, defaultScopes(client))
                : Scopes.parse(query.getFirst("scope"));
        if (scopes.isEmpty() || !resources.allowsAll(resource, scopes) || beyondRegistration(client, scopes)) {
            // OAuth 2.1 §4.1.2.1 invalid_scope: unknown, beyond what the client registered (RFC 7591 §2) or beyond
            // what the resource accepts (portcullis.resource-scopes)
            return redirectError(redirectUri, OAuthError.INVALID_SCOPE,
                    "Unknown, empty or unregistered scope, or one this resource does not accept", state);
        }
        List<String> prompts = Scopes.parse(query.getFirst("prompt"));
        if (prompts.contains("none") && prompts.size() > 1) {
            // OpenID Connect Core §3.1.2.1: none must not be combined with other values
            return redirectError(redirectUri, OAuthError.INVALID_REQUEST, "prompt=none cannot be combined", state);
        }

        AuthorizationRequest request = new AuthorizationRequest();
        request.id = random.next();
        request.csrfToken = random.next();
        request.clientId = client.clientId;
        request.redirectUri = redirectUri;
        request.state = state;
        request.codeChallenge = challenge;
        request.scope = Scopes.format(scopes);
        request.resource = resource;
        request.prompt = prompts.contains("consent") ? "consent" : null;
        request.createdAt = clock.instant();
        request.expiresAt = request.createdAt.plus(config.authorize().requestLifetime());

        var session = prompts.contains("login") ? Optional.<SignInSession>empty() : sessions.find(sessionCookie);
        if (session.isEmpty()) {
            if (prompts.contains("none")) {
                // OpenID Connect Core §3.1.2.6 login_required
                return redirectError(redirectUri, LOGIN_REQUIRED, "The user is not signed in", state);
            }
            request.persist();
            return signInPage.show(request, client, preSessionCookie, null, null, 200).build();
        }
        request.userId = session.get().userId;
        request.authTime = session.get().authenticatedAt;
        if (request.prompt == null && consents.covers(request.userId, client.clientId, resource, request.scope)) {
            // Remembered consent: straight back to the client with a code (OAuth 2.1 §4.1.2)
            return responses.code(Response.Status.FOUND, redirectUri, codes.issue(request), state);
        }
        if (prompts.contains("none")) {
            // OpenID Connect Core §3.1.2.6 consent_required
            return redirectError(redirectUri, CONSENT_REQUIRED, "The user has not approved this access", state);
        }
        request.persist();
        return consentPage.show(request, client, sessionCookie, null);
    }

    /** The registered client, or the one its Client ID Metadata Document describes; else an error page. */
    private Client client(String clientId) {
        if (ClientMetadataDocuments.isDocumentUrl(clientId)) {
            try {
                return documents.resolve(clientId);
            } catch (FetchUnavailable e) {
                // RFC 6585 §4 / RFC 9110 §15.6.4: a fetch limit says "later"; an error page, do not redirect
                throw e.pageProblem();
            } catch (MetadataDocumentFetcher.FetchRefused e) {
                // OAuth 2.1 §4.1.2.1: the client cannot be established, do not redirect
                throw new PageProblem("The application's metadata document cannot be used: " + e.getMessage());
            }
        }
        return Client.findByClientId(clientId).orElseThrow(() ->
                // OAuth 2.1 §4.1.2.1: unknown client, do not redirect
                new PageProblem("The application asking for access (client_id) is not known to this server."));
    }

    /**
     * Whether the request asks for more than the client registered. With open registration anyone could register
     * another client with any scope, so the registered scope vouches for nothing: the user's consent to each scope is
     * the check, and a client may step up (MCP "Scope Challenge Handling") beyond what it first registered, as SDK
     * clients that register with their first challenge's scope do. Where registration needs an initial access token
     * or is off, whoever registered the client vouched for its scope, and it is a limit.
     */
    private boolean beyondRegistration(Client client, List<String> scopes) {
        return client.scope != null && config.registration().mode() != PortcullisConfig.RegistrationMode.OPEN
                && !Scopes.parse(client.scope).containsAll(scopes);
    }

    private List<String> defaultScopes(Client client) {
        if (client.scope != null) {
            return Scopes.parse(client.scope);
        }
        return config.scopes().stream().filter(s -> !Scopes.OFFLINE_ACCESS.equals(s)).toList();
    }

    private Response redirectError(String redirectUri, String error, String description, String state) {
        return responses.error(Response.Status.FOUND, redirectUri, error, description, state);
    }

    /** The parameter's only value, or null when absent or repeated. */
    private static String single(MultivaluedMap<String, String> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
