package org.whiteglove.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Urgency;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of ticket intake ({@code whiteglove.intake.*}). */
@ConfigMapping(prefix = "whiteglove.intake")
public interface IntakeConfig {

    Phone phone();

    Defaults defaults();

    /** How long an API Idempotency-Key is remembered; at least a day, as integrators retry overnight. */
    @WithDefault("PT48H")
    Duration idempotencyRetention();

    Batching batching();

    /** Concurrent submissions are opened together, one transaction per batch ({@code TicketOpener}). */
    interface Batching {
        /** Threads writing batches: while one commits, the next batch gathers and the other writes it. */
        @WithDefault("2")
        int writers();

        /** Most tickets in one transaction. */
        @WithDefault("128")
        int maxTickets();

        /** Most submissions waiting for a writer; beyond that intake answers 503 with Retry-After. */
        @WithDefault("4096")
        int maxWaiting();
    }

    interface Phone {
        /** Region for numbers dialled without a country code (ISO 3166, e.g. CH, US). */
        @WithDefault("US")
        String defaultRegion();

        /** Numbers of the VIP hotline: a call to one of them claims VIP service. */
        Optional<List<String>> vipHotlines();
    }

    /** Impact and urgency of mail and phone tickets until an agent triages them. */
    interface Defaults {
        @WithDefault("MODERATE")
        Impact impact();

        @WithDefault("MEDIUM")
        Urgency urgency();
    }
}
