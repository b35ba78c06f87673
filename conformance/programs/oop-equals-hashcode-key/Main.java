import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

public class Main {
    static final class Point implements Cloneable {
        private final int x, y;
        Point(int x, int y) { this.x = x; this.y = y; }
        @Override public boolean equals(Object o) {
            if (this == o) return true;
            if (!(o instanceof Point)) return false;
            Point p = (Point) o;
            return x == p.x && y == p.y;
        }
        @Override public int hashCode() { return 31 * x + y; }
        @Override public String toString() { return "(" + x + "," + y + ")"; }
        @Override public Point clone() {
            try {
                return (Point) super.clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    static class NoEquals {
        final int v;
        NoEquals(int v) { this.v = v; }
        public int hashCode() { return v; }
    }

    static class Sheep implements Cloneable {
        String name;
        int[] tags;
        Sheep(String n, int[] t) { name = n; tags = t; }
        protected Sheep clone() throws CloneNotSupportedException {
            Sheep s = (Sheep) super.clone();
            s.tags = tags.clone();
            return s;
        }
    }

    static class NotCloneable {
        Object tryClone() throws CloneNotSupportedException { return super.clone(); }
    }

    public static void main(String[] args) throws Exception {
        Map<Point, String> names = new HashMap<Point, String>();
        for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) names.put(new Point(i, j), "p" + i + j);
        System.out.println("size " + names.size() + " get(2,1)=" + names.get(new Point(2, 1)) + " contains(9,9)=" + names.containsKey(new Point(9, 9)));
        System.out.println(names);
        names.put(new Point(2, 1), "replaced");
        System.out.println("after replace size " + names.size() + " value " + names.get(new Point(2, 1)));
        HashSet<Point> set = new HashSet<Point>();
        set.add(new Point(1, 1)); set.add(new Point(1, 1)); set.add(new Point(0, 32)); set.add(new Point(1, 1).clone());
        System.out.println("set " + set + " collide hash (1,1)=" + new Point(1, 1).hashCode() + " (0,32)=" + new Point(0, 32).hashCode());
        HashSet<NoEquals> ne = new HashSet<NoEquals>();
        ne.add(new NoEquals(1)); ne.add(new NoEquals(1));
        System.out.println("no equals override: size " + ne.size());
        Point a = new Point(3, 4);
        Point b = a.clone();
        System.out.println("clone equal " + a.equals(b) + " same " + (a == b) + " equals(null) " + a.equals(null) + " equals(string) " + a.equals("(3,4)"));
        Sheep dolly = new Sheep("dolly", new int[] {1, 2});
        Sheep copy = dolly.clone();
        copy.tags[0] = 99;
        copy.name = "copy";
        System.out.println("deep clone: original " + dolly.name + " " + dolly.tags[0] + " copy " + copy.name + " " + copy.tags[0]);
        try {
            new NotCloneable().tryClone();
        } catch (CloneNotSupportedException e) {
            System.out.println("CloneNotSupportedException: " + e.getMessage());
        }
        final int[] finalArr = {1, 2};
        finalArr[0] = 5;
        System.out.println("final array contents mutable " + finalArr[0]);
        System.out.println("String keys equal by value " + new HashMap<String, Integer>() {{ put("k", 1); }}.get(new String("k")));
    }
}
