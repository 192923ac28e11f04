package org.whiteglove.intake.domain;

/** A message intake cannot take: not RFC 5322, or without a usable From address. */
public class MalformedEmailException extends RuntimeException {

    public MalformedEmailException(String message, Throwable cause) {
        super(message, cause);
    }
}
