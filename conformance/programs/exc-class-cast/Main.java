interface Animal {}
class Dog implements Animal {}
class Cat implements Animal {}

public class Main {
    static void tryCast(Object o, int kind) {
        try {
            switch (kind) {
                case 0: { String s = (String) o; System.out.println("String ok " + s); break; }
                case 1: { Integer i = (Integer) o; System.out.println("Integer ok " + i); break; }
                case 2: { Dog d = (Dog) o; System.out.println("Dog ok"); break; }
                case 3: { int[] a = (int[]) o; System.out.println("int[] ok " + a.length); break; }
                case 4: { Object[] a = (Object[]) o; System.out.println("Object[] ok " + a.length); break; }
                case 5: { Animal[] a = (Animal[]) o; System.out.println("Animal[] ok " + a.length); break; }
                default: { Runnable r = (Runnable) o; System.out.println("Runnable ok"); }
            }
        } catch (ClassCastException e) {
            System.out.println("CCE: " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        tryCast("str", 0);
        tryCast(Integer.valueOf(3), 0);
        tryCast(Long.valueOf(3), 1);
        tryCast(new Cat(), 2);
        tryCast(new Dog(), 2);
        tryCast(new long[2], 3);
        tryCast(new String[3], 4);
        tryCast(new int[3], 4);
        tryCast(new Dog[1], 5);
        tryCast(new Object[1], 5);
        tryCast(new Cat(), 6);
        tryCast(null, 2);
        java.util.List raw = new java.util.ArrayList();
        raw.add("not a number");
        @SuppressWarnings("unchecked")
        java.util.List<Integer> ints = raw;
        try {
            Integer i = ints.get(0);
        } catch (ClassCastException e) {
            System.out.println("generic CCE: " + e.getMessage());
        }
        try {
            Object o = java.util.Collections.emptyList();
            java.util.Map m = (java.util.Map) o;
        } catch (ClassCastException e) {
            System.out.println("interface CCE: " + e.getMessage());
        }
        try {
            Dog.class.cast(new Cat());
        } catch (ClassCastException e) {
            System.out.println("Class.cast: " + e.getMessage());
        }
        Object x = new Dog[0][0];
        System.out.println("Dog[][] instanceof Animal[][]: " + (x instanceof Animal[][]) + " Object[]: " + (x instanceof Object[]));
        Object y = 42;
        System.out.println((String) y);
    }
}
