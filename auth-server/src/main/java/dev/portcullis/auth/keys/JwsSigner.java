package dev.portcullis.auth.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compact JWS serialisation (RFC 7515 §7.1) straight on the JCA: RS256 (RSASSA-PKCS1-v1_5), ES256 (ECDSA P-256 with
 * the fixed-width R||S signature RFC 7518 §3.4 requires) and EdDSA (Ed25519, RFC 8037). The encoded header is
 * computed once per key and type; the only per-token cost is the signature itself, made by the key's own provider
 * ({@link SignatureProviders}).
 */
public final class JwsSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Map<String, String> HEADERS = new ConcurrentHashMap<>();

    private JwsSigner() {
    }

    public static String sign(SigningKeys.LoadedKey key, String type, byte[] payloadJson) {
        String header = HEADERS.computeIfAbsent(key.kid() + " " + type, k -> BASE64URL.encodeToString(
                ("{\"alg\":\"" + key.algorithm() + "\",\"typ\":\"" + type + "\",\"kid\":\"" + key.kid() + "\"}")
                        .getBytes(StandardCharsets.UTF_8)));
        String signingInput = header + "." + BASE64URL.encodeToString(payloadJson);
        try {
            String algorithm = jcaAlgorithm(key.algorithm());
            Signature signature = key.signatureProvider().isPresent()
                    ? Signature.getInstance(algorithm, key.signatureProvider().get())
                    : Signature.getInstance(algorithm);
            signature.initSign(key.privateKey());
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with key " + key.kid(), e);
        }
    }

    static String jcaAlgorithm(String jwsAlgorithm) {
        return switch (jwsAlgorithm) {
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "EdDSA" -> "Ed25519";
            default -> "SHA256withRSA";
        };
    }
}
