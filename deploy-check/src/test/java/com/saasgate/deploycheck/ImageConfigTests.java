package com.saasgate.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Jib configuration (root pom, the services' poms) and, when {@code -Pimage} built them in the
 * same run, the image tarballs themselves: dev-support's ServiceJvm options, a non-root user,
 * MALLOC_ARENA_MAX=2, the ports of application.yml, a Java runtime and the health check inside.
 */
class ImageConfigTests {

	private static final Pattern OPTIONS = Pattern.compile("OPTIONS\\s*=\\s*List\\.of\\(([^;]*)\\);", Pattern.DOTALL);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void jibWhenConfiguredThenShipsServiceJvmOptionsAsNonRootWithFewMallocArenas() throws Exception {
		Element jib = jibPlugin(pom("pom.xml"));
		assertThat(texts(jib, "jvmFlag")).as("root pom's jvmFlags = ServiceJvm.OPTIONS").isEqualTo(serviceJvmOptions());
		assertThat(text(jib, "user")).matches("[1-9]\\d*:[1-9]\\d*");
		assertThat(text(jib, "MALLOC_ARENA_MAX")).isEqualTo("2");
		assertThat(text((Element) jib.getElementsByTagName("to").item(0), "image")).isEqualTo("saasgate/${project.artifactId}:${jib.image.tag}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-billing", "gateway" })
	void servicePomWhenConfiguredThenExposesTheApplicationYmlPorts(String name) throws Exception {
		Service service = Service.of(name);
		assertThat(texts(jibPlugin(pom(name + "/pom.xml")), "port"))
			.containsExactly(String.valueOf(service.defaultPort()), String.valueOf(service.defaultManagementPort()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "auth-billing", "gateway" })
	void imageTarballWhenBuiltThenConfigAndFilesAreWhatThePodsExpect(String name) throws Exception {
		Path tarball = Repo.path(name + "/target/jib-image.tar");
		if (!Files.isRegularFile(tarball)) {
			System.out.println("[deploy-check] SKIPPED image check of " + name + ": no " + Repo.ROOT.relativize(tarball)
					+ " (build it with ./mvnw -Pimage package; .ci/run does)");
		}
		Assumptions.assumeTrue(Files.isRegularFile(tarball), "no image tarball");
		Map<String, byte[]> blobs = Tar.read(tarball);
		JsonNode index = JSON.readTree(blobs.get("index.json"));
		JsonNode manifest = JSON.readTree(blobs.get(blob(index.path("manifests").get(0).path("digest").asString())));
		JsonNode config = JSON.readTree(blobs.get(blob(manifest.path("config").path("digest").asString()))).path("config");
		Service service = Service.of(name);

		List<String> entrypoint = new ArrayList<>();
		config.path("Entrypoint").forEach((argument) -> entrypoint.add(argument.asString()));
		assertThat(entrypoint).containsSequence(serviceJvmOptions());
		assertThat(config.path("User").asString()).isEqualTo("65532:65532");
		List<String> environment = new ArrayList<>();
		config.path("Env").forEach((variable) -> environment.add(variable.asString()));
		assertThat(environment).contains("MALLOC_ARENA_MAX=2");
		Set<String> exposed = new HashSet<>();
		config.path("ExposedPorts").propertyNames().forEach(exposed::add);
		assertThat(exposed).containsExactlyInAnyOrder(service.defaultPort() + "/tcp", service.defaultManagementPort() + "/tcp");

		Set<String> files = new HashSet<>();
		for (JsonNode layer : manifest.path("layers")) {
			try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(blobs.get(blob(layer.path("digest").asString()))))) {
				files.addAll(Tar.names(gzip));
			}
		}
		if (entrypoint.get(0).equals("java") && environment.contains("JAVA_HOME=/opt/java")) {
			assertThat(files).as("the -Pimage base: a runtime and its loader").contains("opt/java/bin/java", "lib64/ld-linux-x86-64.so.2", "tmp");
			assertThat(files).as("the runtime's CDS archive of its own classes (start-up, metaspace)")
				.contains("opt/java/lib/server/classes.jsa");
		}
		assertThat(files).contains("opt/healthcheck/HealthCheck.class", "app/jib-classpath-file");
	}

	private static String blob(String digest) {
		return "blobs/" + digest.replace(':', '/');
	}

	static List<String> serviceJvmOptions() {
		String source = Repo.read("dev-support/src/main/java/com/saasgate/devsupport/ServiceJvm.java");
		Matcher matcher = OPTIONS.matcher(source);
		assertThat(matcher.find()).as("ServiceJvm.OPTIONS = List.of(...)").isTrue();
		List<String> options = new ArrayList<>();
		Matcher literal = Pattern.compile("\"([^\"]*)\"").matcher(matcher.group(1));
		while (literal.find()) {
			options.add(literal.group(1));
		}
		return options;
	}

	private static Document pom(String relative) throws Exception {
		return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Repo.path(relative).toFile());
	}

	private static Element jibPlugin(Document pom) {
		NodeList artifacts = pom.getElementsByTagName("artifactId");
		for (int i = 0; i < artifacts.getLength(); i++) {
			if (artifacts.item(i).getTextContent().strip().equals("jib-maven-plugin")
					&& ((Element) artifacts.item(i).getParentNode()).getElementsByTagName("configuration").getLength() > 0) {
				return (Element) artifacts.item(i).getParentNode();
			}
		}
		throw new AssertionError("no configured jib-maven-plugin");
	}

	private static List<String> texts(Element element, String tag) {
		NodeList nodes = element.getElementsByTagName(tag);
		List<String> texts = new ArrayList<>();
		for (int i = 0; i < nodes.getLength(); i++) {
			texts.add(nodes.item(i).getTextContent().strip());
		}
		return texts;
	}

	private static String text(Element element, String tag) {
		return texts(element, tag).get(0);
	}

	/** Just enough of ustar to read the OCI layout Jib writes and list a layer's files. */
	static final class Tar {

		static Map<String, byte[]> read(Path tarball) throws IOException {
			Map<String, byte[]> entries = new HashMap<>();
			try (InputStream in = Files.newInputStream(tarball)) {
				each(in, (name, content) -> entries.put(name, content));
			}
			return entries;
		}

		static List<String> names(InputStream in) throws IOException {
			List<String> names = new ArrayList<>();
			each(in, (name, content) -> names.add(name.replaceFirst("^\\./", "").replaceFirst("/$", "")));
			return names;
		}

		private static void each(InputStream in, java.util.function.BiConsumer<String, byte[]> entry) throws IOException {
			byte[] header = new byte[512];
			String longName = null;
			while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
				String name = field(header, 0, 100);
				String prefix = field(header, 345, 155);
				String octal = field(header, 124, 12).strip();
				long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
				byte[] content = in.readNBytes((int) size);
				in.skipNBytes((512 - size % 512) % 512);
				if (header[156] == 'x') {
					// a PAX header: its path= record names the next entry
					Matcher path = Pattern.compile("\\d+ path=([^\n]*)\n").matcher(new String(content, java.nio.charset.StandardCharsets.UTF_8));
					longName = path.find() ? path.group(1) : null;
					continue;
				}
				entry.accept((longName != null) ? longName : prefix.isEmpty() ? name : prefix + "/" + name, content);
				longName = null;
			}
		}

		private static String field(byte[] header, int offset, int length) {
			int end = offset;
			while (end < offset + length && header[end] != 0) {
				end++;
			}
			return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
		}

	}

}
