import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar written at run time (java.util.jar) into a scratch folder of the current directory:
 * its manifest read back through JarFile and JarInputStream, its resources through a
 * URLClassLoader.
 */
public class Main {
    static final String DIR = "jar-manifest.scratch";

    public static void main(String[] args) throws Exception {
        File dir = new File(DIR);
        dir.mkdirs();
        File jar = new File(dir, "plugin.jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "Plugin");
        main.put(Attributes.Name.IMPLEMENTATION_TITLE, "Plugin Title");
        main.put(Attributes.Name.IMPLEMENTATION_VERSION, "2.5");
        main.putValue("X-Long-Value", "a value long enough to be wrapped over more than one line of the manifest, "
            + "which is seventy-two bytes wide");
        Attributes section = new Attributes();
        section.putValue("Sealed", "false");
        manifest.getEntries().put("config/", section);

        byte[] pluginClass = new byte[1000];
        for (int i = 0; i < pluginClass.length; i++) {
            pluginClass[i] = (byte) (i * i);
        }
        try (JarOutputStream jos = new JarOutputStream(new FileOutputStream(jar), manifest)) {
            JarEntry e = new JarEntry("Plugin.class");
            e.setTime(1_600_000_000_000L);
            jos.putNextEntry(e);
            jos.write(pluginClass);
            jos.closeEntry();
            JarEntry props = new JarEntry("config/plugin.properties");
            props.setTime(1_600_000_000_000L);
            jos.putNextEntry(props);
            jos.write("name=plugin\ncolour=blue\n".getBytes(StandardCharsets.UTF_8));
            jos.closeEntry();
        }

        try (JarFile jf = new JarFile(jar)) {
            Manifest m = jf.getManifest();
            System.out.println("main attributes " + sorted(m.getMainAttributes()));
            System.out.println("sections " + m.getEntries().keySet() + " " + sorted(m.getEntries().get("config/")));
            for (Enumeration<JarEntry> en = jf.entries(); en.hasMoreElements();) {
                JarEntry e = en.nextElement();
                System.out.println("entry " + e.getName() + " " + e.getSize() + " attributes "
                    + (e.getAttributes() == null ? null : sorted(e.getAttributes())));
            }
            JarEntry mf = jf.getJarEntry(JarFile.MANIFEST_NAME);
            try (InputStream in = jf.getInputStream(mf)) {
                System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            System.out.println("multi-release " + jf.isMultiRelease());
        }

        try (JarInputStream jis = new JarInputStream(new java.io.FileInputStream(jar))) {
            System.out.println("stream manifest main class " + jis.getManifest().getMainAttributes().getValue("Main-Class"));
            JarEntry e;
            while ((e = jis.getNextJarEntry()) != null) {
                System.out.println("stream entry " + e.getName() + " " + jis.readAllBytes().length);
            }
        }

        // A manifest parsed from text, and written back.
        Manifest parsed = new Manifest(new ByteArrayInputStream(
            "Manifest-Version: 1.0\r\nClass-Path: a.jar b.jar\r\nLong: abc\r\n def\r\n\r\nName: x/\r\nKey: v\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8)));
        System.out.println("parsed " + sorted(parsed.getMainAttributes()) + " " + sorted(parsed.getAttributes("x/")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parsed.write(out);
        System.out.print(out.toString(StandardCharsets.UTF_8));

        // Resources of the jar through a class loader (jar: URLs, JarURLConnection).
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, null)) {
            URL resource = loader.getResource("config/plugin.properties");
            System.out.println("resource url ends " + resource.toString().endsWith("plugin.jar!/config/plugin.properties")
                + " protocol " + resource.getProtocol());
            try (InputStream in = resource.openStream()) {
                System.out.print("through the url: " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            try (InputStream in = loader.getResourceAsStream("Plugin.class")) {
                System.out.println("class bytes " + in.readAllBytes().length);
            }
            System.out.println("missing resource " + loader.getResource("config/none"));
        }
        for (File f : dir.listFiles()) {
            f.delete();
        }
        System.out.println("cleaned " + dir.delete());
    }

    static Map<String, String> sorted(Attributes attributes) {
        Map<String, String> m = new TreeMap<>();
        for (Map.Entry<Object, Object> e : attributes.entrySet()) {
            m.put(e.getKey().toString(), e.getValue().toString());
        }
        return m;
    }
}
