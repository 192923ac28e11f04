package org.whiteglove.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.whiteglove.runtime.precedence.PriorityLeads;

import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "whiteglove.notifier")
public interface NotifierConfig {

    /** Email address (a person or a distribution list) of each group the default rules name. */
    Map<String, String> groups();

    /** Link to a ticket in messages; {ticketId} is replaced. */
    @WithDefault("http://127.0.0.1:8081/api/tickets/{ticketId}")
    String ticketLink();

    Retry retry();

    Dispatch dispatch();

    Stream stream();

    AlertStorm alertStorm();

    /**
     * The default rules' limit on SLA warnings and on breaches (each rule and each priority apart): beyond this many
     * within the window, the rest are mailed as one digest when it ends. Applies when the default rules are created (a
     * new store); afterwards each rule's own {@code maxPerWindow} and {@code window} decide.
     */
    interface AlertStorm {
        /** 0: every warning and breach is mailed on its own. */
        @WithDefault("100")
        int maxPerWindow();

        @WithDefault("PT5M")
        Duration window();
    }

    interface Stream {
        /** How long the live stream's history is kept for clients resuming with Last-Event-ID. */
        @WithDefault("P2D")
        Duration retention();
    }

    interface Retry {
        /** Attempts per delivery before it fails (NotificationFailed and a dead-letter record). */
        @WithDefault("10")
        int maxAttempts();

        @WithDefault("PT1S")
        Duration base();

        @WithDefault("PT5M")
        Duration cap();
    }

    interface Dispatch {
        /** Time a webhook receiver has to answer. */
        @WithDefault("PT5S")
        Duration webhookTimeout();

        /** Deliveries handled per transaction. */
        @WithDefault("20")
        int batchSize();

        @WithDefault("true")
        boolean enabled();

        /**
         * How much earlier than its due moment a delivery of each priority goes out when deliveries queue up: a P1
         * alert passes P4 alerts that fell due up to 9 minutes before it, and none waits behind newer ones longer.
         */
        PriorityLeads lead();
    }
}
