import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public class Main {
    public static void main(String[] args) {
        List<Integer> list = new ArrayList<Integer>();
        for (int i = 0; i < 20; i++) list.add(i * 7 % 11);
        System.out.println(list + " size=" + list.size());
        list.remove(Integer.valueOf(7));
        list.remove(0);
        System.out.println("after removes " + list);
        list.add(3, -1);
        list.set(0, 100);
        System.out.println("after add/set " + list);
        System.out.println("indexOf(4)=" + list.indexOf(4) + " lastIndexOf(4)=" + list.lastIndexOf(4) + " contains(99)=" + list.contains(99));
        List<Integer> sub = list.subList(2, 6);
        System.out.println("subList " + sub);
        sub.clear();
        System.out.println("after subList clear " + list);
        Collections.sort(list);
        System.out.println("sorted " + list);
        Collections.reverse(list);
        System.out.println("reversed " + list);
        Collections.swap(list, 0, list.size() - 1);
        System.out.println("swapped " + list + " max=" + Collections.max(list) + " min=" + Collections.min(list) + " freq(4)=" + Collections.frequency(list, 4));
        Collections.shuffle(list, new java.util.Random(42));
        System.out.println("shuffled(seed 42) " + list);
        Object[] arr = list.toArray();
        Integer[] typed = list.toArray(new Integer[0]);
        System.out.println("toArray " + arr.length + " " + typed.length + " " + typed.getClass().getSimpleName());
        List<String> strs = new ArrayList<String>(Collections.nCopies(3, "ab"));
        strs.addAll(1, java.util.Arrays.asList("x", "y"));
        System.out.println(strs + " equals " + strs.equals(java.util.Arrays.asList("ab", "x", "y", "ab", "ab")) + " hash " + strs.hashCode());
        strs.removeAll(Collections.singleton("ab"));
        System.out.println("removeAll " + strs + " isEmpty " + strs.isEmpty());
        List<Object> mixed = new ArrayList<Object>();
        mixed.add(null); mixed.add(1.5); mixed.add('c'); mixed.add(mixed.size());
        System.out.println("mixed " + mixed);
        ArrayList<Integer> big = new ArrayList<Integer>(1);
        for (int i = 0; i < 10000; i++) big.add(i);
        long sum = 0;
        for (int v : big) sum += v;
        System.out.println("big size " + big.size() + " sum " + sum);
        big.ensureCapacity(20000);
        big.trimToSize();
        try {
            for (Integer v : big) if (v == 5) big.remove(v);
        } catch (java.util.ConcurrentModificationException e) {
            System.out.println("CME " + e.getMessage());
        }
        try {
            new ArrayList<String>().remove(0);
        } catch (IndexOutOfBoundsException e) {
            System.out.println("IOOBE " + e.getMessage());
        }
    }
}
