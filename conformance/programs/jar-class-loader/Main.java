import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A class loaded through a URLClassLoader from a jar written at run time into a scratch
 * folder of the current directory: its package takes the manifest's attributes.
 */
public class Main {
    static final String DIR = "jar-class-loader.scratch";

    public static void main(String[] args) throws Exception {
        File dir = new File(DIR);
        dir.mkdirs();
        File jar = new File(dir, "plugin.jar");
        // Removed even when loading fails (files go in the reverse order of registration).
        dir.deleteOnExit();
        jar.deleteOnExit();
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "plugin.Plugin");
        main.put(Attributes.Name.IMPLEMENTATION_TITLE, "Plugin Title");
        main.put(Attributes.Name.IMPLEMENTATION_VERSION, "2.5");
        main.putValue("X-Long-Value", "a value long enough to be wrapped over more than one line of the manifest, "
            + "which is seventy-two bytes wide");
        Attributes section = new Attributes();
        section.putValue("Sealed", "false");
        manifest.getEntries().put("plugin/", section);

        byte[] pluginClass;
        try (InputStream in = Main.class.getResourceAsStream("/plugin/Plugin.class")) {
            pluginClass = in.readAllBytes();
        }
        try (JarOutputStream jos = new JarOutputStream(new FileOutputStream(jar), manifest)) {
            JarEntry e = new JarEntry("plugin/Plugin.class");
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

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, null)) {
            Class<?> c = Class.forName("plugin.Plugin", true, loader);
            System.out.println("loaded " + c.getName() + " same as ours " + (c == plugin.Plugin.class));
            @SuppressWarnings("unchecked")
            Supplier<String> s = (Supplier<String>) c.getDeclaredConstructor().newInstance();
            System.out.println(s.get());
            Package p = c.getPackage();
            System.out.println("package '" + p.getName() + "' title " + p.getImplementationTitle() + " version "
                + p.getImplementationVersion() + " sealed " + p.isSealed());
            System.out.println("ours " + plugin.Plugin.class.getPackage().getImplementationTitle());
            URL resource = loader.getResource("config/plugin.properties");
            System.out.println("resource url ends " + resource.toString().endsWith("plugin.jar!/config/plugin.properties")
                + " protocol " + resource.getProtocol());
            System.out.println("missing resource " + loader.getResource("config/none"));
        }
        for (File f : dir.listFiles()) {
            f.delete();
        }
        System.out.println("cleaned " + dir.delete());
    }
}
