package io.onramp.vms;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Where a VM fetches its lab's files: {@code onramp.vms.lab-files-url} with {@code {lab}} filled in. */
final class LabUrls {

    static final String PLACEHOLDER = "{lab}";
    /** Lab ids as the labs content defines them (also what {@link VmWorkspaces} accepts). */
    static final Pattern LAB_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,48}[a-z0-9])?");

    private LabUrls() {
    }

    static boolean valid(String template) {
        if (template == null || !template.contains(PLACEHOLDER) || template.length() > 1000) {
            return false;
        }
        try {
            URI probe = URI.create(template.replace(PLACEHOLDER, "lab"));
            return ("https".equals(probe.getScheme()) || "http".equals(probe.getScheme())) && probe.getHost() != null
                    && probe.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The URL of {@code lab}'s files, or "" when there is no URL template or no (well-formed) lab. The lab is
     * validated at create already; checking and percent-encoding it here is the second line of defence.
     */
    static String of(String template, String lab) {
        if (template == null || lab == null || !LAB_ID.matcher(lab).matches()) {
            return "";
        }
        return template.replace(PLACEHOLDER, URLEncoder.encode(lab, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
