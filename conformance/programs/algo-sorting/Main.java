public class Main {
    static int[] data(int n, int seed) {
        int[] a = new int[n];
        int s = seed;
        for (int i = 0; i < n; i++) {
            s = s * 1664525 + 1013904223;
            a[i] = (s >>> 8) % 1000 - 500;
        }
        return a;
    }

    static long checksum(int[] a) {
        long h = 0;
        for (int v : a) h = h * 31 + v;
        return h;
    }

    static boolean sorted(int[] a) {
        for (int i = 1; i < a.length; i++) if (a[i - 1] > a[i]) return false;
        return true;
    }

    static void bubble(int[] a) {
        for (int i = 0; i < a.length; i++)
            for (int j = 0; j + 1 < a.length - i; j++)
                if (a[j] > a[j + 1]) { int t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
    }

    static void insertion(int[] a) {
        for (int i = 1; i < a.length; i++) {
            int v = a[i], j = i - 1;
            while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
            a[j + 1] = v;
        }
    }

    static void quick(int[] a, int lo, int hi) {
        if (lo >= hi) return;
        int p = a[(lo + hi) >>> 1], i = lo, j = hi;
        while (i <= j) {
            while (a[i] < p) i++;
            while (a[j] > p) j--;
            if (i <= j) { int t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        quick(a, lo, j);
        quick(a, i, hi);
    }

    static void merge(int[] a, int[] tmp, int lo, int hi) {
        if (hi - lo < 2) return;
        int mid = (lo + hi) / 2;
        merge(a, tmp, lo, mid);
        merge(a, tmp, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
        while (i < mid) tmp[k++] = a[i++];
        while (j < hi) tmp[k++] = a[j++];
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }

    static void heap(int[] a) {
        int n = a.length;
        for (int i = n / 2 - 1; i >= 0; i--) sift(a, i, n);
        for (int end = n - 1; end > 0; end--) {
            int t = a[0]; a[0] = a[end]; a[end] = t;
            sift(a, 0, end);
        }
    }

    static void sift(int[] a, int i, int n) {
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < n && a[l] > a[m]) m = l;
            if (r < n && a[r] > a[m]) m = r;
            if (m == i) return;
            int t = a[i]; a[i] = a[m]; a[m] = t;
            i = m;
        }
    }

    static void counting(int[] a) {
        int[] cnt = new int[1000];
        for (int v : a) cnt[v + 500]++;
        int k = 0;
        for (int i = 0; i < cnt.length; i++) while (cnt[i]-- > 0) a[k++] = i - 500;
    }

    public static void main(String[] args) {
        int[] base = data(600, 7);
        System.out.println("input checksum " + checksum(base) + " first " + base[0] + " " + base[1] + " " + base[2]);
        String[] names = {"bubble", "insertion", "quick", "merge", "heap", "counting", "Arrays.sort"};
        for (String name : names) {
            int[] a = base.clone();
            switch (name) {
                case "bubble": bubble(a); break;
                case "insertion": insertion(a); break;
                case "quick": quick(a, 0, a.length - 1); break;
                case "merge": merge(a, new int[a.length], 0, a.length); break;
                case "heap": heap(a); break;
                case "counting": counting(a); break;
                default: java.util.Arrays.sort(a);
            }
            System.out.println(name + ": sorted=" + sorted(a) + " checksum=" + checksum(a) + " min=" + a[0] + " median=" + a[a.length / 2] + " max=" + a[a.length - 1]);
        }
    }
}
