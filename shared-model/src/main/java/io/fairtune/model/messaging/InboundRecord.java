package io.fairtune.model.messaging;

/** A record as it arrived, whatever client delivered it: its topic, key (may be null) and payload. */
public record InboundRecord(String topic, String key, String payload) {

    /** The same record for the dead-letter topic, with the headers that say where it came from and why. */
    public OutboundRecord deadLetter(String error) {
        return new OutboundRecord(key, payload == null ? "" : payload, java.util.Map.of(
                DeadLetterHeaders.SOURCE_TOPIC, String.valueOf(topic),
                DeadLetterHeaders.ERROR, String.valueOf(error)), OutboundRecord.KEY_DECIDES);
    }
}
