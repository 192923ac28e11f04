package org.whiteglove.slamonitor.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.whiteglove.runtime.problem.InvalidFieldException;
import org.whiteglove.slamonitor.config.SlaConfig;
import org.whiteglove.slamonitor.domain.BusinessCalendar;
import org.whiteglove.slamonitor.domain.DefaultSettings;
import org.whiteglove.slamonitor.domain.SlaPolicy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Calendars and policies. Clocks read them on every change, so a short-lived snapshot saves a query per
 * event; an edit made here is seen at once, one made on another instance within {@link #MAX_AGE}.
 */
@ApplicationScoped
public class SettingsStore {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    /** Every calendar and policy by name. */
    public record Settings(Map<String, BusinessCalendar> calendars, Map<String, SlaPolicy> policies) {

        public BusinessCalendar calendarOf(SlaPolicy policy) {
            BusinessCalendar c = calendars.get(policy.calendar());
            if (c == null) {
                throw new IllegalStateException("policy " + policy.name() + " names the unknown calendar " + policy.calendar());
            }
            return c;
        }
    }

    private final SlaConfig config;
    private final Clock clock;
    private volatile Settings cached;
    private volatile Instant cachedAt = Instant.MIN;

    public SettingsStore(SlaConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Seeds DOMAIN.md's defaults once; several instances starting together insert them once. */
    @Transactional
    void seed(@Observes StartupEvent startup) {
        if (CalendarEntity.count() == 0) {
            DefaultSettings.calendars(config.businessTimeZone()).forEach(c -> saveCalendar(c, "default"));
        }
        if (PolicyEntity.count() == 0) {
            DefaultSettings.policies().forEach(p -> savePolicy(p, "default"));
        }
    }

    public Settings settings() {
        Settings s = cached;
        if (s == null || cachedAt.plus(MAX_AGE).isBefore(clock.instant())) {
            s = load();
            cached = s;
            cachedAt = clock.instant();
        }
        return s;
    }

    private Settings load() {
        Map<String, BusinessCalendar> calendars = CalendarEntity.<CalendarEntity>listAll().stream()
                .collect(Collectors.toMap(e -> e.name, e -> e.calendar, (a, b) -> a, TreeMap::new));
        Map<String, SlaPolicy> policies = PolicyEntity.<PolicyEntity>listAll().stream()
                .collect(Collectors.toMap(e -> e.name, e -> e.policy, (a, b) -> a, TreeMap::new));
        return new Settings(calendars, policies);
    }

    @Transactional
    public BusinessCalendar saveCalendar(BusinessCalendar calendar, String actor) {
        CalendarEntity e = CalendarEntity.findById(calendar.name());
        if (e == null) {
            e = new CalendarEntity();
            e.name = calendar.name();
        }
        e.calendar = calendar;
        e.version++;
        e.updatedAt = clock.instant();
        e.updatedBy = actor;
        e.persist();
        cached = null;
        return calendar;
    }

    /** Saves one policy; its calendar must exist. */
    @Transactional
    public SlaPolicy savePolicy(SlaPolicy policy, String actor) {
        if (CalendarEntity.findById(policy.calendar()) == null) {
            throw new InvalidFieldException("calendar", "no calendar named " + policy.calendar());
        }
        PolicyEntity e = PolicyEntity.findById(policy.name());
        if (e == null) {
            e = new PolicyEntity();
            e.name = policy.name();
        }
        e.policy = policy;
        e.version++;
        e.updatedAt = clock.instant();
        e.updatedBy = actor;
        e.persist();
        cached = null;
        return policy;
    }

    /** Replaces every policy at once: P1–P5 must be there, named ones not listed are removed. */
    @Transactional
    public List<SlaPolicy> replacePolicies(List<SlaPolicy> policies, String actor) {
        Map<String, SlaPolicy> byName = policies.stream().collect(Collectors.toMap(SlaPolicy::name, Function.identity(), (a, b) -> {
            throw new InvalidFieldException("policies", "two policies named " + a.name());
        }));
        for (String p : List.of("P1", "P2", "P3", "P4", "P5")) {
            if (!byName.containsKey(p)) {
                throw new InvalidFieldException("policies", "every priority needs a policy; " + p + " is missing");
            }
        }
        PolicyEntity.delete("name not in ?1", byName.keySet());
        policies.forEach(p -> savePolicy(p, actor));
        return List.copyOf(new TreeMap<>(byName).values());
    }
}
