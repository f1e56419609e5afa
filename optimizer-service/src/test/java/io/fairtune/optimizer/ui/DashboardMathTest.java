package io.fairtune.optimizer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.StudySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's statistics and names against values worked out by hand (or from published tables). */
class DashboardMathTest {

    @Test
    void studentTQuantilesMatchTheTable() {
        assertEquals(12.706, StudentT.quantile975(1), 0.001);
        assertEquals(4.303, StudentT.quantile975(2), 0.001);
        assertEquals(4.303, StudentT.quantile975(2.7), 0.001, "fractional df below 3 round down (wider)");
        assertEquals(3.182, StudentT.quantile975(3), 0.03);
        assertEquals(2.228, StudentT.quantile975(10), 0.001);
        assertEquals(2.042, StudentT.quantile975(30), 0.001);
        assertEquals(1.962, StudentT.quantile975(1000), 0.001);
    }

    @Test
    void bitEffectIsTheDifferenceOfMeansWithAWelchInterval() {
        BitEffects e = BitEffects.estimate("min_auc", "maximize", List.of("a", "b"),
                List.of("10", "11", "00", "01"), List.of(0.9, 1.0, 0.5, 0.6));
        assertEquals(4, e.trials());
        BitEffects.Effect a = e.bits().get(0);
        assertEquals(2, a.on());
        assertEquals(0.4, a.effect(), 1e-12);
        // var 0.005 on each side, n = 2: se = sqrt(0.005), Welch df = 2, t = 4.303
        assertEquals(0.4 - 4.3027 * Math.sqrt(0.005), a.ciLow(), 1e-3);
        assertEquals(0.4 + 4.3027 * Math.sqrt(0.005), a.ciHigh(), 1e-3);
        BitEffects.Effect b = e.bits().get(1);
        assertEquals(0.1, b.effect(), 1e-12);
        assertEquals(0.1 - 4.3027 * Math.sqrt(0.08), b.ciLow(), 1e-3);
    }

    @Test
    void aBitNeverOrAlwaysSetHasNoEffectAndASingleTrialNoInterval() {
        BitEffects e = BitEffects.estimate("auc_gap", "minimize", List.of("a", "b"),
                List.of("10", "11", "10"), List.of(0.1, 0.2, 0.3));
        assertNull(e.bits().get(0).effect(), "always on: nothing to compare with");
        assertEquals(0.2, e.bits().get(0).meanOn(), 1e-12);
        BitEffects.Effect b = e.bits().get(1);
        assertEquals(0.2 - 0.2, b.effect(), 1e-12);
        assertNull(b.ciLow(), "one trial with the bit on has no variance");
    }

    @Test
    void wilsonAndHanleyMcNeilIntervals() {
        GroupMetrics.Estimate w = GroupMetrics.wilson(0.5, 10.0);
        assertEquals(0.2366, w.low(), 1e-4);
        assertEquals(0.7634, w.high(), 1e-4);
        GroupMetrics.Estimate zero = GroupMetrics.wilson(0.0, 20.0);
        assertEquals(0.0, zero.low(), 1e-12);
        assertEquals(0.1611, zero.high(), 1e-4);
        // A = 0.8, 10 positives, 20 negatives: Q1 = 2/3, Q2 = 32/45, SE = sqrt(1.75111 / 200)
        GroupMetrics.Estimate auc = GroupMetrics.auc(0.8, 10.0, 20.0);
        assertEquals(0.8 - 1.959964 * Math.sqrt(1.751111 / 200), auc.low(), 1e-5);
        assertEquals(0.8 + 1.959964 * Math.sqrt(1.751111 / 200), auc.high(), 1e-5);
        assertEquals(GroupMetrics.Estimate.UNDEFINED, GroupMetrics.auc(null, 10.0, 0.0));
    }

    @Test
    void groupsAreReadFromTheEvaluatorsKeysPerAttribute() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("group.female.auc", 0.7);
        m.put("group.female.positives", 5.0);
        m.put("group.female.negatives", 15.0);
        m.put("group.female.tpr", 0.6);
        m.put("group.male.auc", 0.8);
        m.put("groups.auc_undefined", 0.0);
        m.put("attr.age_binary.group.0-60.auc", 0.75);
        m.put("attr.age_binary.groups", 2.0);
        m.put("min_auc", 0.7);
        List<GroupMetrics> groups = GroupMetrics.of("sex", m);
        assertEquals(3, groups.size(), groups.toString());
        assertEquals("sex", groups.get(0).attribute());
        assertEquals("female", groups.get(0).group());
        assertEquals(0.6, groups.get(0).tpr().value());
        assertNull(groups.get(0).fpr().value(), "not reported: undefined");
        assertEquals("age_binary", groups.get(2).attribute());
        assertEquals("0-60", groups.get(2).group());
    }

    @Test
    void bitsAreNamedByTheComponentTheyUnfreeze() {
        assertEquals(List.of("blocks.0.norm1+norm2", "blocks.0.attn", "blocks.0.mlp", "blocks.1.norm1+norm2",
                "blocks.1.attn", "blocks.1.mlp"), BitNames.of(spec("vit", "components3", 2)));
        assertEquals(List.of("blocks.0", "blocks.1", "blocks.2"), BitNames.of(spec("vit", "blocks", 3)));
        assertEquals(List.of("blocks.0.attn.qkv.weight", "blocks.0.attn.qkv.bias", "blocks.0.attn.proj.weight",
                "blocks.0.attn.proj.bias"), BitNames.of(spec("vit", "attention-tensors", 1)));
        assertEquals(List.of("block 0", "block 1"), BitNames.of(spec("torchscript", "blocks", 2)));
    }

    @Test
    void csvQuotesWhatNeedsItAndDefusesFormulas() {
        ExportTable t = new ExportTable(List.of("a", "b", "c"));
        t.add(Arrays.asList(0.1, "x, \"y\"", null));
        t.add(Arrays.asList(-0.5, "=HYPERLINK(\"evil\")", "ok"));
        assertEquals("a,b,c\r\n0.1,\"x, \"\"y\"\"\",\r\n-0.5,\"'=HYPERLINK(\"\"evil\"\")\",ok\r\n", t.toCsv());
        assertEquals(-0.5, t.toJson().get(1).get("a"));
    }

    private static StudySpec spec(String kind, String space, int blocks) {
        BackboneSpec backbone = new BackboneSpec(kind, "x", null, 32, blocks);
        return new StudySpec("s", "d", "sex", List.of(), backbone, space, List.of("min_auc"), "tpe", null, 10, 1, null, null,
                null, null, null, null, null, 1L);
    }
}
