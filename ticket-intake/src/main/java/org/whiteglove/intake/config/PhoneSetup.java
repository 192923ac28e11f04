package org.whiteglove.intake.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.whiteglove.events.PhoneNumbers;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Phone numbers the way this desk's region writes them, and its VIP hotlines in E.164. */
@ApplicationScoped
public class PhoneSetup {

    /** The VIP hotline numbers, normalized once at start-up; a misconfigured number stops the service. */
    public record VipHotlines(Set<String> numbers) {
        public boolean contains(String e164) {
            return e164 != null && numbers.contains(e164);
        }
    }

    @Produces
    @Singleton
    PhoneNumbers phoneNumbers(IntakeConfig config) {
        return new PhoneNumbers(config.phone().defaultRegion());
    }

    @Produces
    @Singleton
    VipHotlines vipHotlines(IntakeConfig config, PhoneNumbers phones) {
        return new VipHotlines(config.phone().vipHotlines().orElse(List.of()).stream()
                .map(raw -> phones.toE164(raw).orElseThrow(() -> new IllegalArgumentException(
                        "whiteglove.intake.phone.vip-hotlines: '" + raw + "' is not a valid phone number")))
                .collect(Collectors.toUnmodifiableSet()));
    }
}
