package com.saasgate.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository the checks read: its root (Maven's multi-module directory) and YAML from it. */
final class Repo {

	static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

	private Repo() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String read(String relative) {
		return read(path(relative));
	}

	/** Every document of a YAML file (or stream), as maps; empty documents are left out. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(text)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	static Map<String, Object> yaml(String relative) {
		return yamlDocuments(read(relative)).get(0);
	}

	static List<Path> files(String relativeDirectory, String suffix) {
		try (Stream<Path> files = Files.walk(path(relativeDirectory))) {
			return files.filter((file) -> file.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value == null) ? Map.of() : (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value == null) ? List.of() : (List<Object>) value;
	}

	/** {@code a.b.c} in nested maps, or null. */
	static Object at(Map<String, Object> root, String dottedPath) {
		Object current = root;
		for (String key : dottedPath.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

}
