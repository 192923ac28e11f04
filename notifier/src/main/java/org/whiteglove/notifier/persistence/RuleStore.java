package org.whiteglove.notifier.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.notifier.domain.DefaultRules;
import org.whiteglove.notifier.domain.Rule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RuleStore {

    private final NotifierConfig config;
    private final ObjectMapper json;

    public RuleStore(NotifierConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    @Transactional
    void seed(@Observes StartupEvent startup) {
        if (RuleEntity.count() == 0) {
            DefaultRules.of(config.groups(), config.alertStorm().maxPerWindow(), config.alertStorm().window())
                    .forEach(r -> save(r.withId(UUID.randomUUID().toString()), "default"));
        }
    }

    /** The rules as last parsed, with the stored text they were parsed from. */
    private record Known(List<String> stored, List<Rule> rules) {
    }

    private volatile Known known = new Known(List.of(), List.of());

    /**
     * Every rule, by kind and name. Each consumed batch needs them: it reads their stored text (one small
     * statement) and parses it only when it changed. Loading them as entities for every batch (parsing each, and
     * dirty-checking it at commit) took a sixth of this service's CPU under load. A change another instance makes
     * shows here in the next batch, as before.
     */
    public List<Rule> all() {
        @SuppressWarnings("unchecked")
        List<String> stored = Panache.getEntityManager().createNativeQuery("SELECT rule::text FROM rule ORDER BY id").getResultList();
        Known last = known;
        if (!stored.equals(last.stored())) {
            List<Rule> rules = new ArrayList<>(stored.size());
            for (String text : stored) {
                rules.add(parse(text));
            }
            rules.sort(Comparator.comparing(Rule::kind).thenComparing(Rule::name));
            known = last = new Known(stored, List.copyOf(rules));
        }
        return last.rules();
    }

    private Rule parse(String text) {
        try {
            return json.readValue(text, Rule.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored rule cannot be read: " + text, e);
        }
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
