import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.TreeMap;

public class Main {
    static class Range implements Iterable<Integer> {
        final int lo, hi;
        Range(int lo, int hi) { this.lo = lo; this.hi = hi; }
        public Iterator<Integer> iterator() {
            return new Iterator<Integer>() {
                int cur = lo;
                public boolean hasNext() { return cur < hi; }
                public Integer next() {
                    if (cur >= hi) throw new java.util.NoSuchElementException("range exhausted at " + cur);
                    return cur++;
                }
            };
        }
    }

    public static void main(String[] args) {
        List<Integer> list = new ArrayList<Integer>();
        for (int i : new Range(0, 15)) list.add(i);
        Iterator<Integer> it = list.iterator();
        while (it.hasNext()) if (it.next() % 3 == 0) it.remove();
        System.out.println("without multiples of 3: " + list);
        LinkedList<String> ll = new LinkedList<String>();
        for (String s : "a b c d e f".split(" ")) ll.add(s);
        ListIterator<String> li = ll.listIterator();
        while (li.hasNext()) {
            int idx = li.nextIndex();
            String s = li.next();
            if (s.equals("b")) li.remove();
            else if (s.equals("c")) li.set("C");
            else if (s.equals("d")) li.add("d2");
            else if (idx == 0) li.add("a2");
        }
        System.out.println("listIterator edits: " + ll);
        StringBuilder back = new StringBuilder();
        while (li.hasPrevious()) back.append(li.previous());
        System.out.println("backwards: " + back);
        try {
            Iterator<Integer> bad = list.iterator();
            bad.remove();
        } catch (IllegalStateException e) {
            System.out.println("remove before next: IllegalStateException");
        }
        Iterator<Integer> r = new Range(0, 1).iterator();
        r.next();
        try {
            r.next();
        } catch (java.util.NoSuchElementException e) {
            System.out.println("NoSuchElementException: " + e.getMessage());
        }
        try {
            r.remove();
        } catch (UnsupportedOperationException e) {
            System.out.println("default remove: UnsupportedOperationException " + e.getMessage());
        }
        TreeMap<String, Integer> tm = new TreeMap<String, Integer>();
        for (int i = 0; i < 10; i++) tm.put("k" + i, i);
        Iterator<String> ki = tm.keySet().iterator();
        while (ki.hasNext()) if (tm.get(ki.next()) % 2 == 1) ki.remove();
        System.out.println("tree after key removal " + tm);
        tm.values().remove(4);
        System.out.println("values().remove(4) " + tm);
        int sum = 0;
        for (Iterator<Integer> vi = tm.values().iterator(); vi.hasNext();) sum += vi.next();
        System.out.println("sum " + sum);
    }
}
