import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

public class Main {
    static class Person {
        final String name;
        final int age;
        Person(String name) { this(name, 0); }
        Person(String name, int age) { this.name = name; this.age = age; }
        String greet(String other) { return name + " greets " + other; }
        static int compareByAge(Person a, Person b) { return Integer.compare(a.age, b.age); }
        public String toString() { return name + "/" + age; }
    }

    static String shout(String s) { return s.toUpperCase() + "!"; }

    String suffix = "?";
    String ask(String s) { return s + suffix; }

    public static void main(String[] args) {
        Function<String, String> stat = Main::shout;
        System.out.println("static: " + stat.apply("hey"));
        Main m = new Main();
        Function<String, String> bound = m::ask;
        System.out.println("bound: " + bound.apply("really"));
        String target = "Hello";
        Function<Integer, Character> boundString = target::charAt;
        System.out.println("bound String: " + boundString.apply(1));
        Function<String, Integer> unbound = String::length;
        BiFunction<String, String, Boolean> unbound2 = String::startsWith;
        System.out.println("unbound: " + unbound.apply("four") + " " + unbound2.apply("prefix", "pre"));
        BiFunction<Person, String, String> unboundUser = Person::greet;
        System.out.println("unbound user: " + unboundUser.apply(new Person("ann"), "bob"));
        Function<String, Person> ctor1 = Person::new;
        BiFunction<String, Integer, Person> ctor2 = Person::new;
        Supplier<ArrayList<String>> listCtor = ArrayList::new;
        System.out.println("ctor: " + ctor1.apply("cid") + " " + ctor2.apply("dee", 40));
        ArrayList<String> fresh = listCtor.get();
        fresh.add("item");
        System.out.println("supplier ctor: " + fresh);
        IntFunction<int[]> arrCtor = int[]::new;
        Function<Integer, String[]> arrCtor2 = String[]::new;
        System.out.println("array ctor: " + arrCtor.apply(4).length + " " + arrCtor2.apply(2).getClass().getSimpleName());
        Person[] people = {new Person("eve", 30), new Person("fay", 20), new Person("gus", 25)};
        Arrays.sort(people, Person::compareByAge);
        System.out.println("sorted via static ref: " + Arrays.toString(people));
        List<String> names = Arrays.asList("delta", "Alpha", "charlie", "Bravo");
        List<String> copy = new ArrayList<>(names);
        copy.sort(String::compareToIgnoreCase);
        System.out.println("compareToIgnoreCase: " + copy);
        copy.replaceAll(String::toUpperCase);
        System.out.println("replaceAll: " + copy);
        copy.forEach(System.out::println);
        ToIntFunction<String> parse = Integer::parseInt;
        System.out.println("parseInt ref: " + parse.applyAsInt("-17"));
        UnaryOperator<String> trim = String::trim;
        System.out.println("trim ref: [" + trim.apply("  t  ") + "]");
        Function<Object, String> valueOf = String::valueOf;
        System.out.println("valueOf ref: " + valueOf.apply(3.5));
        Supplier<String> superRef = new Child()::parentName;
        System.out.println("inherited ref: " + superRef.get());
        TreeMap<String, Integer> tm = new TreeMap<>();
        for (String n : names) tm.merge(n.substring(0, 1).toLowerCase(), n.length(), Integer::sum);
        System.out.println("merge with Integer::sum: " + tm);
        Runnable r = new Child()::run;
        r.run();
    }

    static class Parent {
        String parentName() { return "parent:" + getClass().getSimpleName(); }
        void run() { System.out.println("Parent.run"); }
    }

    static class Child extends Parent {
        void run() { Runnable sup = super::run; System.out.print("Child.run then "); sup.run(); }
    }
}
