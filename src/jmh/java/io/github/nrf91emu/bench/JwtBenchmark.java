package io.github.nrf91emu.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.bc.BouncyCastleProviderSingleton;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.nrf91emu.Modem;
import io.github.nrf91emu.crypto.P256Keys;
import io.github.nrf91emu.device.DeviceIdentity;
import io.github.nrf91emu.keystore.CredentialType;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Tokens per second: {@code AT%JWT=0,3600,"ClientAuth","urn:server"} run through {@link
 * Modem#execute(String)}, from the command line in to the response text out, signed by the device
 * identity key or by a client key stored at a sec_tag, against nimbus-jose-jwt making a token with
 * the same header members and claims, signed by its {@link ECDSASigner} with the Bouncy Castle
 * provider.
 *
 * <p>Both make a fresh {@code jti} of 16 random bytes and read the clock for {@code iat} on every
 * token. Ours parses the AT line, builds the JSON, signs with a deterministic RFC 6979 nonce and
 * formats the response; nimbus builds its claims set and header objects, serializes them to JSON
 * and signs with a random nonce.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
public class JwtBenchmark {
    private static final String LINE = "AT%JWT=0,3600,\"ClientAuth\",\"urn:server\"";

    /** A client key stored with AT%CMNG, as host tools store one. */
    private static final long SEC_TAG = 16842753;

    private static final String STORED_KEY_LINE =
            "AT%JWT=0,3600,\"ClientAuth\",\"urn:server\"," + SEC_TAG + ",2";

    private Modem modem;
    private ECDSASigner nimbusSigner;
    private JWSHeader nimbusHeader;
    private String issuer;
    private String jwtIdPrefix;
    private final SecureRandom random = new SecureRandom();

    @Setup
    public void setUp() throws Exception {
        modem =
                Modem.builder()
                        .credential(
                                SEC_TAG,
                                CredentialType.CLIENT_PRIVATE_KEY,
                                P256Keys.generate(new SecureRandom()).privateKey())
                        .build();
        DeviceIdentity identity = modem.identity();
        issuer = identity.issuer();
        jwtIdPrefix = identity.model().modelName() + "." + identity.firmwareUuid() + ".";

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        nimbusSigner = new ECDSASigner((ECPrivateKey) pair.getPrivate());
        nimbusSigner.getJCAContext().setProvider(BouncyCastleProviderSingleton.getInstance());
        nimbusHeader =
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .type(JOSEObjectType.JWT)
                        .keyID(identity.keyId())
                        .build();

        if (!modem.execute(LINE).endsWith("\r\nOK\r\n")
                || !modem.execute(STORED_KEY_LINE).endsWith("\r\nOK\r\n")
                || nimbus().split("\\.").length != 3) {
            throw new IllegalStateException("benchmark set-up made no token");
        }
    }

    @Benchmark
    public String oursAtJwt() {
        return modem.execute(LINE);
    }

    /**
     * Makes the same token signed by the client key at {@link #SEC_TAG}. The key is parsed from its
     * PEM on the first use and kept until the item changes, so this measures the cached path.
     */
    @Benchmark
    public String oursAtJwtStoredKey() {
        return modem.execute(STORED_KEY_LINE);
    }

    @Benchmark
    public String nimbusBouncyCastle() throws JOSEException {
        return nimbus();
    }

    private String nimbus() throws JOSEException {
        byte[] jti = new byte[16];
        random.nextBytes(jti);
        long now = System.currentTimeMillis() / 1000;
        JWTClaimsSet claims =
                new JWTClaimsSet.Builder()
                        .issuer(issuer)
                        .jwtID(jwtIdPrefix + HexFormat.of().formatHex(jti))
                        .issueTime(new Date(now * 1000))
                        .expirationTime(new Date((now + 3600) * 1000))
                        .subject("ClientAuth")
                        .audience("urn:server")
                        .build();
        SignedJWT jwt = new SignedJWT(nimbusHeader, claims);
        jwt.sign(nimbusSigner);
        return jwt.serialize();
    }
}
