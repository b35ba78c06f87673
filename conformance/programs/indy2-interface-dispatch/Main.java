import java.util.*;
import java.util.function.*;

public class Main {
    interface Animal {
        String name();
        default String sound() { return "..."; }
        default String describe() { return name() + " says " + sound(); }
        static Animal of(String name, String sound) {
            return new Animal() {
                public String name() { return name; }
                public String sound() { return sound; }
            };
        }
    }

    interface Loud extends Animal {
        @Override default String sound() { return Animal.super.sound().replace('.', '!'); }
    }

    interface Pet { default String describe() { return "a pet"; } }

    static class Dog implements Loud, Pet {
        public String name() { return "dog"; }
        @Override public String describe() { return Loud.super.describe() + " and is " + Pet.super.describe(); }
    }

    interface Converter<F, T> extends Function<F, T> {
        default <V> Converter<F, V> andThenConvert(Converter<? super T, ? extends V> next) { return f -> next.apply(apply(f)); }
    }

    // a generic abstract method implemented by a lambda: the call goes through an erased bridge
    interface Box<T extends Comparable<T>> { T pick(T a, T b); }

    abstract static class Shape implements Comparable<Shape> {
        abstract double area();
        public int compareTo(Shape o) { return Double.compare(area(), o.area()); }
    }

    public static void main(String[] args) {
        Animal cat = () -> "cat";
        Animal cow = Animal.of("cow", "moo");
        Loud lion = () -> "lion";
        Dog dog = new Dog();
        for (Animal a : List.of(cat, cow, lion, dog)) System.out.println(a.describe());
        Converter<String, Integer> len = String::length;
        Converter<String, String> stars = len.andThenConvert(n -> "*".repeat(n));
        System.out.println("converter " + stars.apply("hello") + " as Function " + ((Function<String, String>) stars).andThen(String::length).apply("abc"));
        Box<String> maxString = (a, b) -> a.compareTo(b) >= 0 ? a : b;
        Box<Integer> minInt = (a, b) -> a.compareTo(b) <= 0 ? a : b;
        System.out.println("generic lambdas " + maxString.pick("pear", "apple") + " " + minInt.pick(3, -3));
        @SuppressWarnings({"rawtypes", "unchecked"})
        Box raw = maxString;
        try {
            raw.pick(1, 2);
        } catch (ClassCastException e) {
            System.out.println("raw call through bridge: ClassCastException");
        }
        Shape small = new Shape() { double area() { return 1; } public String toString() { return "small"; } };
        Shape big = new Shape() { double area() { return 10; } public String toString() { return "big"; } };
        List<Shape> shapes = new ArrayList<>(List.of(big, small));
        Collections.sort(shapes);
        System.out.println("Comparable via bridge " + shapes + " max " + Collections.max(shapes));
        Comparable<Shape> c = small;
        System.out.println("compareTo " + c.compareTo(big));
        Supplier<Animal> factory = Dog::new;
        System.out.println("factory " + factory.get().describe());
        Function<Animal, String> describe = Animal::describe;
        Function<Dog, String> viaDog = Dog::describe;
        Function<Loud, String> viaLoud = Loud::sound;
        System.out.println("method refs to defaults " + describe.apply(lion) + " | " + viaDog.apply(dog) + " | " + viaLoud.apply(dog));
        Object o = cat;
        System.out.println("instanceof " + (o instanceof Animal) + " " + (o instanceof Loud) + " " + (lion instanceof Animal) + " " + (dog instanceof Pet));
        Runnable r = dog::describe;
        r.run();
        Callback cb = new Callback();
        cb.register(msg -> cb.log.add("lambda:" + msg));
        cb.register(cb::record);
        cb.register(Callback::staticRecord);
        cb.fire("event");
        System.out.println("callbacks " + cb.log + " static " + Callback.STATIC_LOG);
    }

    static class Callback {
        static final List<String> STATIC_LOG = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final List<Consumer<String>> listeners = new ArrayList<>();
        void register(Consumer<String> c) { listeners.add(c); }
        void fire(String msg) { listeners.forEach(l -> l.accept(msg)); }
        void record(String msg) { log.add("bound:" + msg); }
        static void staticRecord(String msg) { STATIC_LOG.add("static:" + msg); }
    }
}
