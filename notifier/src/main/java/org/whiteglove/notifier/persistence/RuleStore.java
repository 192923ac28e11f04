package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.notifier.domain.DefaultRules;
import org.whiteglove.notifier.domain.Rule;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RuleStore {

    private final NotifierConfig config;

    public RuleStore(NotifierConfig config) {
        this.config = config;
    }

    @Transactional
    void seed(@Observes StartupEvent startup) {
        if (RuleEntity.count() == 0) {
            DefaultRules.of(config.groups(), config.alertStorm().maxPerWindow(), config.alertStorm().window())
                    .forEach(r -> save(r.withId(UUID.randomUUID().toString()), "default"));
        }
    }

    /** The rules as last read, with the stored text they were read from. */
    private record Known(List<String> stored, List<Rule> rules) {
    }

    private volatile Known known = new Known(List.of(), List.of());

    /**
     * Every rule, by kind and name. Each consumed batch needs them: it reads their stored text (one small
     * statement) and parses it only when it changed. Parsing them for every batch, and dirty-checking the
     * entities at its commit, took a sixth of this service's CPU under load. A change another instance makes
     * shows here in the next batch, as before.
     */
    public List<Rule> all() {
        @SuppressWarnings("unchecked")
        List<String> stored = Panache.getEntityManager().createNativeQuery("SELECT id || ' ' || rule::text FROM rule ORDER BY id")
                .getResultList();
        Known last = known;
        if (!stored.equals(last.stored())) {
            // Read after the text (a change in between only makes the next batch read them again), and read only:
            // nothing to dirty-check at commit.
            List<Rule> rules = RuleEntity.<RuleEntity>findAll().withHint(HibernateHints.HINT_READ_ONLY, true).list().stream()
                    .map(e -> e.rule)
                    .sorted(Comparator.comparing(Rule::kind).thenComparing(Rule::name)).toList();
            known = last = new Known(stored, rules);
        }
        return last.rules();
    }

    public Optional<Rule> find(String id) {
        return RuleEntity.<RuleEntity>findByIdOptional(id).map(e -> e.rule);
    }

    @Transactional
    public Rule save(Rule rule, String actor) {
        RuleEntity e = RuleEntity.findById(rule.id());
        if (e == null) {
            e = new RuleEntity();
            e.id = rule.id();
        }
        e.rule = rule;
        e.updatedAt = Instant.now();
        e.updatedBy = actor;
        e.persist();
        return rule;
    }

    @Transactional
    public boolean delete(String id) {
        return RuleEntity.deleteById(id);
    }
}
