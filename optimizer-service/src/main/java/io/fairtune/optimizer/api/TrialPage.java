package io.fairtune.optimizer.api;

import java.util.List;

public record TrialPage(int page, int size, long total, List<TrialView> items) {
}
