package io.fairtune.optimizer.sampler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Non-dominated sorting and crowding distance over maximised objective vectors. */
public final class ParetoFront {

    private ParetoFront() {
    }

    public static boolean dominates(double[] a, double[] b) {
        boolean strictly = false;
        for (int i = 0; i < a.length; i++) {
            if (a[i] < b[i]) {
                return false;
            }
            if (a[i] > b[i]) {
                strictly = true;
            }
        }
        return strictly;
    }

    /** Indices of the first front. */
    public static List<Integer> front(List<double[]> points) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            boolean dominated = false;
            for (int j = 0; j < points.size() && !dominated; j++) {
                dominated = j != i && dominates(points.get(j), points.get(i));
            }
            if (!dominated) {
                out.add(i);
            }
        }
        return out;
    }

    /** Deb's fast non-dominated sort: rank[i] = 0 for the first front, 1 for the next... */
    public static int[] ranks(List<double[]> points) {
        int n = points.size();
        int[] dominatedCount = new int[n];
        List<List<Integer>> dominatesList = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            dominatesList.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (dominates(points.get(i), points.get(j))) {
                    dominatesList.get(i).add(j);
                    dominatedCount[j]++;
                } else if (dominates(points.get(j), points.get(i))) {
                    dominatesList.get(j).add(i);
                    dominatedCount[i]++;
                }
            }
        }
        int[] rank = new int[n];
        List<Integer> current = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (dominatedCount[i] == 0) {
                current.add(i);
            }
        }
        int r = 0;
        while (!current.isEmpty()) {
            List<Integer> next = new ArrayList<>();
            for (int i : current) {
                rank[i] = r;
                for (int j : dominatesList.get(i)) {
                    if (--dominatedCount[j] == 0) {
                        next.add(j);
                    }
                }
            }
            current = next;
            r++;
        }
        return rank;
    }

    /** Crowding distance of each point within the subset {@code members} (one front). */
    public static void crowding(List<double[]> points, List<Integer> members, double[] out) {
        if (members.isEmpty()) {
            return;
        }
        int m = points.get(members.get(0)).length;
        for (int idx : members) {
            out[idx] = 0;
        }
        for (int k = 0; k < m; k++) {
            final int obj = k;
            Integer[] sorted = members.toArray(new Integer[0]);
            Arrays.sort(sorted, (a, b) -> Double.compare(points.get(a)[obj], points.get(b)[obj]));
            double min = points.get(sorted[0])[obj];
            double max = points.get(sorted[sorted.length - 1])[obj];
            out[sorted[0]] = Double.POSITIVE_INFINITY;
            out[sorted[sorted.length - 1]] = Double.POSITIVE_INFINITY;
            if (max <= min) {
                continue;
            }
            for (int i = 1; i < sorted.length - 1; i++) {
                out[sorted[i]] += (points.get(sorted[i + 1])[obj] - points.get(sorted[i - 1])[obj]) / (max - min);
            }
        }
    }

    /** Area dominated by a two-objective front above {@code reference}; the test's measure of a front. */
    public static double hypervolume2d(List<double[]> points, double[] reference) {
        List<double[]> front = new ArrayList<>();
        for (int i : front(points)) {
            front.add(points.get(i));
        }
        front.sort((a, b) -> Double.compare(b[0], a[0]));
        double area = 0;
        double prevY = reference[1];
        for (double[] p : front) {
            if (p[0] <= reference[0] || p[1] <= prevY) {
                continue;
            }
            area += (p[0] - reference[0]) * (p[1] - prevY);
            prevY = p[1];
        }
        return area;
    }
}
