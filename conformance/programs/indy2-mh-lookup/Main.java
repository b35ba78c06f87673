import java.lang.invoke.*;
import java.lang.reflect.Method;
import java.util.*;

public class Main {
    static class Account {
        private long balance;
        public String owner;
        static int instances;
        private static final String BANK = "JBank";

        Account(String owner) { this.owner = owner; instances++; }
        Account(String owner, long balance) { this(owner); this.balance = balance; }
        long deposit(long amount) { balance += amount; return balance; }
        private boolean withdraw(int amount) { if (amount > balance) return false; balance -= amount; return true; }
        static Account open(String owner) { return new Account(owner, 100); }
        String describe() { return owner + ":" + balance; }
        public String toString() { return "Account(" + describe() + ")"; }
    }

    static class Savings extends Account {
        Savings(String owner) { super(owner, 500); }
        @Override String describe() { return "savings " + super.describe(); }
        static MethodHandle superDescribe() throws ReflectiveOperationException {
            return MethodHandles.lookup().findSpecial(Account.class, "describe", MethodType.methodType(String.class), Savings.class);
        }
    }

    static double hypot(double a, double b) { return Math.sqrt(a * a + b * b); }
    static String varargs(String first, int... rest) { return first + Arrays.toString(rest); }
    static void thrower(String msg) { throw new IllegalStateException(msg); }

    public static void main(String[] args) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle open = lookup.findStatic(Account.class, "open", MethodType.methodType(Account.class, String.class));
        Account a = (Account) open.invokeExact("ann");
        System.out.println("findStatic " + a + " type " + open.type());
        MethodHandle deposit = lookup.findVirtual(Account.class, "deposit", MethodType.methodType(long.class, long.class));
        long after = (long) deposit.invokeExact(a, 50L);
        System.out.println("findVirtual " + after + " type " + deposit.type());
        System.out.println("invoke with int->long widening " + deposit.invoke(a, 5) + " boxed Object result " + (Object) deposit.invoke(a, (Object) 1L));
        MethodHandle withdraw = lookup.findVirtual(Account.class, "withdraw", MethodType.methodType(boolean.class, int.class));
        System.out.println("private virtual " + (boolean) withdraw.invokeExact(a, 30) + " " + (boolean) withdraw.invokeExact(a, 1000) + " " + a);
        MethodHandle ctor1 = lookup.findConstructor(Account.class, MethodType.methodType(void.class, String.class));
        MethodHandle ctor2 = lookup.findConstructor(Account.class, MethodType.methodType(void.class, String.class, long.class));
        Account b = (Account) ctor1.invokeExact("bob");
        Account c = (Account) ctor2.invoke("cid", 7);
        System.out.println("findConstructor " + b + " " + c + " type " + ctor2.type() + " instances " + Account.instances);
        MethodHandle getBal = lookup.findGetter(Account.class, "balance", long.class);
        MethodHandle setBal = lookup.findSetter(Account.class, "balance", long.class);
        setBal.invokeExact(b, 999L);
        System.out.println("getter/setter " + (long) getBal.invokeExact(b) + " types " + getBal.type() + " " + setBal.type());
        MethodHandle ownerGetter = lookup.findGetter(Account.class, "owner", String.class);
        System.out.println("public field getter " + (String) ownerGetter.invokeExact(c));
        MethodHandle staticGet = lookup.findStaticGetter(Account.class, "instances", int.class);
        MethodHandle staticSet = lookup.findStaticSetter(Account.class, "instances", int.class);
        staticSet.invokeExact(40);
        System.out.println("static getter/setter " + (int) staticGet.invokeExact() + " final static " + lookup.findStaticGetter(Account.class, "BANK", String.class).invoke());
        MethodHandle describe = lookup.findVirtual(Account.class, "describe", MethodType.methodType(String.class));
        Account s = new Savings("sue");
        System.out.println("virtual dispatch " + (String) describe.invokeExact(s));
        MethodHandle special = Savings.superDescribe();
        System.out.println("findSpecial " + (String) special.invokeExact((Savings) s) + " type " + special.type());
        Method m = Account.class.getDeclaredMethod("deposit", long.class);
        MethodHandle unreflected = lookup.unreflect(m);
        System.out.println("unreflect " + unreflected.invoke(c, 3L) + " " + unreflected.type());
        MethodHandle unreflectedCtor = lookup.unreflectConstructor(Account.class.getDeclaredConstructor(String.class));
        System.out.println("unreflectConstructor " + unreflectedCtor.invoke("dee"));
        MethodHandle unreflectedGetter = lookup.unreflectGetter(Account.class.getDeclaredField("owner"));
        System.out.println("unreflectGetter " + unreflectedGetter.invoke(a));
        MethodHandle hyp = lookup.findStatic(Main.class, "hypot", MethodType.methodType(double.class, double.class, double.class));
        System.out.println("invokeWithArguments " + hyp.invokeWithArguments(3.0, 4.0) + " list " + hyp.invokeWithArguments(List.of(5.0, 12.0)) + " int->double " + hyp.invoke(6, 8));
        MethodHandle va = lookup.findStatic(Main.class, "varargs", MethodType.methodType(String.class, String.class, int[].class));
        System.out.println("varargs " + va.isVarargsCollector() + " " + va.invoke("v", 1, 2, 3) + " " + va.invoke("none") + " " + va.invoke("arr", new int[] {9}));
        System.out.println("asFixedArity " + va.asFixedArity().isVarargsCollector() + " " + va.asFixedArity().invoke("fixed", new int[] {4, 5}));
        MethodHandle jdk = lookup.findVirtual(String.class, "replace", MethodType.methodType(String.class, char.class, char.class));
        System.out.println("jdk virtual " + (String) jdk.invokeExact("banana", 'a', 'o'));
        MethodHandle listGet = lookup.findVirtual(List.class, "get", MethodType.methodType(Object.class, int.class));
        System.out.println("interface " + listGet.invoke(List.of("x", "y"), 1) + " " + listGet.type());
        MethodHandle cmp = lookup.findStatic(Integer.class, "compare", MethodType.methodType(int.class, int.class, int.class));
        System.out.println("jdk static " + (int) cmp.invokeExact(3, 7));
        MethodHandle thr = lookup.findStatic(Main.class, "thrower", MethodType.methodType(void.class, String.class));
        try {
            thr.invokeExact("thrown through handle");
        } catch (IllegalStateException e) {
            System.out.println("exception passes through: " + e.getMessage());
        }
        try {
            deposit.invokeExact(a, 1);
        } catch (WrongMethodTypeException e) {
            System.out.println("WrongMethodTypeException: " + e.getMessage());
        }
        try {
            describe.invoke((Account) null);
        } catch (NullPointerException e) {
            System.out.println("NPE on null receiver");
        }
        try {
            lookup.findVirtual(Account.class, "deposit", MethodType.methodType(int.class, long.class));
        } catch (NoSuchMethodException e) {
            System.out.println("NoSuchMethodException: " + e.getMessage());
        }
        try {
            lookup.findGetter(Account.class, "missing", int.class);
        } catch (NoSuchFieldException e) {
            System.out.println("NoSuchFieldException: " + e.getMessage());
        }
        try {
            MethodHandles.publicLookup().findVirtual(Account.class, "describe", MethodType.methodType(String.class));
        } catch (IllegalAccessException e) {
            System.out.println("IllegalAccessException from publicLookup");
        }
        MethodType mt = MethodType.methodType(int.class, String.class, long[].class, Object.class);
        System.out.println("MethodType " + mt + " params " + mt.parameterCount() + " " + mt.parameterList() + " return " + mt.returnType() + " descriptor " + mt.toMethodDescriptorString());
        System.out.println("generic " + mt.generic() + " wrap " + MethodType.methodType(int.class, long.class).wrap() + " unwrap " + MethodType.methodType(Integer.class, Long.class).unwrap() + " erase " + MethodType.methodType(String.class, List.class).erase());
        System.out.println("lookupClass " + lookup.lookupClass().getName() + " modes " + ((lookup.lookupModes() & MethodHandles.Lookup.PRIVATE) != 0));
    }
}
