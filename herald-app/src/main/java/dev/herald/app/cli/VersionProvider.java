package dev.herald.app.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, when there is one. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = HeraldCli.class.getPackage().getImplementationVersion();
        return new String[] {"herald " + (v == null ? "development build" : v)};
    }
}
