package io.onramp.labs;

/** One step of a CodeTour tour (the fields Onramp looks at); absent fields are null. */
public record TourStep(String title, String description, String file, String directory, Integer line,
        String pattern, String uri) {
}
