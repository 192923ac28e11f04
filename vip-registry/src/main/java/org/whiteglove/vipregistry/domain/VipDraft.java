package org.whiteglove.vipregistry.domain;

import org.whiteglove.events.PhoneNumbers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A VIP as submitted (API body or CSV row), before normalization. {@link #normalize} checks every rule
 * that needs no database and returns either the normalized {@link Vip} or every field error at once.
 */
public record VipDraft(
        String externalId,
        String name,
        String title,
        String tier,
        List<String> emails,
        List<String> phones,
        Instant validFrom,
        Instant validUntil,
        String notes,
        List<DelegateDraft> delegates) {

    public record DelegateDraft(UUID id, String name, List<String> emails, List<String> phones) {
    }

    /** One problem with one field, e.g. ("delegates[0].emails[1]", "is not an email address"). */
    public record FieldError(String field, String message) {
    }

    /** Either a normalized VIP or the reasons it is not one. */
    public record Result(Vip vip, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public Result normalize(UUID id, Set<String> tiers, PhoneNumbers phoneNumbers) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
        }
        if (tier == null || !tiers.contains(tier)) {
            errors.add(new FieldError("tier", "must be one of " + tiers));
        }
        if (validFrom != null && validUntil != null && !validUntil.isAfter(validFrom)) {
            errors.add(new FieldError("validUntil", "must be after validFrom"));
        }
        List<String> vipEmails = emails("emails", emails, seen, errors);
        List<String> vipPhones = phones("phones", phones, phoneNumbers, seen, errors);
        if (vipEmails.isEmpty() && vipPhones.isEmpty()) {
            errors.add(new FieldError("emails", "a VIP needs at least one email or phone number to be recognized"));
        }
        List<Vip.Delegate> normalizedDelegates = new ArrayList<>();
        List<DelegateDraft> drafts = delegates == null ? List.of() : delegates;
        for (int i = 0; i < drafts.size(); i++) {
            DelegateDraft d = drafts.get(i);
            String at = "delegates[" + i + "]";
            if (d.name() == null || d.name().isBlank()) {
                errors.add(new FieldError(at + ".name", "is required"));
            }
            List<String> de = emails(at + ".emails", d.emails(), seen, errors);
            List<String> dp = phones(at + ".phones", d.phones(), phoneNumbers, seen, errors);
            if (de.isEmpty() && dp.isEmpty()) {
                errors.add(new FieldError(at + ".emails", "a delegate needs at least one email or phone number"));
            }
            normalizedDelegates.add(new Vip.Delegate(d.id() == null ? UUID.randomUUID() : d.id(), strip(d.name()), de, dp));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new Vip(id, strip(externalId), strip(name), strip(title), tier, vipEmails, vipPhones,
                validFrom, validUntil, strip(notes), normalizedDelegates), List.of());
    }

    private static List<String> emails(String field, List<String> raw, Set<String> seen, List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        List<String> values = raw == null ? List.of() : raw;
        for (int i = 0; i < values.size(); i++) {
            String email = values.get(i) == null ? "" : values.get(i).strip().toLowerCase(Locale.ROOT);
            if (!EMAIL.matcher(email).matches()) {
                errors.add(new FieldError(field + "[" + i + "]", "is not an email address"));
            } else if (!seen.add(email)) {
                errors.add(new FieldError(field + "[" + i + "]", email + " is given twice"));
            } else {
                out.add(email);
            }
        }
        return out;
    }

    private static List<String> phones(String field, List<String> raw, PhoneNumbers phoneNumbers, Set<String> seen,
                                       List<FieldError> errors) {
        List<String> out = new ArrayList<>();
        List<String> values = raw == null ? List.of() : raw;
        for (int i = 0; i < values.size(); i++) {
            var e164 = phoneNumbers.toE164(values.get(i));
            if (e164.isEmpty()) {
                errors.add(new FieldError(field + "[" + i + "]", "is not a valid phone number"));
            } else if (!seen.add(e164.get())) {
                errors.add(new FieldError(field + "[" + i + "]", e164.get() + " is given twice"));
            } else {
                out.add(e164.get());
            }
        }
        return out;
    }

    private static String strip(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
