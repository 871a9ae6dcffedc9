package io.github.nrf91emu.junit;

import io.github.nrf91emu.device.Model;
import io.github.nrf91emu.junit.ModemConfiguration.CredentialItem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.platform.commons.support.AnnotationSupport;

/** Reads {@link ModemSettings} and {@link Credential} annotations of a test into its settings. */
final class AnnotatedSettings {
    private AnnotatedSettings() {}

    /**
     * Returns the settings of a test: those of the nearest {@link ModemSettings}, else {@code
     * base}, with the credentials of {@code base} followed by those of the annotations.
     *
     * @param testClasses the test class and, for a {@code @Nested} class, its enclosing classes,
     *     innermost first
     * @throws IllegalArgumentException if an annotation attribute is invalid or a credential
     *     resource is missing
     */
    static ModemConfiguration resolve(
            ModemConfiguration base, Method testMethod, List<Class<?>> testClasses) {
        ModemConfiguration settings = base;
        Optional<ModemSettings> nearest = nearestSettings(testMethod, testClasses);
        if (nearest.isPresent()) {
            settings = fromAnnotation(nearest.get());
        }

        List<CredentialItem> credentials = new ArrayList<>(base.credentials());
        ClassLoader loader = testClasses.get(0).getClassLoader();
        for (int i = testClasses.size() - 1; i >= 0; i--) {
            credentials.addAll(credentialsOf(testClasses.get(i), loader));
        }
        credentials.addAll(credentialsOf(testMethod, loader));
        return settings.withCredentials(ModemConfiguration.merge(credentials));
    }

    /** Returns the test class and the classes enclosing it while it is an inner class. */
    static List<Class<?>> classesInnermostFirst(Class<?> testClass) {
        Deque<Class<?>> classes = new ArrayDeque<>();
        Class<?> current = testClass;
        classes.addLast(current);
        while (isInnerClass(current)) {
            current = current.getEnclosingClass();
            classes.addLast(current);
        }
        return List.copyOf(classes);
    }

    /**
     * Derives a test's identity seed from its unique id: the first 8 bytes of the id's SHA-256,
     * big-endian. The id names the engine, the class and the method with its parameter types, so
     * the seed is stable across runs and changes when the test is renamed or moved.
     */
    static long seedOf(String uniqueId) {
        byte[] digest;
        try {
            digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(uniqueId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        long seed = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            seed = (seed << 8) | (digest[i] & 0xff);
        }
        return seed;
    }

    private static boolean isInnerClass(Class<?> type) {
        return type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers());
    }

    private static Optional<ModemSettings> nearestSettings(
            Method testMethod, List<Class<?>> testClasses) {
        Optional<ModemSettings> onMethod =
                AnnotationSupport.findAnnotation(testMethod, ModemSettings.class);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> testClass : testClasses) {
            Optional<ModemSettings> onClass =
                    AnnotationSupport.findAnnotation(testClass, ModemSettings.class);
            if (onClass.isPresent()) {
                return onClass;
            }
        }
        return Optional.empty();
    }

    private static ModemConfiguration fromAnnotation(ModemSettings settings) {
        Model model = Model.fromName(settings.model());
        String firmware = settings.firmware().isEmpty() ? null : settings.firmware();
        return new ModemConfiguration(
                model,
                firmware,
                clockStart(settings.clock()),
                settings.timeKnown(),
                settings.cmee(),
                List.of(settings.disabled()),
                seed(settings.seed()),
                List.of());
    }

    private static Instant clockStart(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "invalid @ModemSettings clock: \""
                            + text
                            + "\" (expected an ISO-8601 instant such as "
                            + ModemSettings.DEFAULT_CLOCK
                            + ")",
                    e);
        }
    }

    private static OptionalLong seed(String text) {
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "invalid @ModemSettings seed: \""
                            + text
                            + "\" (expected a decimal long such as \"42\", or empty to derive it"
                            + " from the test's unique id)",
                    e);
        }
    }

    private static List<CredentialItem> credentialsOf(
            AnnotatedElement element, ClassLoader loader) {
        List<CredentialItem> items = new ArrayList<>();
        for (Credential credential :
                AnnotationSupport.findRepeatableAnnotations(element, Credential.class)) {
            String password = credential.password().isEmpty() ? null : credential.password();
            byte[] content = readResource(credential, loader);
            items.add(
                    new CredentialItem(credential.secTag(), credential.type(), content, password));
        }
        return items;
    }

    private static byte[] readResource(Credential credential, ClassLoader loader) {
        String path = credential.resource();
        String name = path.startsWith("/") ? path.substring(1) : path;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "credential resource not found on the test class path: \""
                                + path
                                + "\" (sec_tag "
                                + credential.secTag()
                                + ", type "
                                + credential.type()
                                + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read credential resource " + path, e);
        }
    }
}
