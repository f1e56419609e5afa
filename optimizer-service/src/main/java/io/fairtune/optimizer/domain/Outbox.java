package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialProposed;
import java.util.ArrayList;
import java.util.List;

/** What one state change produced: events to send and studies to refill, once its transaction has committed. */
final class Outbox {

    final List<TrialProposed> proposals = new ArrayList<>();
    final List<TrialCancelled> cancels = new ArrayList<>();
    final List<String> studiesToFill = new ArrayList<>();
}
