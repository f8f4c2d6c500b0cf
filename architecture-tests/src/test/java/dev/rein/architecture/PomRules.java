package dev.rein.architecture;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The module rules of {@link ModuleRules} on what each module's pom.xml declares: its dependencies on Rein's
 * artifacts, in any scope and in any profile, are modules it may use.
 */
final class PomRules {
    private static final Set<String> REIN_GROUPS = Set.of("dev.rein", "${project.groupId}");

    private PomRules() {
    }

    /** One line per dependency of {@code pom} (the pom.xml of {@code module}) that the rules forbid. */
    static List<String> violations(ReinModule module, Document pom) {
        List<String> violations = new ArrayList<>();
        NodeList dependencies = pom.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if (!REIN_GROUPS.contains(child(dependency, "groupId"))
                    || inside(dependency, "dependencyManagement") || inside(dependency, "plugin")) {
                continue;
            }
            String artifactId = child(dependency, "artifactId");
            Optional<ReinModule> target = ModuleRules.byArtifact(artifactId);
            if (target.isEmpty()) {
                violations.add(module.folder() + " depends on " + artifactId + ", which is no module of Rein");
            } else if (!ModuleRules.allowed(module).contains(target.get())) {
                violations.add(module.folder() + " may not depend on " + target.get().folder());
            }
        }
        return violations;
    }

    /** The folders the parent pom lists as modules, its profiles' included. */
    static List<String> modules(Document parentPom) {
        NodeList modules = parentPom.getElementsByTagName("module");
        List<String> folders = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            folders.add(modules.item(i).getTextContent().trim());
        }
        return folders;
    }

    static Document read(Path pom) throws IOException {
        return parse(new InputSource(pom.toUri().toString()));
    }

    static Document parse(String xml) throws IOException {
        return parse(new InputSource(new StringReader(xml)));
    }

    private static Document parse(InputSource source) throws IOException {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(source);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read " + source.getSystemId(), e);
        }
    }

    private static String child(Element element, String name) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (name.equals(child.getNodeName())) {
                return child.getTextContent().trim();
            }
        }
        return "";
    }

    private static boolean inside(Node node, String ancestor) {
        for (Node parent = node.getParentNode(); parent != null; parent = parent.getParentNode()) {
            if (ancestor.equals(parent.getNodeName())) {
                return true;
            }
        }
        return false;
    }
}
