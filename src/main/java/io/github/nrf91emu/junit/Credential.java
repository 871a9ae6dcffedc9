package io.github.nrf91emu.junit;

import io.github.nrf91emu.keystore.CredentialType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A credential that {@link ModemExtension} stores in each test's modem before power-on, as {@code
 * AT%CMNG=0} would, read from a resource on the test class path.
 *
 * <p>Credentials add up: those of enclosing classes, the test class and the method are all stored,
 * after the ones of a {@code ModemExtension.builder()}. A later one at the same sec_tag and type
 * replaces an earlier one, so a method can replace a credential of its class.
 *
 * <pre>{@code
 * @Credential(secTag = 42, type = CredentialType.CLIENT_PRIVATE_KEY, resource = "keys/client.pem")
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Repeatable(Credentials.class)
public @interface Credential {
    /**
     * The sec_tag: 0..2147483647 for the host's credentials, up to 4294967295 for items that belong
     * to the modem.
     */
    long secTag();

    /** The credential type. */
    CredentialType type();

    /**
     * The path of the content on the test class path, such as {@code keys/client.pem} for {@code
     * src/test/resources/keys/client.pem}; a leading {@code /} is ignored. The bytes are stored as
     * they are.
     */
    String resource();

    /** The password of an encrypted private key, in UTF-8; empty for none. */
    String password() default "";
}
