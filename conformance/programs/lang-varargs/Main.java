public class Main {
    static int sum(int... xs) {
        int s = 0;
        for (int x : xs) s += x;
        return s;
    }

    static String describe(String label, Object... items) {
        StringBuilder sb = new StringBuilder(label).append(" (").append(items == null ? "null array" : items.length + " items").append("):");
        if (items != null) for (Object o : items) sb.append(' ').append(o);
        return sb.toString();
    }

    static String pick(Object o) { return "single Object"; }
    static String pick(Object... os) { return "varargs " + os.length; }
    static String pick(int a, int b) { return "two ints"; }
    static String pick2(long... ls) { return "long varargs " + ls.length; }
    static String pick2(Integer... is) { return "Integer varargs " + is.length; }

    @SafeVarargs
    static <T> java.util.List<T> listOf(T... ts) {
        java.util.List<T> l = new java.util.ArrayList<T>();
        for (T t : ts) l.add(t);
        return l;
    }

    public static void main(String[] args) {
        System.out.println(sum() + " " + sum(1) + " " + sum(1, 2, 3) + " " + sum(new int[] {4, 5, 6}));
        System.out.println(describe("none"));
        System.out.println(describe("three", 1, "two", 3.0));
        System.out.println(describe("array", new Object[] {"x", "y"}));
        System.out.println(describe("null array", (Object[]) null));
        System.out.println(describe("null element", (Object) null));
        System.out.println(describe("nested", (Object) new String[] {"a", "b"}.length));
        System.out.println(pick("x") + " | " + pick() + " | " + pick(1, 2) + " | " + pick(1, 2, 3) + " | " + pick("a", "b"));
        System.out.println(pick2(1L, 2L) + " | " + pick2(new Integer[] {1, 2, 3}));
        System.out.println(listOf("a", "b", "c") + " " + listOf(1, 2) + " " + listOf().size());
        System.out.println(String.join(",", "p", "q") + " " + java.util.Arrays.asList(1, 2, 3) + " " + java.util.Objects.hash() + " " + java.util.Objects.hash((Object) null));
        int[][] grid = {{1}, {2, 3}};
        System.out.println(describe("int arrays", grid[0].length, grid[1].length));
        System.out.println(java.util.Arrays.asList(new int[] {1, 2}).size() + " " + java.util.Arrays.asList(new Integer[] {1, 2}).size());
    }
}
