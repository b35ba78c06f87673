import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

public class Main {
    public static void main(String[] args) {
        Set<Integer> a = new HashSet<Integer>();
        Set<Integer> b = new HashSet<Integer>();
        for (int i = 0; i < 20; i += 2) a.add(i);
        for (int i = 0; i < 20; i += 3) b.add(i);
        System.out.println("a=" + a + " b=" + b);
        Set<Integer> union = new HashSet<Integer>(a);
        union.addAll(b);
        Set<Integer> inter = new HashSet<Integer>(a);
        inter.retainAll(b);
        Set<Integer> diff = new HashSet<Integer>(a);
        diff.removeAll(b);
        System.out.println("union=" + union + " inter=" + inter + " diff=" + diff);
        System.out.println("add dup returns " + a.add(4) + " add new returns " + a.add(5) + " remove returns " + a.remove(100) + " size " + a.size());
        Set<String> words = new HashSet<String>();
        for (String w : "to be or not to be that is the question".split(" ")) words.add(w);
        System.out.println("words " + words + " size " + words.size() + " contains(be) " + words.contains("be"));
        Set<String> ordered = new LinkedHashSet<String>();
        for (String w : "to be or not to be that is the question".split(" ")) ordered.add(w);
        System.out.println("linked " + ordered);
        Set<Character> cs = new HashSet<Character>();
        for (char c : "hello world".toCharArray()) cs.add(c);
        System.out.println("chars " + cs);
        Set<Integer> big = new HashSet<Integer>();
        for (int i = 0; i < 50; i++) big.add(i * 37 % 1000);
        System.out.println("big " + big);
        System.out.println("equals " + union.equals(new java.util.TreeSet<Integer>(union)) + " hashCode " + union.hashCode() + " words hashCode " + words.hashCode());
        Set<Object> withNull = new HashSet<Object>();
        withNull.add(null);
        withNull.add(Boolean.TRUE);
        withNull.add(Double.valueOf(0.5));
        System.out.println("withNull " + withNull);
    }
}
