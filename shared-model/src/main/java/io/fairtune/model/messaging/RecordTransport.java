package io.fairtune.model.messaging;

import java.util.concurrent.CompletionStage;

/**
 * The one client-specific step of publishing: hand a record to the broker; the stage completes when the broker
 * acknowledged it. A service writes it in one line over its client; {@link Publisher} does the rest.
 */
@FunctionalInterface
public interface RecordTransport {

    CompletionStage<Void> send(OutboundRecord record);
}
