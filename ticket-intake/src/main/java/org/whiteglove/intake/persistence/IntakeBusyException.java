package org.whiteglove.intake.persistence;

/** Too many submissions are waiting to be written: nothing was taken, the client should retry shortly. */
public class IntakeBusyException extends RuntimeException {

    public IntakeBusyException() {
        super("intake is writing as fast as it can; nothing was stored, retry in a second", null, false, false);
    }
}
