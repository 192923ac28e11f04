package org.whiteglove.reporting.domain;

/** A report parameter the caller must fix; {@code parameter} names it. */
public class ReportParameterException extends RuntimeException {

    private final String parameter;

    public ReportParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
