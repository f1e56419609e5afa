package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void histogramQuantileOverARateKeepsOnlyTheBucketSeries() {
        assertEquals(Set.of("fairtune_evaluator_latency_seconds_bucket"), PromQlMetricNames.of(
                "histogram_quantile(0.95, sum by (le) (rate(fairtune_evaluator_latency_seconds_bucket{namespace=~\"$namespace\"}[$__rate_interval])))"));
    }

    @Test
    void ratiosOffsetsAndBinaryOperatorsYieldBothSides() {
        assertEquals(Set.of("a_sum", "a_count"), PromQlMetricNames.of("sum(rate(a_sum[5m])) / sum(rate(a_count[5m]))"));
        assertEquals(Set.of("k"), PromQlMetricNames.of("max by (topic) (k{topic!=\"\"}) offset 1h"));
        assertEquals(Set.of("a", "b"), PromQlMetricNames.of("a and on(pod) b"));
        assertEquals(Set.of("a", "b"), PromQlMetricNames.of("a * on (pod) group_left(node) b"));
        assertEquals(Set.of("foo"), PromQlMetricNames.of("sum without (instance) (foo) > bool 0"));
        assertEquals(Set.of("up"), PromQlMetricNames.of("1 - avg(up) * 1e-3"));
        assertEquals(Set.of("x_total"), PromQlMetricNames.of("increase(x_total{outcome=~\"fail|error\", a='}'}[1h]) * 60"));
    }

    @Test
    void grafanaTemplatingQueriesNameTheirMetric() {
        assertEquals(Set.of("m"), PromQlMetricNames.of("label_values(m{job=\"x\"}, namespace)"));
        assertEquals(Set.of(), PromQlMetricNames.of("label_values(namespace)"));
        assertEquals(Set.of("q"), PromQlMetricNames.of("query_result(topk(5, q))"));
    }
}
