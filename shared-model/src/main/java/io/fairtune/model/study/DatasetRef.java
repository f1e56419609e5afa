package io.fairtune.model.study;

/**
 * A dataset manifest as every service must see it. The hash travels in every event so that an evaluator
 * never scores against a manifest other than the one the trainer used.
 *
 * @param manifest path relative to the configured data root
 * @param sha256   hex SHA-256 of the manifest file's bytes
 */
public record DatasetRef(String manifest, String sha256) {
}
