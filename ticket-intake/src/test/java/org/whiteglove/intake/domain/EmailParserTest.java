package org.whiteglove.intake.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.Urgency;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture corpus under src/test/resources/emails, as real clients send it. */
class EmailParserTest {

    static byte[] fixture(String name) {
        try (InputStream in = EmailParserTest.class.getResourceAsStream("/emails/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ParsedEmail parse(String name) {
        return EmailParser.parse(fixture(name));
    }

    @Test
    void gmail_alternative_prefers_the_plain_part_and_decodes_quoted_printable_utf8() {
        ParsedEmail mail = parse("01-gmail-alternative-utf8.eml");
        assertEquals("<CAF=ada+Yq1x9mV3@mail.gmail.com>", mail.messageId());
        assertEquals("VPN verbindet nicht – Zugänge gesperrt", mail.subject());
        assertEquals(new ParsedEmail.Mailbox("Ada Lovelace", "ada.lovelace@example.org"), mail.from());
        assertTrue(mail.body().contains("seit heute früh verbindet der VPN-Client nicht mehr: „Authentifizierung fehlgeschlagen“."), mail.body());
        assertTrue(mail.attachments().isEmpty());
        assertFalse(mail.isAutomatic());
        assertNull(mail.sender());
    }

    @Test
    void outlook_html_only_in_windows_1252_becomes_readable_text() {
        ParsedEmail mail = parse("02-outlook-html-only-windows1252.eml");
        assertEquals("Guten Tag\n\nDer Drucker „PRN-3OG-02“ druckt seit heute nur leere Seiten. Toner wurde gewechselt – ohne Erfolg.\n\n"
                + "Betroffen sind ca. 25 Personen.\n\nFreundliche Grüße\nHans Müller", mail.body());
        assertFalse(mail.body().contains("MsoNormal"), "styles never leak into the text");
    }

    @Test
    void attachments_are_listed_with_name_type_and_size_not_read_as_body() {
        ParsedEmail mail = parse("03-apple-mail-attachment.eml");
        assertTrue(mail.body().startsWith("Hi,\n\nExcel closes itself"), mail.body());
        assertEquals(List.of("Q3 report.pdf", "crash.log"), mail.attachments().stream().map(ParsedEmail.Attachment::fileName).toList());
        assertEquals("application/pdf", mail.attachments().get(0).contentType());
        assertEquals(1380, mail.attachments().get(0).sizeBytes());
    }

    @Test
    void iso_8859_1_headers_and_8bit_body() {
        ParsedEmail mail = parse("04-iso-8859-1-plain.eml");
        assertEquals("Problème d'accès à l'intranet", mail.subject());
        assertEquals("François Dupré", mail.from().name());
        assertTrue(mail.body().contains("je n'arrive plus à accéder à l'intranet : « page introuvable »"), mail.body());
        assertTrue(mail.body().contains("l'équipe financière"));
    }

    @Test
    void windows_1252_quoted_printable_plain_text_and_subject() {
        ParsedEmail mail = parse("16-outlook-windows1252-plain-qp.eml");
        assertEquals("Teams – no audio in calls", mail.subject());
        assertEquals("Since this morning I can’t hear anyone in Teams calls – headset works elsewhere. “Device not found”.", mail.body());
    }

    @Test
    void base64_bodies_and_encoded_words_in_other_scripts() {
        ParsedEmail mail = parse("15-base64-utf8-japanese.eml");
        assertEquals("パスワードのリセット", mail.subject());
        assertEquals("山田太郎", mail.from().name());
        assertEquals("パスワードのリセットをお願いします。アカウントがロックされました。", mail.body());
    }

    @Test
    void forwarded_mails_inline_and_as_attachment() {
        ParsedEmail inline = parse("05-forwarded-inline.eml");
        assertTrue(inline.body().startsWith("Is this real or phishing?"));
        assertTrue(inline.body().contains("Click here to increase your quota."), "the forwarded text is kept");

        ParsedEmail attached = parse("06-forwarded-as-attachment.eml");
        assertEquals("Please check the attached mail, the sender looks odd.", attached.body());
        assertEquals(1, attached.attachments().size());
        assertEquals("message/rfc822", attached.attachments().get(0).contentType());
        assertEquals("Invoice 4711 overdue.eml", attached.attachments().get(0).fileName());
    }

    @Test
    void replies_reference_earlier_messages_and_their_quotes_are_trimmed() {
        ParsedEmail gmail = parse("07-reply-in-reply-to.eml");
        assertEquals(List.of("<CAF=ada+Yq1x9mV3@mail.gmail.com>"), gmail.referencedIds());
        assertEquals("Here is the screenshot you asked for: the error code is 809.", gmail.latestReply());

        ParsedEmail outlook = parse("09-outlook-reply-chain.eml");
        assertEquals(List.of("<DB9PR0101MB9999CHAIN2@DB9PR0101MB9999.eurprd01.prod.exchangelabs.com>",
                "<4F1A2B3C-5D6E-7F80-9A1B-2C3D4E5F6A7B@example.org>"), outlook.referencedIds());
        assertEquals("It still crashes after the update.", outlook.latestReply());

        ParsedEmail byNumber = parse("08-reply-subject-number.eml");
        assertTrue(byNumber.referencedIds().isEmpty());
        assertEquals(java.util.Optional.of("SD-000042"), TicketNumber.findIn(byNumber.subject()));
        assertEquals("Der Drucker funktioniert wieder, danke.", byNumber.latestReply());
    }

    @Test
    void auto_replies_bounces_and_bulk_mail_are_recognized() {
        assertTrue(parse("10-auto-reply-out-of-office.eml").automatic().contains("auto-replied"));
        assertTrue(parse("11-bounce-delivery-status.eml").isAutomatic());
        assertTrue(parse("12-bulk-newsletter.eml").automatic().contains("bulk"));
        for (String human : List.of("01-gmail-alternative-utf8.eml", "02-outlook-html-only-windows1252.eml",
                "03-apple-mail-attachment.eml", "07-reply-in-reply-to.eml", "13-on-behalf-of-assistant.eml")) {
            assertFalse(parse(human).isAutomatic(), human);
        }
    }

    @Test
    void on_behalf_of_keeps_the_requester_and_records_the_assistant_and_importance_raises_urgency() {
        ParsedEmail mail = parse("13-on-behalf-of-assistant.eml");
        assertEquals("dana.chief@example.com", mail.from().email());
        assertEquals(new ParsedEmail.Mailbox("Sam Assistant", "sam.assistant@example.com"), mail.sender());
        assertEquals(Urgency.HIGH, mail.requestedUrgency());
        assertNull(parse("01-gmail-alternative-utf8.eml").requestedUrgency());
    }

    @Test
    void a_mail_without_message_id_gets_a_stable_derived_one() {
        ParsedEmail first = parse("14-no-message-id.eml");
        assertTrue(first.messageId().endsWith("@derived.whiteglove.invalid>"), first.messageId());
        assertEquals(first.messageId(), parse("14-no-message-id.eml").messageId());
    }

    @Test
    void a_message_without_sender_or_not_a_message_at_all_is_malformed() {
        assertThrows(MalformedEmailException.class, () -> parse("17-malformed-no-from.eml"));
        assertThrows(MalformedEmailException.class, () -> EmailParser.parse("just some text".getBytes()));
    }
}
