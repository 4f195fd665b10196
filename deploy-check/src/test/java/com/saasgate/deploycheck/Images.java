package com.saasgate.deploycheck;

import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;

/** The images: ours are {@code saasgate/<module>:<version>} (the root pom's Jib {@code to.image}). */
final class Images {

	private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})");

	private Images() {
	}

	static String version() {
		try {
			Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Repo.path("pom.xml").toFile());
			return pom.getDocumentElement().getElementsByTagName("version").item(1).getTextContent().strip();
		}
		catch (Exception ex) {
			throw new IllegalStateException("cannot read the root pom's version", ex);
		}
	}

	static String ours(String module) {
		return "saasgate/" + module + ":" + version();
	}

	/** A third-party image with a tag other than {@code latest}, or a digest. */
	static boolean pinned(String image) {
		return PINNED.matcher(image).matches() && !image.endsWith(":latest");
	}

}
