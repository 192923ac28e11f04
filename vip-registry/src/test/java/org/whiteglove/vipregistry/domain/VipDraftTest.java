package org.whiteglove.vipregistry.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.PhoneNumbers;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VipDraftTest {

    private static final Set<String> TIERS = Set.of("EXECUTIVE", "CRITICAL_ROLE");
    private static final PhoneNumbers CH = new PhoneNumbers("CH");

    @Test
    void contacts_are_normalized_and_every_error_is_reported_with_its_field() {
        VipDraft draft = new VipDraft(null, " Dana Chief ", "CFO", "EXECUTIVE", List.of(" Dana.Chief@Example.com "),
                List.of("044 668 18 00"), null, null, null,
                List.of(new VipDraft.DelegateDraft(null, "Sam", List.of("SAM@example.com"), List.of("+41 79 123 45 67"))));
        Vip vip = draft.normalize(UUID.randomUUID(), TIERS, CH).vip();
        assertEquals("Dana Chief", vip.name());
        assertEquals(List.of("dana.chief@example.com"), vip.emails());
        assertEquals(List.of("+41446681800"), vip.phones());
        assertEquals(List.of("+41791234567"), vip.delegates().get(0).phones());

        VipDraft bad = new VipDraft(null, "", null, "KING", List.of("nope", "a@b.ch", "A@B.ch"), List.of("12"),
                Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), null,
                List.of(new VipDraft.DelegateDraft(null, "Sam", List.of(), List.of())));
        var errors = bad.normalize(UUID.randomUUID(), TIERS, CH).errors().stream().map(VipDraft.FieldError::field).toList();
        assertEquals(List.of("name", "tier", "validUntil", "emails[0]", "emails[2]", "phones[0]", "delegates[0].emails"), errors);
    }

    @Test
    void eligibility_respects_validity_dates_with_an_exclusive_end() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        Instant until = Instant.parse("2027-01-01T00:00:00Z");
        Vip vip = new Vip(UUID.randomUUID(), null, "x", null, "EXECUTIVE", List.of("a@b.ch"), List.of(), from, until, null, List.of());
        assertFalse(vip.eligibleAt(from.minusNanos(1)));
        assertTrue(vip.eligibleAt(from));
        assertTrue(vip.eligibleAt(until.minusNanos(1)));
        assertFalse(vip.eligibleAt(until));
    }

    @Test
    void hr_csv_rows_become_drafts_and_bad_cells_are_named() {
        List<VipCsv.Row> rows = VipCsv.parse("""
                employee_id,name,title,tier,emails,phones,valid_from,valid_until,delegate_name,delegate_emails,delegate_phones
                E1,Dana Chief,CFO,EXECUTIVE,dana@example.com;d.chief@example.com,044 668 18 00,2026-01-01,,Sam Assistant,sam@example.com,
                E2,Oli Ops,On-call lead,CRITICAL_ROLE,oli@example.com,,soon,,,,
                """);
        assertEquals(2, rows.size());
        assertEquals(List.of("dana@example.com", "d.chief@example.com"), rows.get(0).draft().emails());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), rows.get(0).draft().validFrom());
        assertEquals("Sam Assistant", rows.get(0).draft().delegates().get(0).name());
        assertEquals(3, rows.get(1).line());
        assertEquals("valid_from", rows.get(1).errors().get(0).field());
        assertThrows(IllegalArgumentException.class, () -> VipCsv.parse("name,emails\nDana,dana@example.com\n"));
    }
}
