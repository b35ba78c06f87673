import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

public class Main {
    static class ByLengthThenAlpha implements Comparator<String> {
        public int compare(String a, String b) {
            if (a.length() != b.length()) return a.length() - b.length();
            return a.compareTo(b);
        }
    }

    static class Person implements Comparable<Person> {
        final String name;
        final int age;
        Person(String name, int age) { this.name = name; this.age = age; }
        public int compareTo(Person o) { return Integer.compare(age, o.age); }
        public String toString() { return name + "(" + age + ")"; }
    }

    static class Reverse implements Comparator<Person> {
        public int compare(Person a, Person b) { return b.name.compareTo(a.name); }
    }

    public static void main(String[] args) {
        int[] ints = {5, -3, 9, 0, 2, Integer.MIN_VALUE, 7, Integer.MAX_VALUE, -3};
        Arrays.sort(ints);
        System.out.println(Arrays.toString(ints));
        double[] ds = {3.5, Double.NaN, -0.0, 0.0, -1e9, Double.NEGATIVE_INFINITY, 2.0};
        Arrays.sort(ds);
        System.out.println(Arrays.toString(ds));
        char[] cs = "conformance".toCharArray();
        Arrays.sort(cs);
        System.out.println(new String(cs));
        String[] words = {"pear", "fig", "apple", "kiwi", "banana", "date", "Cherry"};
        String[] copy = words.clone();
        Arrays.sort(copy);
        System.out.println("natural " + Arrays.toString(copy));
        Arrays.sort(words, new ByLengthThenAlpha());
        System.out.println("byLength " + Arrays.toString(words));
        Person[] ps = {new Person("Ann", 31), new Person("Bob", 25), new Person("Cid", 31), new Person("Dee", 19), new Person("Eve", 25)};
        Arrays.sort(ps);
        System.out.println("stable by age " + Arrays.toString(ps));
        Arrays.sort(ps, new Reverse());
        System.out.println("by name desc " + Arrays.toString(ps));
        int[] big = new int[200];
        int seed = 12345;
        for (int i = 0; i < big.length; i++) {
            seed = seed * 1103515245 + 12345;
            big[i] = (seed >>> 16) % 1000;
        }
        Arrays.sort(big);
        System.out.println("big first " + big[0] + " last " + big[199] + " mid " + big[100]);
        System.out.println("binarySearch " + Arrays.binarySearch(ints, 7) + " missing " + Arrays.binarySearch(ints, 4));
        List<String> list = Arrays.asList("x", "y", "z");
        System.out.println("asList " + list + " size " + list.size() + " get " + list.get(1));
        list.set(1, "Y");
        System.out.println("after set " + list);
        try {
            list.add("w");
        } catch (UnsupportedOperationException e) {
            System.out.println("asList add: UnsupportedOperationException " + e.getMessage());
        }
        int[] part = {9, 8, 7, 6, 5, 4};
        Arrays.sort(part, 1, 4);
        System.out.println("range sort " + Arrays.toString(part));
        Integer[] boxed = {3, 1, 2};
        Arrays.sort(boxed, java.util.Collections.reverseOrder());
        System.out.println("reverseOrder " + Arrays.toString(boxed));
        long[] ls = {3L, -1L};
        Arrays.sort(ls);
        System.out.println(Arrays.toString(ls) + " " + Arrays.toString(new boolean[] {true, false}) + " " + Arrays.toString((Object[]) null) + " " + Arrays.hashCode(new int[] {1, 2}));
        int[] filled = new int[4];
        Arrays.fill(filled, 7);
        System.out.println(Arrays.toString(filled) + " copyOf " + Arrays.toString(Arrays.copyOf(filled, 6)) + " copyOfRange " + Arrays.toString(Arrays.copyOfRange(ints, 2, 5)));
    }
}
