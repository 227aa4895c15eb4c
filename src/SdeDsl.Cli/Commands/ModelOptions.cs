using System.CommandLine;

namespace SdeDsl.Cli.Commands;

/// <summary>Options shared by the commands that run a model.</summary>
internal static class ModelOptions
{
    public static Option<string[]> Assembly() => new("--assembly")
    {
        Description = "A compiled library (.dll) whose [SdeModel] types are added to the catalog; may be given several times.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "Hyperparameters, NAME=VALUE[,NAME=VALUE…] (case-insensitive names), e.g. --set Eta=0.01,Beta1=0.9. Those not set are 0.",
    };

    public static Option<string> Objective() => new("--objective")
    {
        Description = "The objective: " + SdeDsl.Runs.ObjectiveSpec.Grammar,
        Required = true,
    };

    public static Option<string> Noise() => new("--noise")
    {
        Description = "The gradient noise: " + SdeDsl.Runs.NoiseSpec.Grammar,
        Required = true,
    };

    public static Option<ulong> Seed() => new("--seed")
    {
        Description = "The seed of every random draw; the same seed gives the same numbers on any number of threads.",
        DefaultValueFactory = _ => 1,
    };

    public static Option<string> X0() => new("--x0")
    {
        Description = "The starting point: one value for every coordinate, or one per coordinate (comma-separated).",
        DefaultValueFactory = _ => "1",
    };

    public static Option<string[]> Init() => new("--init")
    {
        Description = "Starting values of another state, STATE=v1,v2,… (one value or one per coordinate), e.g. --init v=1; may repeat. Others start at 0.",
    };

    public static Option<string> Out() => new("--out")
    {
        Description = "The output folder.",
        DefaultValueFactory = _ => "sdedsl-results",
    };

    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = "Run through a cluster of 'sdedsl worker's: [ID@]host:gateway-port[,…] or [ID@]redis://HOST[:PORT][,OPTION=VALUE…] (see 'sdedsl worker --help'). The results are the same bits as in process.",
    };

    public static Option<int> WorkItemPaths() => new("--work-item-paths")
    {
        Description = "With --cluster: paths per work item, a multiple of 256. Smaller items spread better and retry cheaper; larger ones cost less overhead. Results do not depend on it.",
        DefaultValueFactory = _ => 16_384,
    };

    public static Option<int> MaxWorkers() => new("--max-workers")
    {
        Description = "With --cluster: at most this many workers run the items at once (the first in address order; a worker that leaves is replaced). 0: every worker. Results do not depend on it.",
        DefaultValueFactory = _ => 0,
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Threads to use; 0, the default, is every core. Results do not depend on it.",
        DefaultValueFactory = _ => 0,
    };
}
