package com.saasgate.devsupport.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.saasgate.devsupport.MailCatcher;

/** Registers and verifies the benchmark's users, reading each verification token from the caught mail. */
final class BenchUsers {

	/** One verified user. */
	record User(String email, String password) {
	}

	private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

	private static final Pattern VERIFY_TOKEN = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]+)");

	private BenchUsers() {
	}

	static List<User> create(AuthClient client, int count, Function<String, Optional<String>> verificationToken) {
		String run = UUID.randomUUID().toString().substring(0, 8);
		List<User> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			User user = new User("bench-" + run + "-" + i + "@example.com", "Bench-Lantern-" + run);
			check("register " + user.email(), client.register(user.email(), user.password()));
			check("verify " + user.email(), client.verify(awaitToken(user.email(), verificationToken)));
			users.add(user);
		}
		return users;
	}

	/** Tokens from an in-process mail catcher. */
	static Function<String, Optional<String>> from(MailCatcher catcher) {
		return (email) -> catcher.lastMessageTo(email).flatMap((mail) -> mail.tokenFor("verify-email"));
	}

	/** Tokens from the {@code .txt} files a mail catcher saved (scripts/dev's {@code .dev/mail}). */
	static Function<String, Optional<String>> from(Path mailbox) {
		return (email) -> {
			try (Stream<Path> files = Files.list(mailbox)) {
				return files.filter((file) -> file.toString().endsWith(".txt"))
					.sorted()
					.map(BenchUsers::read)
					.filter((text) -> text.startsWith("To: " + email + "\n"))
					.map(VERIFY_TOKEN::matcher)
					.filter(Matcher::find)
					.map((matcher) -> matcher.group(1))
					.reduce((first, second) -> second);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read the mailbox " + mailbox, ex);
			}
		};
	}

	private static String awaitToken(String email, Function<String, Optional<String>> verificationToken) {
		long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<String> token = verificationToken.apply(email);
			if (token.isPresent()) {
				return token.get();
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		throw new IllegalStateException("No verification mail for " + email + " within " + MAIL_WAIT.toSeconds() + " s");
	}

	private static void check(String what, AuthClient.Answer answer) {
		if (!answer.ok()) {
			throw new IllegalStateException(what + " failed: " + answer);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "";
		}
	}

}
