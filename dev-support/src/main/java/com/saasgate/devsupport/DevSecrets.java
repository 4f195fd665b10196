package com.saasgate.devsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dev secrets that outlive a run ({@code .dev/secrets.env}, {@code NAME=value} lines, mode 600), so
 * that sessions, refresh tokens and the webhook secret stay valid across restarts of {@code scripts/dev}.
 */
final class DevSecrets {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private final Path file;

	private final Map<String, String> values;

	private DevSecrets(Path file, Map<String, String> values) {
		this.file = file;
		this.values = values;
	}

	/** The secrets saved in {@code file}; none when it does not exist yet. */
	static DevSecrets load(Path file) {
		Map<String, String> values = new TreeMap<>();
		if (Files.isRegularFile(file)) {
			try {
				for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
					int equals = line.indexOf('=');
					if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
						values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
					}
				}
			}
			catch (IOException ex) {
				throw new DevSuiteException("Could not read the dev secrets " + file + ": " + ex, ex);
			}
		}
		return new DevSecrets(file, values);
	}

	/** The saved value of {@code name}, or a new random one that {@link #save()} will keep. */
	String get(String name) {
		return this.values.computeIfAbsent(name, DevEnvironment::devSecret);
	}

	/** The saved private and public key of a pair, or a new pair that {@link #save()} will keep. */
	String[] keyPair(String privateName, String publicName) {
		if (!this.values.containsKey(privateName) || !this.values.containsKey(publicName)) {
			String[] pair = DevEnvironment.signingKeyPair();
			this.values.put(privateName, pair[0]);
			this.values.put(publicName, pair[1]);
		}
		return new String[] { this.values.get(privateName), this.values.get(publicName) };
	}

	/** Writes every value to the file, readable by its owner only. */
	void save() {
		StringBuilder text = new StringBuilder("# Dev secrets of scripts/dev, reused by every run; scripts/dev --fresh makes new ones.\n");
		this.values.forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
		try {
			Path parent = this.file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
			if (posix && !Files.exists(this.file)) {
				Files.createFile(this.file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
			}
			if (posix) {
				Files.setPosixFilePermissions(this.file, OWNER_ONLY);
			}
			Files.writeString(this.file, text, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new DevSuiteException("Could not save the dev secrets to " + this.file + ": " + ex, ex);
		}
	}

}
