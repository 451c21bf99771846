package io.onramp.sandbox;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;

import java.nio.charset.StandardCharsets;

/**
 * The {@code pod-template-hash} / {@code controller-revision-hash} of a pod template: FNV-1a (32 bit) of its JSON
 * form, encoded with the API server's "safe" alphabet, like {@code 7c5ddbdf54}.
 */
final class TemplateHash {

  private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";

  private TemplateHash() {
  }

  static String of(PodTemplateSpec template) {
    byte[] bytes = Json.write(template).getBytes(StandardCharsets.UTF_8);
    int hash = 0x811c9dc5;
    for (byte b : bytes) {
      hash ^= (b & 0xff);
      hash *= 0x01000193;
    }
    String decimal = Integer.toUnsignedString(hash);
    StringBuilder encoded = new StringBuilder(decimal.length());
    for (char c : decimal.toCharArray()) {
      encoded.append(ALPHANUMS.charAt(c % ALPHANUMS.length()));
    }
    return encoded.toString();
  }
}
