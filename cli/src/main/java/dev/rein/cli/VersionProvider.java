package dev.rein.cli;

import picocli.CommandLine;

/** {@code rein --version}: Rein's version and the Java runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Rein.class.getPackage().getImplementationVersion();
        return new String[] {
            "rein " + (version == null ? "development build" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ")"
        };
    }
}
