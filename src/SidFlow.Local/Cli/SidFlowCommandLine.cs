using System.CommandLine;

namespace SidFlow.Local.Cli;

public static class SidFlowCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("SidFlow: the High Voltage SID Collection as a searchable music service");
        root.Subcommands.Add(UpCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(FetchCommand.Create());
        root.Subcommands.Add(RenderCommand.Create());
        root.Subcommands.Add(ClassifyCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(JobsCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(CacheCommand.Create());
        root.Subcommands.Add(BackupCommand.CreateBackup());
        root.Subcommands.Add(BackupCommand.CreateRestore());
        root.Subcommands.Add(EdgeAgentCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }
}
