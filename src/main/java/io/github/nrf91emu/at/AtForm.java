package io.github.nrf91emu.at;

/** The four forms of an extended AT command (ITU-T V.250 §5.4.2 and §5.4.3). */
public enum AtForm {
    /** {@code AT+X=<parameters>}: sets values or runs the command with parameters. */
    SET,
    /** {@code AT+X?}: reads the current values. */
    READ,
    /** {@code AT+X=?}: lists the supported parameter values. */
    TEST,
    /** {@code AT+X}: runs the command without parameters. */
    EXECUTE
}
