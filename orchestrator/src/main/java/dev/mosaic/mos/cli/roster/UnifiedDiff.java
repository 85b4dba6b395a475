package dev.mosaic.mos.cli.roster;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (3 lines of context) of two small texts, for {@code init --dry-run}. */
final class UnifiedDiff {

    private UnifiedDiff() {
    }

    /** The diff, or the empty string when the texts are equal. */
    static String diff(String a, String b, String nameA, String nameB) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        int n = x.length;
        int m = y.length;
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = x[i].equals(y[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // edit script: ' ' keep, '-' delete, '+' insert, with line numbers in a and b
        List<char[]> ops = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<int[]> pos = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x[i].equals(y[j])) {
                ops.add(new char[] {' '});
                texts.add(x[i]);
                pos.add(new int[] {i++, j++});
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new char[] {'-'});
                texts.add(x[i]);
                pos.add(new int[] {i++, j});
            } else {
                ops.add(new char[] {'+'});
                texts.add(y[j]);
                pos.add(new int[] {i, j++});
            }
        }
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - 3);
            int end = k;
            int lastChange = k;
            while (end < ops.size() && (ops.get(end)[0] != ' ' || end - lastChange <= 6)) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + 4);
            int aStart = pos.get(start)[0];
            int bStart = pos.get(start)[1];
            int aLen = 0;
            int bLen = 0;
            StringBuilder hunk = new StringBuilder();
            for (int h = start; h < end; h++) {
                char op = ops.get(h)[0];
                if (op != '+') {
                    aLen++;
                }
                if (op != '-') {
                    bLen++;
                }
                hunk.append(op).append(texts.get(h)).append('\n');
            }
            if (out.length() == 0) {
                out.append("--- ").append(nameA).append('\n').append("+++ ").append(nameB).append('\n');
            }
            out.append("@@ -").append(aStart + 1).append(',').append(aLen).append(" +").append(bStart + 1).append(',')
                    .append(bLen).append(" @@\n").append(hunk);
            k = end;
        }
        return out.toString();
    }
}
