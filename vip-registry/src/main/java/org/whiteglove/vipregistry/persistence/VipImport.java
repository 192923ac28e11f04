package org.whiteglove.vipregistry.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.whiteglove.events.PhoneNumbers;
import org.whiteglove.vipregistry.domain.Vip;
import org.whiteglove.vipregistry.domain.VipCsv;
import org.whiteglove.vipregistry.domain.VipDraft;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Brings the imported part of the list in line with an HR export. The file is the whole truth for
 * people who came from HR (an HR id): new rows are created, changed rows updated, people no longer in
 * the file removed; manual entries are never touched. Importing the same file twice changes nothing.
 */
@ApplicationScoped
public class VipImport {

    public record RowError(int line, String field, String message) {
    }

    /**
     * What the import would do (dry run) or did. Lists hold HR ids.
     *
     * @param applied false for a dry run, and for an all-or-nothing import that had errors
     */
    public record Outcome(boolean dryRun, boolean applied, List<String> created, List<String> updated, List<String> removed,
                          int unchanged, List<RowError> errors) {
    }

    private final VipStore store;

    public VipImport(VipStore store) {
        this.store = store;
    }

    @Transactional
    public Outcome run(String csv, boolean dryRun, boolean partial, Set<String> tiers, PhoneNumbers phones,
                       String actor, String reason) {
        Map<String, Vip> existing = store.imported().stream()
                .collect(Collectors.toMap(Vip::externalId, Function.identity()));
        Map<String, Integer> contactLine = new HashMap<>();
        Set<String> inFile = new HashSet<>();
        Map<String, Vip> creates = new LinkedHashMap<>();
        Map<String, Vip> updates = new LinkedHashMap<>();
        List<RowError> errors = new ArrayList<>();
        int unchanged = 0;

        for (VipCsv.Row row : VipCsv.parse(csv)) {
            List<RowError> rowErrors = new ArrayList<>();
            row.errors().forEach(e -> rowErrors.add(new RowError(row.line(), e.field(), e.message())));
            String hrId = row.draft().externalId() == null ? null : row.draft().externalId().strip();
            if (hrId != null && !inFile.add(hrId)) {
                rowErrors.add(new RowError(row.line(), "employee_id", hrId + " appears on an earlier row"));
            }
            Vip before = hrId == null ? null : existing.get(hrId);
            VipDraft.Result result = withKnownDelegateIds(row.draft(), before)
                    .normalize(before == null ? UUID.randomUUID() : before.id(), tiers, phones);
            result.errors().forEach(e -> rowErrors.add(new RowError(row.line(), e.field(), e.message())));
            if (result.valid()) {
                for (String contact : result.vip().contacts()) {
                    Integer earlier = contactLine.putIfAbsent(contact, row.line());
                    if (earlier != null) {
                        rowErrors.add(new RowError(row.line(), "contacts", contact + " is also on line " + earlier));
                    }
                }
                store.clash(result.vip()).ifPresent(c -> rowErrors.add(new RowError(row.line(), "contacts", c.getMessage())));
            }
            if (!rowErrors.isEmpty()) {
                errors.addAll(rowErrors);
            } else if (before == null) {
                creates.put(hrId, result.vip());
            } else if (before.equals(result.vip())) {
                unchanged++;
            } else {
                updates.put(hrId, result.vip());
            }
        }
        List<String> removals = existing.keySet().stream().filter(id -> !inFile.contains(id)).sorted().toList();
        boolean apply = !dryRun && (errors.isEmpty() || partial);
        if (apply) {
            String why = reason == null ? "HR import" : reason;
            removals.forEach(id -> store.remove(existing.get(id).id(), actor, why));
            updates.values().forEach(v -> store.replace(v.id(), v, actor, why));
            creates.values().forEach(v -> store.create(v, actor, why));
        }
        return new Outcome(dryRun, apply, List.copyOf(creates.keySet()), List.copyOf(updates.keySet()), removals, unchanged,
                errors);
    }

    /** Delegates keep their ids across imports (matched by name), so an unchanged row stays unchanged. */
    private static VipDraft withKnownDelegateIds(VipDraft draft, Vip before) {
        if (before == null || draft.delegates() == null) {
            return draft;
        }
        Map<String, UUID> known = before.delegates().stream().collect(Collectors.toMap(Vip.Delegate::name, Vip.Delegate::id, (a, b) -> a));
        List<VipDraft.DelegateDraft> delegates = draft.delegates().stream()
                .map(d -> new VipDraft.DelegateDraft(known.get(d.name() == null ? "" : d.name().strip()), d.name(), d.emails(), d.phones()))
                .toList();
        return new VipDraft(draft.externalId(), draft.name(), draft.title(), draft.tier(), draft.emails(), draft.phones(),
                draft.validFrom(), draft.validUntil(), before.notes(), delegates);
    }
}
