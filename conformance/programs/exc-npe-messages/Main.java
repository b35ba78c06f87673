class Node {
    String name;
    Node next;
    int[] data;
    Node(String n) { name = n; }
    String upper() { return name.toUpperCase(); }
}

public class Main {
    static Node field;
    static Node[] nodes;

    static void report(Runnable r) {
        try {
            r.run();
        } catch (NullPointerException e) {
            System.out.println(e.getMessage());
        }
    }

    public static void main(String[] args) {
        report(new Runnable() { public void run() { field.upper(); } });
        report(new Runnable() { public void run() { new Node(null).upper(); } });
        report(new Runnable() { public void run() { Node n = new Node("a"); System.out.println(n.next.name); } });
        report(new Runnable() { public void run() { Node n = new Node("a"); n.next.next = n; } });
        report(new Runnable() { public void run() { Node n = new Node("a"); n.data[0] = 1; } });
        report(new Runnable() { public void run() { Node n = new Node("a"); System.out.println(n.data.length); } });
        report(new Runnable() { public void run() { System.out.println(nodes[0]); } });
        report(new Runnable() { public void run() { Object o = null; synchronized (o) { System.out.println("x"); } } });
        report(new Runnable() { public void run() { throw null; } });
        report(new Runnable() { public void run() { Integer i = null; int x = i; } });
        report(new Runnable() { public void run() { String s = null; s.length(); } });
        report(new Runnable() { public void run() { Node n = new Node("a"); n.next = new Node(null); n.next.name.trim(); } });
        report(new Runnable() { public void run() { java.util.Objects.requireNonNull(null, "custom message here"); } });
        report(new Runnable() { public void run() { throw new NullPointerException("explicit"); } });
        report(new Runnable() { public void run() { getNode().upper(); } });
        report(new Runnable() { public void run() { long[][] m = new long[2][]; m[1][0] = 5L; } });
        System.out.println("uncaught follows");
        Node n = new Node("x");
        System.out.println(n.next.upper());
    }

    static Node getNode() { return null; }
}
