package com.saasgate.devsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars for {@link DevSuite}'s child processes, made in a test's temporary directory. */
final class FakeJars {

	private FakeJars() {
	}

	/** A jar that runs {@link FakeService} from this module's test classes. */
	static Path healthy(Path directory, String module) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
		manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, testClasses().toUri().toString());
		Path jar = directory.resolve(module + ".jar");
		try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
			return jar;
		}
	}

	/** A file that {@code java -jar} refuses. */
	static Path corrupt(Path directory, String module) throws IOException {
		return Files.writeString(directory.resolve(module + ".jar"), "not a jar");
	}

	private static Path testClasses() {
		try {
			return Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
