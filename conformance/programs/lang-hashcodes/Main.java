public class Main {
    public static void main(String[] args) {
        String[] strs = {"", "a", "abc", "Hello, World", "polygenelubricants", "\u00e9t\u00e9", "\uD83D\uDE00", "The quick brown fox jumps over the lazy dog"};
        for (int i = 0; i < strs.length; i++) System.out.println("strs[" + i + "] length " + strs[i].length() + " hashCode()=" + strs[i].hashCode());
        System.out.println("Integer: " + Integer.valueOf(0).hashCode() + " " + Integer.valueOf(-1).hashCode() + " " + Integer.hashCode(Integer.MIN_VALUE));
        System.out.println("Long: " + Long.valueOf(1L << 32).hashCode() + " " + Long.hashCode(-1L) + " " + Long.hashCode(Long.MIN_VALUE) + " " + Long.valueOf(123456789012L).hashCode());
        System.out.println("Double: " + Double.valueOf(0.0).hashCode() + " " + Double.valueOf(-0.0).hashCode() + " " + Double.hashCode(1.5) + " " + Double.hashCode(Double.NaN) + " " + Double.hashCode(Math.PI));
        System.out.println("Float: " + Float.valueOf(1.0f).hashCode() + " " + Float.hashCode(-2.5f) + " " + Float.hashCode(Float.NaN));
        System.out.println("Boolean: " + Boolean.TRUE.hashCode() + " " + Boolean.hashCode(false));
        System.out.println("Character: " + Character.valueOf('A').hashCode() + " Byte: " + Byte.valueOf((byte) -1).hashCode() + " Short: " + Short.valueOf((short) -300).hashCode());
        System.out.println("Arrays.hashCode int " + java.util.Arrays.hashCode(new int[] {1, 2, 3}) + " long " + java.util.Arrays.hashCode(new long[] {1L, -1L}) + " Object " + java.util.Arrays.hashCode(new Object[] {"a", 1, null}) + " deep " + java.util.Arrays.deepHashCode(new Object[] {new int[] {1}, "x"}));
        System.out.println("Objects.hash " + java.util.Objects.hash(1, "two", 3.0) + " Objects.hashCode(null) " + java.util.Objects.hashCode(null));
        java.util.List<String> l = new java.util.ArrayList<String>();
        l.add("x"); l.add("y");
        java.util.Map<String, Integer> m = new java.util.TreeMap<String, Integer>();
        m.put("k", 1); m.put("j", 2);
        System.out.println("List.hashCode " + l.hashCode() + " Map.hashCode " + m.hashCode() + " Set.hashCode " + new java.util.HashSet<String>(l).hashCode() + " entry " + new java.util.AbstractMap.SimpleEntry<String, Integer>("k", 1).hashCode());
        System.out.println("enum-free String switch hash of 'FB' and 'Ea' collide: " + ("FB".hashCode() == "Ea".hashCode()));
        System.out.println("Character.hashCode " + Character.hashCode('z') + " String of char array hash " + new String(new char[] {'a', 'b'}).hashCode());
        System.out.println("Optional-free: Integer.valueOf(42).equals(42L)=" + Integer.valueOf(42).equals(42L) + " Long.valueOf(42).equals(42L)=" + Long.valueOf(42).equals(42L));
    }
}
