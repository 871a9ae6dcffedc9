package io.github.nrf91emu.device;

import java.util.Set;

/**
 * The functional mode that {@code AT+CFUN} sets, kept as the state of its parts: the LTE receiver
 * and transmitter, GNSS and the UICC (SIM). Mode 0 (power off) switches all parts off, 1 (normal)
 * switches all on, and 4 (offline) and 44 switch LTE and GNSS off with the UICC on. The pairs
 * 20/21, 30/31 and 40/41 switch only LTE, GNSS or the UICC off and on. The modem powers on in mode
 * 0.
 */
public final class FunctionalMode {
    /** The values that {@code AT+CFUN=<fun>} accepts. */
    public static final Set<Integer> SUPPORTED = Set.of(0, 1, 4, 20, 21, 30, 31, 40, 41, 44);

    private boolean lteActive;
    private boolean gnssActive;
    private boolean uiccActive;
    private int lastFullMode;

    FunctionalMode() {}

    /**
     * Applies {@code AT+CFUN=<fun>}.
     *
     * @throws IllegalArgumentException if {@code fun} is not in {@link #SUPPORTED}
     */
    public void apply(int fun) {
        switch (fun) {
            case 0 -> setAll(0, false, false, false);
            case 1 -> setAll(1, true, true, true);
            case 4, 44 -> setAll(4, false, false, true);
            case 20 -> lteActive = false;
            case 21 -> lteActive = true;
            case 30 -> gnssActive = false;
            case 31 -> gnssActive = true;
            case 40 -> uiccActive = false;
            case 41 -> uiccActive = true;
            default ->
                    throw new IllegalArgumentException(
                            "unsupported functional mode: "
                                    + fun
                                    + " (expected 0, 1, 4, 20, 21, 30, 31, 40, 41 or 44)");
        }
    }

    /**
     * Returns the mode that {@code AT+CFUN?} reports: 1 while LTE is active, otherwise 0 if the
     * last whole-modem mode was power off, otherwise 4.
     */
    // NOTE: how a real modem reports a GNSS-only or UICC-only state here is not documented.
    // This rule reports the LTE part, which is what host tools check.
    public int reported() {
        if (lteActive) {
            return 1;
        }
        return lastFullMode == 0 ? 0 : 4;
    }

    /** Returns whether the LTE part is active, in which case credentials can't be changed. */
    public boolean lteActive() {
        return lteActive;
    }

    public boolean gnssActive() {
        return gnssActive;
    }

    public boolean uiccActive() {
        return uiccActive;
    }

    private void setAll(int mode, boolean lte, boolean gnss, boolean uicc) {
        lastFullMode = mode;
        lteActive = lte;
        gnssActive = gnss;
        uiccActive = uicc;
    }
}
