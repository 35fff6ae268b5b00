package dev.portcullis.auth.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/**
 * Compact JWS serialisation (RFC 7515 §7.1) straight on the JCA: RS256 (RSASSA-PKCS1-v1_5), ES256 (ECDSA P-256 with
 * the fixed-width R||S signature RFC 7518 §3.4 requires) and EdDSA (Ed25519, RFC 8037). The encoded header is
 * computed once per key and type; the only per-token cost is the signature itself, made by the key's own provider
 * ({@link SignatureProviders}).
 *
 * <p>Why not jose4j's {@code JsonWebSignature} (on the class path, and it makes the same bytes: same header JSON,
 * byte-identical RS256 and EdDSA tokens): its {@code ProviderContext} names the signing provider by string only
 * ({@code Signature.getInstance(algorithm, name)}), so signing with AWS-LC through it needs the Amazon Corretto
 * Crypto Provider registered JVM-wide, which {@link SignatureProviders} avoids on purpose. Speed is no reason either
 * way: measured December 2026 (JDK 17.0.15, ACCP 2.5.0, RSA-2048, the same key object and claims, 200,000
 * signatures per signer after warm-up on 2 threads, in 20 interleaved chunks, on an otherwise idle 2-core machine),
 * jose4j took 1–6% more CPU per signature (352 vs 354–374 µs; its own base64url codec and per-token header JSON)
 * and signed 5,270–5,440 tokens/s against 5,405–5,494; ES256 and EdDSA on the JDK (on a busy machine) were within
 * 5% too.
 */
public final class JwsSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** Encoded headers by kid and type: each rotation adds one, so the bound keeps a long-lived replica's few. */
    private static final Cache<String, String> HEADERS = Caffeine.newBuilder().maximumSize(64).build();

    private JwsSigner() {
    }

    public static String sign(SigningKeys.LoadedKey key, String type, byte[] payloadJson) {
        String header = HEADERS.get(key.kid() + " " + type, k -> BASE64URL.encodeToString(
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
