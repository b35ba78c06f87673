import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

public class Main {
    record Point(int x, int y) {
        Point {
            if (x < 0 || y < 0) throw new IllegalArgumentException("negative coordinate: " + x + "," + y);
        }
        Point(int both) { this(both, both); }
        static Point origin() { return new Point(0, 0); }
        double dist() { return Math.sqrt(x * x + y * y); }
    }

    record Range(int lo, int hi) {
        Range {
            if (lo > hi) { int t = lo; lo = hi; hi = t; }
        }
        int length() { return hi - lo; }
    }

    record Named<T>(String name, T value) {
        public String toString() { return name + "=>" + value; }
    }

    record Mixed(long l, double d, float f, char c, boolean b, byte by, short s, String str, int[] arr) {}

    record Empty() {}

    interface HasArea { double area(); }
    record Rect(double w, double h) implements HasArea {
        public double area() { return w * h; }
        public double w() { return Math.abs(w); }
    }

    public static void main(String[] args) {
        Point p = new Point(3, 4);
        System.out.println(p + " x=" + p.x() + " y=" + p.y() + " dist=" + p.dist() + " origin=" + Point.origin() + " diag=" + new Point(7));
        System.out.println("equals " + p.equals(new Point(3, 4)) + " " + p.equals(new Point(4, 3)) + " hashCode " + p.hashCode() + " " + new Point(3, 4).hashCode());
        try {
            new Point(-1, 2);
        } catch (IllegalArgumentException e) {
            System.out.println("compact ctor: " + e.getMessage());
        }
        Range r = new Range(9, 2);
        System.out.println(r + " length " + r.length());
        System.out.println(new Named<>("answer", 42) + " " + new Named<>("list", java.util.List.of(1, 2)));
        Mixed m = new Mixed(1L << 40, -0.0, 1.5f, 'z', true, (byte) -1, (short) 300, null, null);
        System.out.println(m);
        System.out.println("Mixed hash " + m.hashCode() + " equals self " + m.equals(new Mixed(1L << 40, -0.0, 1.5f, 'z', true, (byte) -1, (short) 300, null, null)));
        System.out.println("NaN record equal " + new Mixed(0, Double.NaN, 0f, 'a', false, (byte) 0, (short) 0, "", null).equals(new Mixed(0, Double.NaN, 0f, 'a', false, (byte) 0, (short) 0, "", null)));
        System.out.println("Empty " + new Empty() + " " + new Empty().equals(new Empty()) + " hash " + new Empty().hashCode());
        Rect rect = new Rect(-2, 3);
        System.out.println(rect + " w()=" + rect.w() + " area " + rect.area() + " HasArea " + (rect instanceof HasArea));
        Map<Point, String> map = new HashMap<>();
        map.put(new Point(1, 2), "a");
        map.put(new Point(2, 1), "b");
        map.put(new Point(1, 2), "c");
        System.out.println("map size " + map.size() + " get " + map.get(new Point(1, 2)));
        Set<Range> set = new HashSet<>();
        set.add(new Range(1, 5));
        set.add(new Range(5, 1));
        System.out.println("normalised set size " + set.size());
        System.out.println("isRecord " + Point.class.isRecord() + " components " + Point.class.getRecordComponents().length + " first " + Point.class.getRecordComponents()[0].getName() + " super " + Point.class.getSuperclass().getName());
    }
}
