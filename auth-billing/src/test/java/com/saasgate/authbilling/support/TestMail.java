package com.saasgate.authbilling.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import static org.awaitility.Awaitility.await;

/**
 * One GreenMail SMTP server per test JVM, and the links the suite's mails carry. Like a real server
 * it refuses some recipients for good: any whose local part starts with {@value #REFUSED_PREFIX}
 * gets {@code 550 5.1.1} to {@code RCPT TO}.
 */
public final class TestMail {

	public static final String REFUSED_PREFIX = "refused";

	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");

	private static GreenMail greenMail;

	private TestMail() {
	}

	public static synchronized GreenMail server() {
		if (greenMail == null) {
			greenMail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP)) {
				@Override
				protected java.util.Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
					return super.createServices(config, new RefusingManagers(managers));
				}
			};
			greenMail.start();
			Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-stop"));
		}
		return greenMail;
	}

	/** Stops the SMTP server, keeping its port, to show that mail waits for it. */
	public static void stop() {
		server().stop();
	}

	public static void start() {
		server().start();
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	public static int port() {
		return server().getSmtp().getPort();
	}

	public static List<MimeMessage> to(String address) {
		return Arrays.stream(server().getReceivedMessages()).filter((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients()).anyMatch((r) -> r.toString().equalsIgnoreCase(address));
			}
			catch (Exception ex) {
				return false;
			}
		}).toList();
	}

	/** Waits for the count-th verification mail to the address and returns the token of its link. */
	public static String awaitVerificationToken(String address, int count) {
		return awaitToken(address, "/verify-email?token=", count);
	}

	/** Waits for the count-th password reset mail to the address and returns the token of its link. */
	public static String awaitResetToken(String address, int count) {
		return awaitToken(address, "/reset-password?token=", count);
	}

	// Mail is delivered at least once and not necessarily in order (a mail whose first try failed
	// arrives after later ones), so mails are told apart by their link, never by their position.
	private static String awaitToken(String address, String link, int count) {
		await().atMost(Duration.ofSeconds(15)).until(() -> withLink(address, link).size() >= count);
		return token(withLink(address, link).get(count - 1));
	}

	private static List<MimeMessage> withLink(String address, String link) {
		return to(address).stream().filter((message) -> GreenMailUtil.getBody(message).contains(link)).toList();
	}

	public static String token(MimeMessage message) {
		Matcher matcher = TOKEN.matcher(GreenMailUtil.getBody(message));
		if (!matcher.find()) {
			throw new AssertionError("no token link in mail");
		}
		return matcher.group(1);
	}

	/** GreenMail's managers, with an SMTP manager that refuses the {@value #REFUSED_PREFIX} recipients. */
	private static final class RefusingManagers extends Managers {

		private final Managers managers;

		private final SmtpManager smtp;

		RefusingManagers(Managers managers) {
			this.managers = managers;
			this.smtp = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
				@Override
				public String checkRecipient(SmtpState state, MailAddress address) {
					if (address.getUser().startsWith(REFUSED_PREFIX)) {
						return "550 5.1.1 <" + address.getEmail() + ">: mailbox unavailable";
					}
					return super.checkRecipient(state, address);
				}
			};
		}

		@Override
		public SmtpManager getSmtpManager() {
			return this.smtp;
		}

		@Override
		public com.icegreen.greenmail.user.UserManager getUserManager() {
			return this.managers.getUserManager();
		}

		@Override
		public com.icegreen.greenmail.imap.ImapHostManager getImapHostManager() {
			return this.managers.getImapHostManager();
		}

	}

}
