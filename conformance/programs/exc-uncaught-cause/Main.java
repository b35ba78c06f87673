class Repository {
    int load(String key) throws java.io.IOException {
        throw new java.io.FileNotFoundException("no such key: " + key);
    }
}

class Service {
    private final Repository repo = new Repository();
    int fetch(String key) {
        try {
            return repo.load(key);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("fetch(" + key + ") failed", e);
        }
    }
}

public class Main {
    public static void main(String[] args) {
        Service s = new Service();
        System.out.println("fetching");
        try {
            s.fetch("first");
        } catch (IllegalStateException e) {
            System.out.println("first attempt: " + e.getMessage() + " / cause: " + e.getCause().getMessage());
        }
        s.fetch("second");
    }
}
