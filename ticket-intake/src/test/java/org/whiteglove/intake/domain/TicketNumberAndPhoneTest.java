package org.whiteglove.intake.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.PhoneNumbers;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TicketNumberAndPhoneTest {

    @Test
    void ticket_numbers_are_found_in_reply_subjects() {
        assertEquals("SD-000123", TicketNumber.format(123));
        assertEquals("SD-1234567", TicketNumber.format(1234567));
        assertEquals(Optional.of("SD-000042"), TicketNumber.findIn("AW: [SD-000042] Drucker"));
        assertEquals(Optional.of("SD-000042"), TicketNumber.findIn("RE:SD-000042"));
        assertEquals(Optional.empty(), TicketNumber.findIn("XSD-000042 and SD-12"));
        assertEquals(Optional.empty(), TicketNumber.findIn(null));
    }

    @Test
    void acd_numbers_become_e164() {
        PhoneNumbers swiss = new PhoneNumbers("CH");
        assertEquals(Optional.of("+41446681800"), swiss.toE164("044 668 18 00"));
        assertEquals(Optional.of("+41446681800"), swiss.toE164("+41 (0)44 668 18 00"));
        assertEquals(Optional.of("+41446681800"), swiss.toE164("0041 44 668 18 00"));
        assertEquals(Optional.of("+12025550143"), swiss.toE164("+1 202-555-0143"));
        assertEquals(Optional.empty(), swiss.toE164("1234"));
        assertEquals(Optional.empty(), swiss.toE164("not a number"));
        assertEquals(Optional.empty(), swiss.toE164(" "));
        assertEquals(Optional.of("+12025550143"), new PhoneNumbers("US").toE164("(202) 555-0143"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneNumbers("XX"));
    }
}
