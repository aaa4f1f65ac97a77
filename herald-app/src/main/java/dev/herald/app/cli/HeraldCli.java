package dev.herald.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code herald}: the hub and its tools in one command. */
@Command(name = "herald",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Herald: a Server-Sent Events hub speaking the Mercure protocol.",
        subcommands = {ServeCommand.class, PublishCommand.class, TailCommand.class, TokenCommand.class,
                CommandLine.HelpCommand.class})
public final class HeraldCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ObservabilityOptions.selectLogFormat(args);
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new HeraldCli());
        cli.registerConverter(java.time.Duration.class, new DurationConverter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
