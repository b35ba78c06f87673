import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

public class Main {
    static class Employee {
        final String name, dept;
        final int salary;
        Employee(String n, String d, int s) { name = n; dept = d; salary = s; }
        public String toString() { return name + "/" + dept + "/" + salary; }
    }

    static class ByDeptThenSalaryDesc implements Comparator<Employee> {
        public int compare(Employee a, Employee b) {
            int c = a.dept.compareTo(b.dept);
            if (c != 0) return c;
            return Integer.compare(b.salary, a.salary);
        }
    }

    public static void main(String[] args) {
        List<Employee> staff = new ArrayList<Employee>();
        staff.add(new Employee("ann", "eng", 120));
        staff.add(new Employee("bob", "ops", 90));
        staff.add(new Employee("cat", "eng", 150));
        staff.add(new Employee("dan", "hr", 70));
        staff.add(new Employee("eve", "ops", 95));
        staff.add(new Employee("fay", "eng", 120));
        Collections.sort(staff, new ByDeptThenSalaryDesc());
        for (Employee e : staff) System.out.println(e);
        Collections.sort(staff, Collections.reverseOrder(new ByDeptThenSalaryDesc()));
        System.out.println("reversed " + staff);
        List<String> names = new ArrayList<String>();
        for (Employee e : staff) names.add(e.name);
        Collections.sort(names);
        System.out.println("names " + names + " binarySearch(dan)=" + Collections.binarySearch(names, "dan"));
        List<String> ro = Collections.unmodifiableList(names);
        System.out.println("ro get " + ro.get(0) + " size " + ro.size());
        try {
            ro.add("zed");
        } catch (UnsupportedOperationException e) {
            System.out.println("add: UnsupportedOperationException " + e.getMessage());
        }
        try {
            ro.set(0, "x");
        } catch (UnsupportedOperationException e) {
            System.out.println("set: UnsupportedOperationException");
        }
        try {
            ro.iterator().remove();
        } catch (UnsupportedOperationException e) {
            System.out.println("iterator remove: UnsupportedOperationException");
        } catch (IllegalStateException e) {
            System.out.println("iterator remove: IllegalStateException");
        }
        names.add("zoe");
        System.out.println("view reflects change " + ro);
        try {
            Collections.emptyList().add(null);
        } catch (UnsupportedOperationException e) {
            System.out.println("emptyList add: UnsupportedOperationException");
        }
        try {
            Collections.unmodifiableMap(new java.util.TreeMap<String, String>()).put("a", "b");
        } catch (UnsupportedOperationException e) {
            System.out.println("unmodifiableMap put: UnsupportedOperationException");
        }
        List<Integer> nums = new ArrayList<Integer>();
        for (int i = 0; i < 10; i++) nums.add((i * 7) % 10);
        Collections.sort(nums, Collections.reverseOrder());
        System.out.println("reverseOrder " + nums);
        Collections.rotate(nums, 3);
        System.out.println("rotate 3 " + nums);
        Collections.fill(nums.subList(0, 2), 0);
        System.out.println("fill sublist " + nums + " indexOfSubList " + Collections.indexOfSubList(nums, java.util.Arrays.asList(0, 0)));
        System.out.println("singletonList " + Collections.singletonList("one") + " emptyMap " + Collections.emptyMap() + " nCopies " + Collections.nCopies(3, 'z'));
    }
}
