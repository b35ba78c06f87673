import java.util.*;

public class Main {
    record Prims(byte b, short s, char c, int i, long l, float f, double d, boolean z) {}
    record Refs(String str, Integer boxed, List<String> list, Object any) {}
    record WithArray(int[] values, String tag) {}
    record Empty() {}
    record Single(long only) {}
    record Nested(Prims prims, Refs refs, Empty empty) {}
    record Generic<T extends Comparable<T>>(T value, List<T> more) {}
    enum Suit { HEARTS, SPADES }
    record Card(Suit suit, int rank) {}

    public static void main(String[] args) {
        Prims p = new Prims((byte) -1, Short.MAX_VALUE, 'x', Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f, -2.25, true);
        System.out.println(p);
        System.out.println("hash " + p.hashCode() + " eq " + p.equals(new Prims((byte) -1, Short.MAX_VALUE, 'x', Integer.MIN_VALUE, Long.MAX_VALUE, 1.5f, -2.25, true)));
        System.out.println("accessors " + p.b() + " " + p.s() + " " + p.c() + " " + p.i() + " " + p.l() + " " + p.f() + " " + p.d() + " " + p.z());
        Prims nan1 = new Prims((byte) 0, (short) 0, '\0', 0, 0, Float.NaN, Double.NaN, false);
        Prims nan2 = new Prims((byte) 0, (short) 0, '\0', 0, 0, Float.NaN, Double.NaN, false);
        System.out.println("NaN components equal " + nan1.equals(nan2) + " hash " + nan1.hashCode() + " " + (nan1.hashCode() == nan2.hashCode()));
        Prims zero = new Prims((byte) 0, (short) 0, 'a', 0, 0, 0.0f, 0.0, false);
        Prims negZero = new Prims((byte) 0, (short) 0, 'a', 0, 0, -0.0f, -0.0, false);
        System.out.println("0.0 vs -0.0 equal " + zero.equals(negZero) + " hashes " + zero.hashCode() + " " + negZero.hashCode());
        System.out.println(negZero);
        for (int k = 0; k < 4; k++) {
            Prims q = new Prims((byte) k, (short) (k * 300), (char) ('a' + k), k * 1000003, (long) k << 35, k / 3f, k * 1e-5, k % 2 == 0);
            System.out.println(q + " #" + q.hashCode());
        }
        Refs r = new Refs("s", 7, List.of("a", "b"), 3.5);
        Refs rNull = new Refs(null, null, null, null);
        System.out.println(r + " #" + r.hashCode());
        System.out.println(rNull + " #" + rNull.hashCode() + " eq self " + rNull.equals(new Refs(null, null, null, null)) + " eq other " + rNull.equals(r) + " eq null " + r.equals(null) + " eq string " + r.equals("s"));
        int[] shared = {1, 2};
        WithArray wa1 = new WithArray(shared, "t");
        WithArray wa2 = new WithArray(shared, "t");
        WithArray wa3 = new WithArray(new int[] {1, 2}, "t");
        System.out.println("array component equality is reference " + wa1.equals(wa2) + " " + wa1.equals(wa3) + " " + (wa1.hashCode() == wa2.hashCode()) + " tag " + wa1.tag());
        System.out.println("empty " + new Empty() + " " + new Empty().equals(new Empty()) + " #" + new Empty().hashCode());
        System.out.println("single " + new Single(-1) + " #" + new Single(-1).hashCode() + " " + new Single(1L << 32).hashCode());
        Nested n = new Nested(p, r, new Empty());
        System.out.println(n);
        System.out.println("nested hash " + n.hashCode() + " eq " + n.equals(new Nested(p, new Refs("s", 7, List.of("a", "b"), 3.5), new Empty())));
        Generic<String> g = new Generic<>("v", List.of("w"));
        System.out.println(g + " #" + g.hashCode() + " " + g.value().compareTo("a"));
        Card c1 = new Card(Suit.SPADES, 12);
        System.out.println(c1 + " eq " + c1.equals(new Card(Suit.SPADES, 12)) + " ne " + c1.equals(new Card(Suit.HEARTS, 12)));
        Set<Card> cards = new HashSet<>();
        for (Suit s : Suit.values()) for (int rank = 1; rank <= 3; rank++) cards.add(new Card(s, rank));
        cards.add(new Card(Suit.HEARTS, 2));
        System.out.println("set size " + cards.size() + " contains " + cards.contains(new Card(Suit.SPADES, 3)) + " " + cards.contains(new Card(Suit.SPADES, 4)));
        Map<Prims, String> map = new HashMap<>();
        map.put(nan1, "nan");
        map.put(zero, "zero");
        System.out.println("map lookups " + map.get(nan2) + " " + map.get(negZero) + " " + map.get(new Prims((byte) 0, (short) 0, 'a', 0, 0, 0.0f, 0.0, false)));
        Map<Card, Integer> tree = new TreeMap<>(Comparator.comparing(Card::suit).thenComparing(Card::rank, Comparator.reverseOrder()));
        for (Card c : cards) tree.merge(c, c.rank() * 10, Integer::sum);
        System.out.println("tree " + tree);
        System.out.println("record class " + Card.class.isRecord() + " " + Card.class.getSuperclass().getName() + " components " + Arrays.toString(Arrays.stream(Prims.class.getRecordComponents()).map(rc -> rc.getType() + " " + rc.getName()).toArray()));
    }
}
