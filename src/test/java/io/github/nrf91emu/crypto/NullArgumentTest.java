package io.github.nrf91emu.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public method of the package throws NullPointerException naming a null parameter. */
class NullArgumentTest {
    private static final P256KeyPair PAIR =
            P256Keys.fromSeed("null arguments".getBytes(StandardCharsets.US_ASCII));
    private static final P256PrivateKey PRIVATE = PAIR.privateKey();
    private static final P256PublicKey PUBLIC = PAIR.publicKey();
    private static final byte[] MESSAGE = {1, 2, 3};
    private static final byte[] DIGEST = new byte[32];
    private static final byte[] SIGNATURE = Es256.sign(PRIVATE, MESSAGE);
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Arguments> calls() {
        byte[] coordinate = PUBLIC.x();
        return Stream.of(
                call("Es256.sign key", "key", () -> Es256.sign(null, MESSAGE)),
                call("Es256.sign message", "message", () -> Es256.sign(PRIVATE, null)),
                call("Es256.sign random key", "key", () -> Es256.sign(null, MESSAGE, RANDOM)),
                call(
                        "Es256.sign random message",
                        "message",
                        () -> Es256.sign(PRIVATE, null, RANDOM)),
                call("Es256.sign random", "random", () -> Es256.sign(PRIVATE, MESSAGE, null)),
                call("Es256.signDigest key", "key", () -> Es256.signDigest(null, DIGEST)),
                call("Es256.signDigest digest", "digest", () -> Es256.signDigest(PRIVATE, null)),
                call("Es256.verify key", "key", () -> Es256.verify(null, MESSAGE, SIGNATURE)),
                call(
                        "Es256.verify message",
                        "message",
                        () -> Es256.verify(PUBLIC, null, SIGNATURE)),
                call(
                        "Es256.verify signature",
                        "signature",
                        () -> Es256.verify(PUBLIC, MESSAGE, null)),
                call(
                        "Es256.verifyDigest key",
                        "key",
                        () -> Es256.verifyDigest(null, DIGEST, SIGNATURE)),
                call(
                        "Es256.verifyDigest digest",
                        "digest",
                        () -> Es256.verifyDigest(PUBLIC, null, SIGNATURE)),
                call(
                        "Es256.verifyDigest signature",
                        "signature",
                        () -> Es256.verifyDigest(PUBLIC, DIGEST, null)),
                call("Es256.signDer key", "key", () -> Es256.signDer(null, MESSAGE)),
                call("Es256.signDer message", "message", () -> Es256.signDer(PRIVATE, null)),
                call("Es256.verifyDer key", "key", () -> Es256.verifyDer(null, MESSAGE, SIGNATURE)),
                call(
                        "Es256.verifyDer message",
                        "message",
                        () -> Es256.verifyDer(PUBLIC, null, SIGNATURE)),
                call("Es256.verifyDer der", "der", () -> Es256.verifyDer(PUBLIC, MESSAGE, null)),
                call("Es256.toDer", "rs", () -> Es256.toDer(null)),
                call("Es256.fromDer", "der", () -> Es256.fromDer(null)),
                call("P256Keys.generate", "random", () -> P256Keys.generate(null)),
                call("P256Keys.fromSeed", "seed", () -> P256Keys.fromSeed(null)),
                call("P256Keys.privateKeyFromPem", "pem", () -> P256Keys.privateKeyFromPem(null)),
                call(
                        "P256Keys.privateKeyFromPem password",
                        "pem",
                        () -> P256Keys.privateKeyFromPem(null, new char[] {'a'})),
                call("P256KeyPair.of", "privateKey", () -> P256KeyPair.of(null)),
                call("P256KeyPair private", "privateKey", () -> new P256KeyPair(null, PUBLIC)),
                call("P256KeyPair public", "publicKey", () -> new P256KeyPair(PRIVATE, null)),
                call("P256PrivateKey.fromScalar", "scalar", () -> P256PrivateKey.fromScalar(null)),
                call(
                        "P256PublicKey.fromAffine x",
                        "x",
                        () -> P256PublicKey.fromAffine(null, coordinate)),
                call(
                        "P256PublicKey.fromAffine y",
                        "y",
                        () -> P256PublicKey.fromAffine(coordinate, null)),
                call(
                        "P256PublicKey.fromUncompressed",
                        "encoded",
                        () -> P256PublicKey.fromUncompressed(null)),
                call("P256PublicKey.fromSpkiDer", "der", () -> P256PublicKey.fromSpkiDer(null)),
                call("P256PublicKey.fromPem", "pem", () -> P256PublicKey.fromPem(null)),
                call("P256PublicKey.fromJwk", "json", () -> P256PublicKey.fromJwk(null)),
                call("Base64Url.encode", "data", () -> Base64Url.encode(null)),
                call("Base64Url.encode range", "data", () -> Base64Url.encode(null, 0, 0)),
                call("Base64Url.encodeToAscii", "data", () -> Base64Url.encodeToAscii(null)),
                call(
                        "Base64Url.encodeToAscii range",
                        "data",
                        () -> Base64Url.encodeToAscii(null, 0, 0)),
                call("Base64Url.decode", "text", () -> Base64Url.decode(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void publicMethod_nullArgument_namesParameter(
            String method, String parameter, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);

        assertEquals(parameter, e.getMessage());
    }

    private static Arguments call(String method, String parameter, Executable call) {
        return Arguments.of(method, parameter, call);
    }
}
