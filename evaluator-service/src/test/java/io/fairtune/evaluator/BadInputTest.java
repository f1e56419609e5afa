package io.fairtune.evaluator;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.fairtune.model.messaging.DeadLetterHeaders;
import io.fairtune.evaluator.support.TestSplit;
import io.fairtune.model.messaging.TopicNames;
import io.fairtune.infra.TopicClient;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every way predictions can be wrong fails the trial with a reason; undecodable messages are dead-lettered. */
@QuarkusTest
class BadInputTest {

    private static final TopicClient BROKER = TopicClient.onTestBroker();

    static final TestSplit SPLIT = new TestSplit("bad", 40, 11);
    static final EvaluationSpec SPEC = TestSplit.spec(EvaluationSpec.THRESHOLD_FIXED, "min_auc");

    private record Sent(List<String> ids, double[] scores) {
    }

    private static Sent valid() {
        return new Sent(new ArrayList<>(SPLIT.ids), SPLIT.scores.clone());
    }

    private static String failsWith(UnaryOperator<Sent> corrupt, DatasetRef ref, EvaluationSpec spec) {
        String trial = "bad-" + UUID.randomUUID();
        Sent s = corrupt.apply(valid());
        TrialPredicted p = SPLIT.predicted(trial, 1, spec, s.ids(), s.scores(), ref);
        BROKER.send(TopicNames.PREDICTED, trial, EventCodec.encode(p));
        TrialFailed failed = assertInstanceOf(TrialFailed.class,
                EventCodec.decode(BROKER.awaitOne(TopicNames.SCORED, trial).value()));
        assertEquals(TrialFailed.STAGE_EVALUATION, failed.stage());
        assertFalse(failed.retryable());
        assertEquals(1, failed.attempt());
        return failed.reason();
    }

    private static String failsWith(UnaryOperator<Sent> corrupt) {
        return failsWith(corrupt, SPLIT.ref, SPEC);
    }

    @Test
    void unknownSampleId() {
        assertThat(failsWith(s -> {
            s.ids().set(3, "nobody");
            return s;
        }), containsString("1 unknown sample id(s) not in split 'val' of the manifest, e.g. nobody"));
    }

    @Test
    void trainSampleIsUnknownInTheValSplit() {
        assertThat(failsWith(s -> {
            s.ids().set(0, "bad-t1");
            return s;
        }), containsString("unknown sample id(s)"));
    }

    @Test
    void duplicateSampleId() {
        assertThat(failsWith(s -> {
            s.ids().set(5, s.ids().get(4));
            return s;
        }), containsString("1 duplicate sample id(s), e.g. bad-v4"));
    }

    @Test
    void missingSampleIds() {
        assertThat(failsWith(s -> new Sent(s.ids().subList(0, 37), java.util.Arrays.copyOf(s.scores(), 37))),
                containsString("3 missing sample id(s) of split 'val' without a prediction, e.g. bad-v37, bad-v38, bad-v39"));
    }

    @Test
    void scoreAboveOne() {
        assertThat(failsWith(s -> {
            s.scores()[2] = 1.5;
            return s;
        }), containsString("1 score(s) outside [0,1] or NaN, e.g. bad-v2=1.5"));
    }

    @Test
    void negativeScore() {
        assertThat(failsWith(s -> {
            s.scores()[0] = -0.01;
            return s;
        }), containsString("outside [0,1]"));
    }

    @Test
    void nanScore() {
        assertThat(failsWith(s -> {
            s.scores()[1] = Double.NaN;
            return s;
        }), containsString("bad-v1=NaN"));
    }

    @Test
    void manifestHashMismatch() {
        DatasetRef wrong = new DatasetRef(SPLIT.ref.manifest(), "0".repeat(64));
        assertThat(failsWith(s -> s, wrong, SPEC), containsString("but the trial was trained against 0000"));
    }

    @Test
    void manifestOutsideTheDataRoot() {
        assertThat(failsWith(s -> s, new DatasetRef("../../pom.xml", SPLIT.ref.sha256()), SPEC),
                containsString("'..' is not allowed"));
    }

    @Test
    void unknownAttribute() {
        EvaluationSpec spec = new EvaluationSpec("age", List.of(), List.of("min_auc"), "fixed", 0, 1);
        assertThat(failsWith(s -> s, SPLIT.ref, spec), containsString("no attribute column 'age'"));
    }

    @Test
    void malformedMessagesAreDeadLetteredAndConsumptionContinues() {
        String key = "poison-" + UUID.randomUUID();
        BROKER.send(TopicNames.PREDICTED, key, "{ this is not json");
        ConsumerRecord<String, String> dead = BROKER.awaitOne(TopicNames.DLQ, key);
        assertEquals("{ this is not json", dead.value());
        assertEquals(TopicNames.PREDICTED, TopicClient.header(dead, DeadLetterHeaders.SOURCE_TOPIC));
        assertThat(TopicClient.header(dead, DeadLetterHeaders.ERROR), containsString("not a trial event"));

        String wrongType = "wrong-" + UUID.randomUUID();
        BROKER.send(TopicNames.PREDICTED, wrongType, EventCodec.encode(new TrialFailed(1, "s", wrongType, 1,
                TrialFailed.STAGE_TRAINING, "oom", true, Instant.now())));
        assertThat(TopicClient.header(BROKER.awaitOne(TopicNames.DLQ, wrongType), DeadLetterHeaders.ERROR),
                containsString("does not belong"));

        String trial = "after-poison-" + UUID.randomUUID();
        BROKER.send(TopicNames.PREDICTED, trial, EventCodec.encode(SPLIT.predicted(trial, 1, SPEC)));
        assertInstanceOf(TrialScored.class, EventCodec.decode(BROKER.awaitOne(TopicNames.SCORED, trial).value()));
    }
}
