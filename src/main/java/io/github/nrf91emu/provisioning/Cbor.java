package io.github.nrf91emu.provisioning;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes CBOR items (RFC 8949) with Jackson's CBOR generator: definite lengths and the shortest
 * form of every integer, which is the deterministic encoding of RFC 8949 section 4.2.1 for the
 * items the modem's messages use.
 */
final class Cbor {
    private static final CBORFactory FACTORY = new CBORFactory();

    /** Writes items to a generator. */
    interface Body {
        void write(CBORGenerator generator) throws IOException;
    }

    private Cbor() {}

    /** Returns the bytes that {@code body} writes. */
    static byte[] encode(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (CBORGenerator generator = FACTORY.createGenerator(out)) {
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException("CBOR encoding into memory failed", e);
        }
        return out.toByteArray();
    }

    /** Returns the encoding of one integer. */
    static byte[] integer(long value) {
        return encode(generator -> generator.writeNumber(value));
    }
}
