package org.whiteglove.intake.domain;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.whiteglove.events.Urgency;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a raw RFC 5322 message with Jakarta Mail: multipart trees, HTML-only bodies, quoted-printable
 * and base64, any charset Java knows (windows-1252 and ISO-8859-1 included), and the headers that mark
 * auto-replies, bounces and bulk mail.
 */
public final class EmailParser {

    private static final Session SESSION = Session.getInstance(mailProperties());
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
    /** Where quoted earlier messages start in replies from the common clients. */
    private static final Pattern QUOTE_START = Pattern.compile(
            "(?m)^(On .{1,200} wrote:\\s*$|Am .{1,200} schrieb .{1,100}:\\s*$|-{2,}\\s*Original Message\\s*-{2,}"
                    + "|-{2,}\\s*Ursprüngliche Nachricht\\s*-{2,}|From: .+\\R(Sent|Date): .+|>)");

    private EmailParser() {
    }

    public static ParsedEmail parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            ParsedEmail.Mailbox from = firstMailbox(message.getFrom())
                    .orElseThrow(() -> new MalformedEmailException("the message has no From address", null));
            ParsedEmail.Mailbox sender = firstMailbox(message.getSender() == null ? null : new Address[] {message.getSender()})
                    .filter(s -> !s.email().equalsIgnoreCase(from.email()))
                    .orElse(null);
            Body body = new Body();
            walk(message, body);
            String text = body.plain != null ? body.plain : body.html != null ? HtmlText.toText(body.html) : "";
            text = text.replace("\r\n", "\n").strip();
            return new ParsedEmail(
                    messageId(message, raw),
                    referencedIds(message),
                    decode(message.getHeader("Subject", null)),
                    from,
                    sender,
                    text,
                    latestReply(text),
                    List.copyOf(body.attachments),
                    automatic(message, from),
                    importance(message));
        } catch (MessagingException | IOException e) {
            throw new MalformedEmailException("not a readable RFC 5322 message: " + e.getMessage(), e);
        }
    }

    /** The reply's own text, without what it quotes. */
    static String latestReply(String body) {
        Matcher m = QUOTE_START.matcher(body);
        String top = m.find() ? body.substring(0, m.start()) : body;
        return top.strip().isEmpty() ? body : top.strip();
    }

    private static final class Body {
        String plain;
        String html;
        final List<ParsedEmail.Attachment> attachments = new ArrayList<>();
    }

    private static void walk(Part part, Body body) throws MessagingException, IOException {
        String type = baseType(part);
        String fileName = fileName(part);
        boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part)) || fileName != null;
        if (type.startsWith("multipart/")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (type.equals("multipart/report") && i > 0) {
                    continue; // the machine-readable status parts of a bounce
                }
                walk(child, body);
            }
        } else if (type.equals("message/rfc822") && !(part instanceof MimeMessage)) {
            body.attachments.add(new ParsedEmail.Attachment(
                    fileName != null ? fileName : "forwarded message.eml", type, size(part)));
        } else if (attachment) {
            body.attachments.add(new ParsedEmail.Attachment(fileName != null ? fileName : "unnamed", type, size(part)));
        } else if (type.equals("text/plain") && body.plain == null) {
            body.plain = text(part);
        } else if (type.equals("text/html") && body.html == null) {
            body.html = text(part);
        }
    }

    /** A text part decoded with its declared charset; unknown or missing charsets fall back to windows-1252. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (UnsupportedEncodingException unknownCharset) {
            // fall through to the lenient decoding below
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), Charset.forName("windows-1252"));
        }
    }

    private static long size(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private static String baseType(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (MessagingException | NullPointerException e) {
            return "text/plain";
        }
    }

    private static String disposition(Part part) {
        try {
            return part.getDisposition();
        } catch (MessagingException e) {
            return null;
        }
    }

    private static String fileName(Part part) {
        try {
            String name = part.getFileName();
            return name == null ? null : MimeUtility.decodeText(name);
        } catch (MessagingException | UnsupportedEncodingException e) {
            return null;
        }
    }

    private static java.util.Optional<ParsedEmail.Mailbox> firstMailbox(Address[] addresses) {
        if (addresses == null) {
            return java.util.Optional.empty();
        }
        for (Address a : addresses) {
            if (a instanceof InternetAddress ia && ia.getAddress() != null && ia.getAddress().contains("@")) {
                return java.util.Optional.of(new ParsedEmail.Mailbox(ia.getPersonal(), ia.getAddress().toLowerCase(Locale.ROOT)));
            }
        }
        return java.util.Optional.empty();
    }

    private static String messageId(MimeMessage message, byte[] raw) throws MessagingException {
        String header = message.getHeader("Message-ID", null);
        if (header != null) {
            Matcher m = MESSAGE_ID.matcher(header);
            if (m.find()) {
                return m.group();
            }
        }
        // No Message-ID: the same content delivered twice still maps to one ticket.
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 40);
            return "<" + digest + "@derived.whiteglove.invalid>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> referencedIds(MimeMessage message) throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        for (String header : new String[] {"In-Reply-To", "References"}) {
            String value = message.getHeader(header, " ");
            if (value != null) {
                Matcher m = MESSAGE_ID.matcher(value);
                while (m.find()) {
                    ids.add(m.group());
                }
            }
        }
        return List.copyOf(ids);
    }

    /** Why a mail is machine-generated (RFC 3834, RFC 3464 and common practice), or null. */
    private static String automatic(MimeMessage message, ParsedEmail.Mailbox from) throws MessagingException {
        String autoSubmitted = message.getHeader("Auto-Submitted", null);
        if (autoSubmitted != null && !autoSubmitted.strip().equalsIgnoreCase("no")) {
            return "Auto-Submitted: " + autoSubmitted.strip();
        }
        String type = message.getContentType() == null ? "" : message.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/report")) {
            return "delivery or read report (" + type.replaceAll("\\s+", " ") + ")";
        }
        String precedence = message.getHeader("Precedence", null);
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return "Precedence: " + precedence.strip();
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Auto-Response"}) {
            if (message.getHeader(header, null) != null) {
                return header + " present";
            }
        }
        String returnPath = message.getHeader("Return-Path", null);
        if (returnPath != null && returnPath.strip().equals("<>")) {
            return "empty Return-Path (a bounce)";
        }
        String local = from.email().substring(0, from.email().indexOf('@'));
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return "sent by " + from.email();
        }
        return null;
    }

    private static Urgency importance(MimeMessage message) throws MessagingException {
        String importance = message.getHeader("Importance", null);
        String xPriority = message.getHeader("X-Priority", null);
        boolean high = importance != null && importance.strip().equalsIgnoreCase("high")
                || xPriority != null && xPriority.strip().matches("[12]\\b.*");
        return high ? Urgency.HIGH : null;
    }

    private static String decode(String header) {
        if (header == null) {
            return "";
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(header)).strip();
        } catch (UnsupportedEncodingException e) {
            return header.strip();
        }
    }

    private static Properties mailProperties() {
        Properties p = new Properties();
        // Accept what real clients send even when it bends the RFCs.
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.allowutf8", "true");
        p.setProperty("mail.mime.decodefilename", "true");
        p.setProperty("mail.mime.charset", StandardCharsets.UTF_8.name());
        return p;
    }
}
