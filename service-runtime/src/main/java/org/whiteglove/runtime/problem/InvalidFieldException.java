package org.whiteglove.runtime.problem;

/** Input that passed the schema but not a rule only the service can check (e.g. an unknown phone number). */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
