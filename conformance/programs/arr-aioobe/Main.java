public class Main {
    static int get(int[] a, int i) { return a[i]; }

    public static void main(String[] args) {
        int[] a = {1, 2, 3};
        int[] idx = {0, 2, 3, -1, 100};
        for (int i : idx) {
            try {
                System.out.println("a[" + i + "]=" + get(a, i));
            } catch (ArrayIndexOutOfBoundsException e) {
                System.out.println("caught: " + e.getMessage());
                System.out.println("toString: " + e);
            }
        }
        String[] s = new String[0];
        try {
            s[0] = "x";
        } catch (ArrayIndexOutOfBoundsException e) {
            System.out.println("empty store: " + e.getMessage());
        }
        long[][] m = new long[2][2];
        try {
            m[1][2] = 5;
        } catch (IndexOutOfBoundsException e) {
            System.out.println("2d: " + e.getMessage() + " isAIOOBE=" + (e instanceof ArrayIndexOutOfBoundsException));
        }
        try {
            java.util.ArrayList<Integer> l = new java.util.ArrayList<Integer>();
            l.add(1);
            l.get(3);
        } catch (IndexOutOfBoundsException e) {
            System.out.println("list: " + e.getMessage() + " class " + e.getClass().getName());
        }
        try {
            char c = "abc".charAt(10);
        } catch (IndexOutOfBoundsException e) {
            System.out.println("string: " + e.getMessage() + " class " + e.getClass().getName());
        }
        try {
            a[5] = 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
        System.out.println("done");
    }
}
