package org.whiteglove.intake.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The human ticket number, SD-000123: what people quote on the phone and in mail subjects. */
public final class TicketNumber {

    private static final Pattern IN_TEXT = Pattern.compile("(?<![A-Za-z0-9])SD-(\\d{6,})(?![0-9])");

    private TicketNumber() {
    }

    public static String format(long sequence) {
        return String.format("SD-%06d", sequence);
    }

    /** The first ticket number quoted in a mail subject, e.g. "RE: [SD-000123] Printer". */
    public static Optional<String> findIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = IN_TEXT.matcher(text);
        return m.find() ? Optional.of(format(Long.parseLong(m.group(1)))) : Optional.empty();
    }
}
