import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedList;

public class Main {
    public static void main(String[] args) {
        LinkedList<String> ll = new LinkedList<String>();
        ll.add("b"); ll.addFirst("a"); ll.addLast("c"); ll.add(1, "a2");
        System.out.println(ll + " first=" + ll.getFirst() + " last=" + ll.getLast());
        System.out.println("poll=" + ll.poll() + " pollLast=" + ll.pollLast() + " peek=" + ll.peek() + " now " + ll);
        ll.push("pushed");
        System.out.println("pop=" + ll.pop() + " " + ll);
        Iterator<String> desc = ll.descendingIterator();
        StringBuilder sb = new StringBuilder();
        while (desc.hasNext()) sb.append(desc.next()).append(';');
        System.out.println("descending " + sb);
        ll.add(null);
        System.out.println("with null " + ll + " indexOf(null)=" + ll.indexOf(null));
        ArrayDeque<Integer> dq = new ArrayDeque<Integer>(2);
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) dq.offerFirst(i); else dq.offerLast(i);
        }
        System.out.println("deque " + dq + " size " + dq.size());
        System.out.println("pollFirst " + dq.pollFirst() + " pollLast " + dq.pollLast() + " peekFirst " + dq.peekFirst() + " peekLast " + dq.peekLast());
        Deque<Character> stack = new ArrayDeque<Character>();
        String expr = "{[()()]}([)]";
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                stack.push(c);
            } else {
                char open = stack.isEmpty() ? '?' : stack.pop();
                boolean ok = (open == '(' && c == ')') || (open == '[' && c == ']') || (open == '{' && c == '}');
                System.out.println("pos " + i + " close " + c + " open " + open + " match " + ok);
            }
        }
        try {
            new ArrayDeque<String>().addFirst(null);
        } catch (NullPointerException e) {
            System.out.println("ArrayDeque null: NPE");
        }
        try {
            new ArrayDeque<String>().removeFirst();
        } catch (java.util.NoSuchElementException e) {
            System.out.println("NoSuchElementException " + e.getMessage());
        }
        try {
            new LinkedList<String>().getFirst();
        } catch (java.util.NoSuchElementException e) {
            System.out.println("LinkedList NoSuchElementException " + e.getMessage());
        }
        ArrayDeque<Integer> ring = new ArrayDeque<Integer>();
        int total = 0;
        for (int i = 0; i < 1000; i++) {
            ring.addLast(i);
            if (ring.size() > 5) total += ring.removeFirst();
        }
        System.out.println("ring " + ring + " total " + total);
    }
}
