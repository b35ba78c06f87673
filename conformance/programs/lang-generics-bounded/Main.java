import java.util.ArrayList;
import java.util.List;

public class Main {
    static class Pair<A, B> {
        final A first;
        final B second;
        Pair(A a, B b) { first = a; second = b; }
        <C> Pair<A, C> withSecond(C c) { return new Pair<A, C>(first, c); }
        Pair<B, A> swap() { return new Pair<B, A>(second, first); }
        public String toString() { return "(" + first + ", " + second + ")"; }
    }

    static class Box<T extends Comparable<T>> {
        private final List<T> items = new ArrayList<T>();
        void add(T t) { items.add(t); }
        T max() {
            T best = null;
            for (T t : items) if (best == null || t.compareTo(best) > 0) best = t;
            return best;
        }
    }

    static class Node<T> {
        T value;
        Node<T> next;
        Node(T v, Node<T> n) { value = v; next = n; }
    }

    static class Stack<T> {
        private Node<T> head;
        private int size;
        void push(T t) { head = new Node<T>(t, head); size++; }
        T pop() {
            if (head == null) throw new IllegalStateException("empty stack");
            T v = head.value;
            head = head.next;
            size--;
            return v;
        }
        int size() { return size; }
    }

    static double sum(List<? extends Number> nums) {
        double s = 0;
        for (Number n : nums) s += n.doubleValue();
        return s;
    }

    static void fill(List<? super Integer> sink, int n) {
        for (int i = 0; i < n; i++) sink.add(i);
    }

    static <T extends Comparable<? super T>> T maxOf(List<? extends T> list) {
        T m = list.get(0);
        for (T t : list) if (t.compareTo(m) > 0) m = t;
        return m;
    }

    static <K, V extends Number> String show(K k, V v) { return k + "=" + v.intValue(); }

    public static void main(String[] args) {
        Pair<String, Integer> p = new Pair<String, Integer>("age", 42);
        System.out.println(p + " " + p.swap() + " " + p.withSecond(3.5) + " " + p.withSecond(new Pair<Character, Boolean>('x', true)));
        Box<String> bs = new Box<String>();
        bs.add("pear"); bs.add("zucchini"); bs.add("apple");
        Box<Integer> bi = new Box<Integer>();
        bi.add(3); bi.add(-9); bi.add(17);
        System.out.println("max " + bs.max() + " " + bi.max() + " empty " + new Box<Double>().max());
        Stack<String> st = new Stack<String>();
        for (String s : "a b c d".split(" ")) st.push(s);
        StringBuilder sb = new StringBuilder();
        while (st.size() > 0) sb.append(st.pop());
        System.out.println("stack " + sb);
        try {
            st.pop();
        } catch (IllegalStateException e) {
            System.out.println("pop empty: " + e.getMessage());
        }
        List<Integer> ints = new ArrayList<Integer>();
        fill(ints, 5);
        List<Number> nums = new ArrayList<Number>();
        fill(nums, 3);
        nums.add(2.5);
        List<Object> objs = new ArrayList<Object>();
        fill(objs, 2);
        System.out.println("sum ints " + sum(ints) + " sum nums " + sum(nums) + " objs " + objs);
        System.out.println("maxOf " + maxOf(ints) + " " + maxOf(java.util.Arrays.asList("b", "c", "a")));
        System.out.println(show("k", 3.99) + " " + Main.<String, Long>show("L", 7L));
        List raw = ints;
        raw.add("sneaky");
        System.out.println("raw list size " + ints.size() + " last " + raw.get(raw.size() - 1));
        Pair<?, ?> wild = p;
        System.out.println("wildcard " + wild.first + " generic class " + Pair.class.getTypeParameters().length + " " + Pair.class.getTypeParameters()[0].getName());
    }
}
