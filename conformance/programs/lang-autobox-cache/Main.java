public class Main {
    static int unboxAdd(Integer a, Integer b) { return a + b; }

    public static void main(String[] args) {
        Integer a = 127, b = 127;
        Integer c = 128, d = 128;
        Integer e = -128, f = -128;
        Integer g = -129, h = -129;
        System.out.println("127==127 " + (a == b) + " 128==128 " + (c == d) + " -128 " + (e == f) + " -129 " + (g == h));
        System.out.println("equals 128 " + c.equals(d) + " intValue== " + (c.intValue() == d.intValue()));
        Long l1 = 127L, l2 = 127L, l3 = 128L, l4 = 128L;
        System.out.println("Long cache " + (l1 == l2) + " " + (l3 == l4));
        Short s1 = 100, s2 = 100;
        Byte b1 = (byte) -5, b2 = (byte) -5;
        Character c1 = 'x', c2 = 'x', c3 = '\u0100', c4 = '\u0100';
        Boolean t1 = true, t2 = Boolean.valueOf("TRUE");
        System.out.println("Short " + (s1 == s2) + " Byte " + (b1 == b2) + " Char " + (c1 == c2) + " Char>127 " + (c3 == c4) + " Boolean " + (t1 == t2));
        System.out.println("valueOf same " + (Integer.valueOf(50) == Integer.valueOf(50)) + " new Integer-free compare " + (Integer.valueOf(500) == Integer.valueOf(500)));
        Integer sum = 0;
        for (int i = 0; i < 100; i++) sum += i;
        System.out.println("boxed sum " + sum);
        System.out.println("mixed compare " + (c == 128) + " " + (l3 == 128) + " " + new Long(5).equals(5) + " " + Long.valueOf(5).equals(5L));
        java.util.List<Integer> list = new java.util.ArrayList<Integer>();
        for (int i = 0; i < 5; i++) list.add(i * 10);
        list.remove(1);
        list.remove(Integer.valueOf(30));
        System.out.println("remove(int) vs remove(Object) " + list);
        try {
            Integer n = null;
            int x = n;
        } catch (NullPointerException ex) {
            System.out.println("unbox null: NPE");
        }
        try {
            unboxAdd(1, null);
        } catch (NullPointerException ex) {
            System.out.println("unbox null param: " + ex.getMessage());
        }
        Double dd = 0.0, dn = -0.0;
        System.out.println("Double equals 0.0/-0.0 " + dd.equals(dn) + " primitive == " + (dd.doubleValue() == dn.doubleValue()) + " NaN equals " + Double.valueOf(Double.NaN).equals(Double.NaN));
        Object o = 42;
        Object p = 42L;
        Object q = 'c';
        Object r = 1.5f;
        System.out.println("boxed classes " + o.getClass().getSimpleName() + " " + p.getClass().getSimpleName() + " " + q.getClass().getSimpleName() + " " + r.getClass().getSimpleName());
        int prim = Integer.valueOf(7) * Integer.valueOf(6);
        long widened = Integer.valueOf(9);
        System.out.println("arith " + prim + " widened " + widened + " compareTo " + Integer.valueOf(3).compareTo(7) + " Integer.compare " + Integer.compare(7, 3));
        Integer big1 = 1000;
        int big2 = 1000;
        System.out.println("boxed==prim unboxes " + (big1 == big2));
        System.out.println("MIN/MAX " + Integer.valueOf(Integer.MIN_VALUE) + " " + Character.valueOf('\u0041') + " sum " + Integer.sum(3, 4) + " max " + Integer.max(3, 4) + " Long.sum " + Long.sum(1L, 2L));
    }
}
