package io.onramp.labs;

import java.util.List;

/**
 * A CodeTour tour of a lab: {@code file} is its path in the lab folder ({@code .tours/01-intro.tour}), {@code name}
 * the file name without {@code .tour} ({@code 01-intro}), {@code json} the file as written.
 */
public record Tour(String file, String name, String title, boolean primary, List<TourStep> steps, String json) {

    public Tour {
        steps = List.copyOf(steps);
    }
}
