package com.saasgate.devsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * The dev mail catcher: a GreenMail SMTP server on loopback that accepts every message (any login, any
 * recipient), prints it to a console, saves it under a mailbox directory ({@code .eml} as received,
 * {@code .txt} with the decoded text) and keeps it for tests.
 */
public final class MailCatcher implements AutoCloseable {

	/** The SMTP host the services are given; GreenMail binds to it only. */
	public static final String HOST = "127.0.0.1";

	private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
		.withZone(ZoneOffset.UTC);

	private final int port;

	private GreenMail greenMail;

	private final Path mailbox;

	private final PrintStream console;

	private final List<CapturedMail> messages = new CopyOnWriteArrayList<>();

	private final AtomicInteger sequence = new AtomicInteger();

	/** The files earlier runs saved, listed at start-up and read on first use (the e2e tests never ask). */
	private final List<Path> earlierFiles;

	private List<CapturedMail> earlier;

	private MailCatcher(int port, Path mailbox, PrintStream console) {
		this.port = port;
		this.mailbox = mailbox;
		this.console = console;
		this.earlierFiles = savedFiles(mailbox);
	}

	/**
	 * Starts a catcher on {@code port} (0 for a free one).
	 * @param mailbox where messages are saved (created if missing)
	 * @param console where each message is printed, or {@code null} for silence
	 */
	public static MailCatcher start(int port, Path mailbox, PrintStream console) {
		try {
			Files.createDirectories(mailbox);
			MailCatcher catcher = new MailCatcher(port == 0 ? Ports.free() : port, mailbox.toAbsolutePath().normalize(),
					console);
			catcher.resume();
			return catcher;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the mailbox " + mailbox, ex);
		}
	}

	/**
	 * Stops taking mail, as an SMTP outage would (connections are refused), keeping the port and what
	 * was caught for {@link #resume()}. Does nothing when it is already stopped.
	 */
	public synchronized void suspend() {
		if (this.greenMail != null) {
			this.greenMail.stop();
			this.greenMail = null;
		}
	}

	/** Takes mail again on the same port after {@link #suspend()}. */
	public synchronized void resume() {
		if (this.greenMail != null) {
			return;
		}
		GreenMail greenMail = new GreenMail(new ServerSetup(this.port, HOST, "smtp"))
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		greenMail.start();
		UserManager users = greenMail.getUserManager();
		MessageDeliveryHandler delivery = users.getMessageDeliveryHandler();
		users.setMessageDeliveryHandler((message, recipient) -> {
			var user = delivery.handle(message, recipient);
			capture(message.getMessage(), recipient);
			return user;
		});
		this.greenMail = greenMail;
	}

	public String host() {
		return HOST;
	}

	public int port() {
		return this.port;
	}

	/** Where the messages are saved. */
	public Path mailbox() {
		return this.mailbox;
	}

	/** Every message caught so far, in order of arrival. */
	public List<CapturedMail> messages() {
		return List.copyOf(this.messages);
	}

	/**
	 * The messages saved in the mailbox by earlier runs (read at start-up), oldest first; not part of
	 * {@link #messages()}.
	 */
	public synchronized List<CapturedMail> earlierMessages() {
		if (this.earlier == null) {
			List<CapturedMail> saved = new ArrayList<>();
			this.earlierFiles.forEach((eml) -> readOne(eml).ifPresent(saved::add));
			saved.sort(Comparator.comparing(CapturedMail::receivedAt));
			this.earlier = List.copyOf(saved);
		}
		return this.earlier;
	}

	/** The messages delivered to {@code address} (case-insensitive), in order of arrival. */
	public List<CapturedMail> messagesTo(String address) {
		return this.messages.stream().filter((mail) -> mail.recipient().equalsIgnoreCase(address)).toList();
	}

	/** The latest message delivered to {@code address}. */
	public Optional<CapturedMail> lastMessageTo(String address) {
		List<CapturedMail> mails = messagesTo(address);
		return mails.isEmpty() ? Optional.empty() : Optional.of(mails.get(mails.size() - 1));
	}

	private void capture(MimeMessage message, MailAddress recipient) {
		try {
			int number = this.sequence.incrementAndGet();
			Instant now = Instant.now();
			Path eml = this.mailbox.resolve(fileName(now, number, recipient.getEmail()) + ".eml");
			try (OutputStream out = Files.newOutputStream(eml)) {
				message.writeTo(out);
			}
			CapturedMail mail = new CapturedMail(number, now, recipient.getEmail(), MailText.from(message),
					Optional.ofNullable(message.getSubject()).orElse(""), MailText.body(message), eml);
			Files.writeString(eml.resolveSibling(baseName(eml) + ".txt"), MailText.describe(mail),
					StandardCharsets.UTF_8);
			this.messages.add(mail);
			print(mail);
		}
		catch (IOException | MessagingException | RuntimeException ex) {
			// Never fail a delivery because the dev copy could not be made; say so instead.
			if (this.console != null) {
				this.console.println("[mail] could not save a message to " + recipient + ": " + ex);
			}
		}
	}

	private void print(CapturedMail mail) {
		if (this.console == null) {
			return;
		}
		StringBuilder out = new StringBuilder();
		out.append("[mail] ---- #").append(mail.sequence()).append(" to ").append(mail.recipient()).append('\n');
		out.append("[mail] Subject: ").append(mail.subject()).append('\n');
		mail.text().lines().forEach((line) -> out.append("[mail] | ").append(line).append('\n'));
		out.append("[mail] ---- saved as ").append(mail.file()).append('\n');
		this.console.print(out);
	}

	private static String fileName(Instant at, int number, String recipient) {
		String who = recipient.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9@._+-]", "_");
		return FILE_TIME.format(at) + "Z-" + String.format("%04d", number) + "-" + who;
	}

	private static List<Path> savedFiles(Path mailbox) {
		try (Stream<Path> files = Files.list(mailbox)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".eml")).sorted().toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	/** A message saved as {@code <yyyyMMdd'T'HHmmss>Z-<sequence>-<recipient>.eml}, or empty if it is not one. */
	private static Optional<CapturedMail> readOne(Path eml) {
		String[] parts = baseName(eml).split("-", 3);
		if (parts.length < 3 || !parts[0].endsWith("Z")) {
			return Optional.empty();
		}
		try (InputStream in = Files.newInputStream(eml)) {
			MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), in);
			Instant receivedAt = LocalDateTime.parse(parts[0].substring(0, parts[0].length() - 1),
					DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")).toInstant(ZoneOffset.UTC);
			var to = message.getRecipients(Message.RecipientType.TO);
			String recipient = (to != null && to.length > 0) ? to[0].toString() : parts[2];
			return Optional.of(new CapturedMail(Integer.parseInt(parts[1]), receivedAt, recipient, MailText.from(message),
					Optional.ofNullable(message.getSubject()).orElse(""), MailText.body(message), eml));
		}
		catch (IOException | MessagingException | DateTimeParseException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static String baseName(Path eml) {
		String name = eml.getFileName().toString();
		return name.substring(0, name.length() - ".eml".length());
	}

	@Override
	public void close() {
		suspend();
	}

}
