package org.whiteglove.events;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Optional;

/**
 * Phone numbers as ACDs and HR exports write them ("044 668 18 00", "+41 (0)44…", "0041…") normalized to
 * E.164, the form {@link ContactKey} hashes: every service normalizes the same way so keys match.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region for numbers dialled without a country code, e.g. "CH" */
    public PhoneNumbers(String defaultRegion) {
        if (!UTIL.getSupportedRegions().contains(defaultRegion)) {
            throw new IllegalArgumentException("not a phone region: " + defaultRegion);
        }
        this.defaultRegion = defaultRegion;
    }

    /** The number in E.164, or empty when it is not a valid number. */
    public Optional<String> toE164(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw, defaultRegion);
            return UTIL.isValidNumber(number)
                    ? Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
