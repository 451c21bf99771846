package io.onramp.sandbox;

import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** Hands out free addresses of a /16 (pod IPs from 10.244.0.0/16, service IPs from 10.96.0.0/16). */
final class PodAddresses {

  private static final int HOSTS = 256 * 256;

  private final String prefix;
  private final Set<String> used = new HashSet<>();
  private int cursor = 9;

  /** @param prefix the first two octets with a trailing dot, e.g. {@code "10.244."} */
  PodAddresses(String prefix) {
    this.prefix = prefix;
  }

  /** Replaces the set of taken addresses. */
  void refresh(Collection<String> taken) {
    used.clear();
    taken.stream().filter(Objects::nonNull).forEach(used::add);
  }

  void markUsed(String address) {
    if (address != null) {
      used.add(address);
    }
  }

  String next() {
    for (int i = 0; i < HOSTS; i++) {
      cursor = (cursor + 1) % HOSTS;
      int third = cursor / 256;
      int fourth = cursor % 256;
      if (fourth == 0 || fourth == 255 || (third == 0 && fourth < 10)) {
        continue;
      }
      String address = prefix + third + "." + fourth;
      if (used.add(address)) {
        return address;
      }
    }
    throw new IllegalStateException("no free address left in " + prefix + "0.0/16");
  }
}
