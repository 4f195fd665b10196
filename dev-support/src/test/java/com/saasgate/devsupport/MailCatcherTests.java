package com.saasgate.devsupport;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MailCatcherTests {

	private static final String LINK = "http://localhost:3000/verify-email?token=Ab-3_xYz0123456789012345678901234567890123";

	@TempDir
	Path mailbox;

	@Test
	void mailWhenSentThenPrintedSavedAndExposed() throws Exception {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, new PrintStream(console, true, StandardCharsets.UTF_8))) {
			send(catcher, "Ada@Example.com", "Verify your email", "Welcome! Open " + LINK + " to verify.");

			CapturedMail mail = catcher.lastMessageTo("ada@example.com").orElseThrow();
			assertThat(mail.subject()).isEqualTo("Verify your email");
			assertThat(mail.from()).isEqualTo("no-reply@localhost");
			assertThat(mail.text()).contains(LINK);
			assertThat(mail.tokenFor("verify-email")).hasValue("Ab-3_xYz0123456789012345678901234567890123");
			assertThat(mail.tokenFor("reset-password")).isEmpty();
			assertThat(mail.file()).hasExtension("eml").isRegularFile().hasParent(this.mailbox.toRealPath());
			assertThat(Files.readString(mail.file())).contains("Subject: Verify your email");
			Path text = mail.file().resolveSibling(mail.file().getFileName().toString().replace(".eml", ".txt"));
			assertThat(Files.readString(text)).contains("To: Ada@Example.com").contains(LINK);
			assertThat(console.toString(StandardCharsets.UTF_8)).contains("[mail] Subject: Verify your email")
				.contains("[mail] | Welcome! Open " + LINK);
		}
	}

	@Test
	void mailWhenMultipartThenTextIsThePlainPart() throws Exception {
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, null)) {
			MimeBodyPart plain = new MimeBodyPart();
			plain.setText("plain " + LINK, "UTF-8");
			MimeBodyPart html = new MimeBodyPart();
			html.setContent("<a href=\"x\">html</a>", "text/html; charset=UTF-8");
			MimeMessage message = message(catcher, "bob@example.com", "Hi");
			message.setContent(new MimeMultipart("alternative", plain, html));
			Transport.send(message);

			assertThat(catcher.messagesTo("bob@example.com")).singleElement()
				.satisfies((mail) -> assertThat(mail.text()).isEqualTo("plain " + LINK));
			assertThat(catcher.messages()).hasSize(1);
		}
	}

	@Test
	void suspendWhenResumedThenRefusesMeanwhileAndCatchesAgainOnTheSamePort() throws Exception {
		try (MailCatcher catcher = MailCatcher.start(0, this.mailbox, null)) {
			int port = catcher.port();
			send(catcher, "ada@example.com", "Before", "one");

			catcher.suspend();
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> send(catcher, "ada@example.com", "During", "two"))
				.isInstanceOf(MessagingException.class);

			catcher.resume();
			send(catcher, "ada@example.com", "After", "three");
			assertThat(catcher.port()).isEqualTo(port);
			assertThat(catcher.messagesTo("ada@example.com")).extracting(CapturedMail::subject)
				.containsExactly("Before", "After");
		}
	}

	static void send(MailCatcher catcher, String to, String subject, String text) throws MessagingException {
		MimeMessage message = message(catcher, to, subject);
		message.setText(text, "UTF-8");
		Transport.send(message);
	}

	private static MimeMessage message(MailCatcher catcher, String to, String subject) throws MessagingException {
		Properties properties = new Properties();
		properties.put("mail.smtp.host", catcher.host());
		properties.put("mail.smtp.port", Integer.toString(catcher.port()));
		MimeMessage message = new MimeMessage(Session.getInstance(properties));
		message.setFrom(new InternetAddress("no-reply@localhost"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
		message.setSubject(subject);
		return message;
	}

}
