package com.saasgate.deploycheck;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Kubernetes objects of {@code deploy/k8s}: rendered by {@code kubectl kustomize} when kubectl is
 * on the PATH (offline: it reads only the files), otherwise approximated by parsing every YAML file of
 * the base and then of the overlay: for the base that is exact (its kustomization only adds a label);
 * for an overlay the base's objects come first, its patches after, and ConfigMaps merge. The system
 * property {@code deploycheck.kustomize=false} forces the approximation.
 */
final class Manifests {

	static final String BASE = "deploy/k8s/base";

	static final String PROD = "deploy/k8s/overlays/prod";

	private Manifests() {
	}

	static Rendered render(String directory) {
		Optional<Path> kubectl = Boolean.parseBoolean(System.getProperty("deploycheck.kustomize", "true")) ? onPath("kubectl")
				: Optional.empty();
		if (kubectl.isPresent()) {
			try {
				Process process = new ProcessBuilder(kubectl.get().toString(), "kustomize", Repo.path(directory).toString())
					.redirectError(ProcessBuilder.Redirect.DISCARD).start();
				String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
					return new Rendered(Repo.yamlDocuments(output), true);
				}
				throw new IllegalStateException("kubectl kustomize " + directory + " failed:\n" + output);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		System.out.println("[deploy-check] no kubectl kustomize: " + directory + " is checked file by file (base first), not as kustomize renders it");
		List<Map<String, Object>> objects = new ArrayList<>();
		List<Path> files = new ArrayList<>();
		if (!directory.equals(BASE)) {
			files.addAll(Repo.files(BASE, ".yaml"));
		}
		files.addAll(Repo.files(directory, ".yaml"));
		for (Path file : files) {
			if (!file.getFileName().toString().equals("kustomization.yaml")) {
				objects.addAll(Repo.yamlDocuments(Repo.read(file)));
			}
		}
		return new Rendered(objects, false);
	}

	static Optional<Path> onPath(String command) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/** The objects, and whether kustomize made them (or they are the files as they are). */
	record Rendered(List<Map<String, Object>> objects, boolean byKustomize) {

		List<Map<String, Object>> ofKind(String kind) {
			return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
		}

		Map<String, Object> named(String kind, String name) {
			return ofKind(kind).stream()
				.filter((object) -> name.equals(Repo.at(object, "metadata.name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no " + kind + " " + name));
		}

		/** A ConfigMap's data, merged over every ConfigMap of that name (kustomize's patch, approximated). */
		Map<String, Object> configMap(String name) {
			Map<String, Object> data = new java.util.TreeMap<>();
			ofKind("ConfigMap").stream()
				.filter((object) -> name.equals(Repo.at(object, "metadata.name")))
				.forEach((object) -> data.putAll(Repo.map(object.get("data"))));
			return data;
		}

	}

}
