package org.whiteglove.notifier.persistence;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.notifier.domain.DefaultRules;
import org.whiteglove.notifier.domain.Rule;

import java.time.Instant;
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

    public List<Rule> all() {
        return RuleEntity.<RuleEntity>listAll().stream().map(e -> e.rule)
                .sorted(java.util.Comparator.comparing(Rule::kind).thenComparing(Rule::name)).toList();
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
